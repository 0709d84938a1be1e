"""Where prelaunch keeps its own files: platformdirs' user dirs, so HOME and XDG_* move all of them.

On Linux and the BSDs the XDG rules are applied here directly: importing platformdirs (or even pathlib) costs
a good part of the wrapper's budget, so these are plain strings. tests/test_paths.py holds them equal to
platformdirs' answers.
"""

from __future__ import annotations

import os
import sys

APP = "prelaunch"
_XDG = {"data": ("XDG_DATA_HOME", ".local/share"), "config": ("XDG_CONFIG_HOME", ".config"),
        "state": ("XDG_STATE_HOME", ".local/state"), "cache": ("XDG_CACHE_HOME", ".cache")}


def _user_dir(kind: str) -> str:
    if sys.platform in ("win32", "darwin"):
        import platformdirs

        return getattr(platformdirs, f"user_{kind}_dir")(APP, appauthor=False)
    variable, fallback = _XDG[kind]
    base = os.environ.get(variable, "").strip()
    return os.path.join(base if base else os.path.join(os.path.expanduser("~"), fallback), APP)


def config_file() -> str:
    return os.environ.get("PRELAUNCH_CONFIG") or os.path.join(_user_dir("config"), "config.toml")


def state_dir() -> str:
    return _user_dir("state")


def cache_dir() -> str:
    return _user_dir("cache")


def log_dir() -> str:
    if sys.platform in ("win32", "darwin"):
        import platformdirs

        return platformdirs.user_log_dir(APP, appauthor=False)
    return os.path.join(state_dir(), "log")


def log_file() -> str:
    return os.path.join(log_dir(), "prelaunch.log")


def append_log(line: str) -> None:
    """One timestamped line in prelaunch's log; never a token, and a log that cannot be written is skipped."""
    import time

    try:
        os.makedirs(log_dir(), exist_ok=True)
        with open(log_file(), "a", encoding="utf-8") as handle:
            handle.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {line}\n")
    except OSError:
        pass


def data_dir() -> str:
    return _user_dir("data")
