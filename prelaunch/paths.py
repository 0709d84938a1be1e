"""Where prelaunch keeps its own files: platformdirs' user dirs, so HOME and the XDG variables move all of
them. What prelaunch writes about a player is the player's alone: folders 0700, files 0600 (POSIX)."""

from __future__ import annotations

import os
import shutil
import sys
import time

APP = "prelaunch"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def _user_dir(kind: str) -> str:
    """platformdirs' `user_<kind>_dir` of prelaunch; imported when a folder is asked for (the watchdog, which
    stays small, asks only when it writes)."""
    import platformdirs

    return str(getattr(platformdirs, f"user_{kind}_dir")(APP, appauthor=False))


def default_config_dir() -> str:
    """The folder of config.toml when PRELAUNCH_CONFIG does not name another file."""
    return _user_dir("config")


def config_file() -> str:
    return os.environ.get("PRELAUNCH_CONFIG") or os.path.join(default_config_dir(), "config.toml")


def data_dir() -> str:
    return _user_dir("data")


def state_dir() -> str:
    return _user_dir("state")


def cache_dir() -> str:
    return _user_dir("cache")


def log_dir() -> str:
    return _user_dir("log")


def log_file() -> str:
    return os.path.join(log_dir(), "prelaunch.log")


def user_command() -> str:
    """Where the installer puts the `prelaunch` command: the folder of a user's own commands (pipx's:
    ~/.local/bin)."""
    return os.path.join(os.path.expanduser("~"), ".local", "bin", "prelaunch.cmd" if os.name == "nt" else "prelaunch")


def how_to_run() -> str:
    """What a player types to run prelaunch: `prelaunch` when it is on the PATH, else the full path of the
    installed command, else this interpreter with `-m prelaunch`."""
    if shutil.which("prelaunch"):
        return "prelaunch"
    if os.path.exists(user_command()):
        return user_command()
    return f"{sys.executable} -m prelaunch"


def private_dir(path: str) -> str:
    """`path` as a folder only this user can enter: created 0700 (with any missing parents, each 0700 as the
    XDG base directory rules ask), or, when it already exists, narrowed to 0700. Raises OSError when it cannot
    be made."""
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent) and parent != os.path.abspath(path):
        private_dir(parent)  # os.makedirs gives the parents it creates the umask's mode, not 0700
    try:
        os.mkdir(path, PRIVATE_DIR)
    except FileExistsError:
        if not os.path.isdir(path):
            raise
    if os.name != "nt" and os.stat(path).st_mode & 0o077:
        os.chmod(path, PRIVATE_DIR)
    return path


def append_log(line: str) -> None:
    """One timestamped line in prelaunch's log; never a token, and a log that cannot be written is skipped."""
    try:
        private_dir(log_dir())
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(log_file(), flags, PRIVATE_FILE)
        with open(descriptor, "a", encoding="utf-8") as handle:
            handle.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {line}\n")
    except OSError:
        pass
