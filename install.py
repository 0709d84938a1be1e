#!/usr/bin/env python3
"""Set prelaunch up: a private virtual environment in the user data dir, this checkout installed into it,
then `prelaunch install` with the same options (which also puts a `prelaunch` command in ~/.local/bin).
`--uninstall` runs `prelaunch uninstall` and removes the environment, unless prelaunch's scripts are still
there (a launcher file still names them, and they start this environment's Python). Standard library only.

Options of its own: --uninstall; --offline (install without contacting a package index: the environment
must already hold prelaunch's dependencies and setuptools 70.1 or newer, as after an earlier install).
Every other option goes to `prelaunch install|uninstall`: --launcher, --dir, --instance, --dry-run, --yes; and
to `prelaunch install` only: --devices-folder DIR, --no-devices-folder.
The options are read before anything is made: --help, or an option that is not one of these, makes nothing.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

MINIMUM = (3, 9)
HERE = Path(__file__).resolve().parent


def _home() -> str:
    """HOME when it is absolute, else the account's home (platformdirs' rule)."""
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return home
    import pwd

    return pwd.getpwuid(os.getuid()).pw_dir


def user_data_dir() -> Path:
    """platformdirs.user_data_dir("prelaunch", appauthor=False), before platformdirs is installed; the tests
    hold the two equal, blank and relative XDG values included."""
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "prelaunch"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "prelaunch"
    xdg = os.environ.get("XDG_DATA_HOME", "")  # used only when absolute, as the XDG spec says
    return Path(xdg if xdg.startswith("/") else os.path.join(_home(), ".local", "share")) / "prelaunch"


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def create_venv(venv: Path) -> bool:
    print(f"Creating a private environment for prelaunch in {venv}")
    import venv as venv_module

    try:
        venv_module.EnvBuilder(with_pip=True).create(venv)
    except Exception as exc:  # noqa: BLE001 - explain, don't dump a traceback
        print(f"Could not create it ({exc}). On Debian or Ubuntu: sudo apt install python3-venv")
        return False
    return True


def install_checkout(python: Path, offline: bool) -> bool:
    print(f"Installing prelaunch from {HERE} into it")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade"]
    if offline:
        pip += ["--no-index", "--no-build-isolation"]
    if subprocess.call([*pip, str(HERE)]) != 0:
        print("pip could not install prelaunch (see above). Nothing in any launcher was changed.")
        return False
    return True


LAUNCHERS = ("prism", "multimc", "modrinth")  # `prelaunch install --launcher` (a test holds the two equal)


def parser() -> argparse.ArgumentParser:
    """install.py's options: its own two, and those of `prelaunch install` (a test holds them equal; uninstall
    takes them all but the two about [devices])."""
    options = argparse.ArgumentParser(
        prog="install.py", description="Put prelaunch in a private environment and register it in every launcher "
        "found (Prism Launcher, MultiMC, Modrinth App); --uninstall puts every launcher file back and removes "
        "the environment.")
    options.add_argument("--uninstall", action="store_true",
                         help="run `prelaunch uninstall`, then remove the environment")
    options.add_argument("--offline", action="store_true",
                         help="install without a package index (the environment must already hold prelaunch's "
                              "dependencies, as after an earlier install)")
    options.add_argument("--launcher", choices=LAUNCHERS, help="only this launcher")
    options.add_argument("--dir", metavar="DATA_DIR", help="the launcher's data folder, when it is not in its "
                                                           "usual place")
    options.add_argument("--instance", metavar="ID", help="only this instance (its folder name)")
    options.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    options.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    devices = options.add_mutually_exclusive_group()
    devices.add_argument("--devices-folder", metavar="DIR", help="install: set [devices] folder to DIR without "
                         "asking: the folder, synced between your computers, where each of them says which account "
                         "it plays (it must exist)")
    devices.add_argument("--no-devices-folder", action="store_true",
                         help="install: do not offer a [devices] folder (one already set stays)")
    return options


def forwarded(args: argparse.Namespace) -> list:
    """The options for `prelaunch install|uninstall`, each value attached to its option (a value that starts
    with '-' stays a value)."""
    options = [f"--{name.replace('_', '-')}={getattr(args, name)}"
               for name in ("launcher", "dir", "instance", "devices_folder") if getattr(args, name) is not None]
    return options + [flag for flag, on in (("--dry-run", args.dry_run), ("--yes", args.yes),
                                            ("--no-devices-folder", args.no_devices_folder)) if on]


def main(argv: list) -> int:
    reader = parser()
    args = reader.parse_args(argv)  # --help and every bad option end here, before anything is made
    if args.uninstall and (args.devices_folder is not None or args.no_devices_folder):
        reader.error("--devices-folder and --no-devices-folder go with an install, not --uninstall")
    if sys.version_info < MINIMUM:
        print(f"prelaunch needs Python {MINIMUM[0]}.{MINIMUM[1]} or newer; this is {sys.version.split()[0]}.")
        return 1
    options = forwarded(args)
    venv = user_data_dir() / "venv"
    python = venv_python(venv)
    if args.uninstall:
        if not python.exists():
            print(f"prelaunch is not installed here ({venv} does not exist); nothing to do.")
            return 0
        code = subprocess.call([str(python), "-I", "-m", "prelaunch", "uninstall", *options])
        if code != 0 or args.dry_run:
            return code
        if (venv.parent / "bin").exists():  # the scripts stay while a launcher still runs them, and need it
            print(f"Kept {venv}: prelaunch's scripts are still in use (see above).")
            return code
        shutil.rmtree(venv, ignore_errors=True)
        try:
            venv.parent.rmdir()  # prelaunch's data folder, when the environment was all that was left in it
        except OSError:
            pass
        print(f"Removed prelaunch's private environment, {venv}.")
        return code
    if not python.exists() and not create_venv(venv):
        return 1
    if not install_checkout(python, args.offline):
        return 1
    return subprocess.call([str(python), "-I", "-m", "prelaunch", "install", *options])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
