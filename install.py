#!/usr/bin/env python3
"""Set prelaunch up: a private virtual environment in the user data dir, this checkout installed into it,
then `prelaunch install` (or `uninstall`) with the same options. Standard library only."""

import os
import subprocess
import sys
from pathlib import Path

MINIMUM = (3, 9)
HERE = Path(__file__).resolve().parent


def user_data_dir() -> Path:
    """The same folder as platformdirs.user_data_dir("prelaunch", appauthor=False)."""
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "prelaunch"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "prelaunch"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "prelaunch"


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def main(argv: list) -> int:
    if sys.version_info < MINIMUM:
        print(f"prelaunch needs Python {MINIMUM[0]}.{MINIMUM[1]} or newer; this is {sys.version.split()[0]}.")
        return 1
    uninstall = "--uninstall" in argv
    options = [a for a in argv if a != "--uninstall"]
    venv = user_data_dir() / "venv"
    python = venv_python(venv)
    if not python.exists():
        print(f"Creating a private environment for prelaunch in {venv}")
        import venv as venv_module

        try:
            venv_module.EnvBuilder(with_pip=True).create(venv)
        except Exception as exc:  # noqa: BLE001 - explain, don't dump a traceback
            print(f"Could not create it ({exc}). On Debian/Ubuntu: sudo apt install python3-venv")
            return 1
    if not uninstall:
        print(f"Installing prelaunch from {HERE} into it")
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", str(HERE)]
        if subprocess.call(pip) != 0:
            print("pip could not install prelaunch (see above). Nothing in any launcher was changed.")
            return 1
    return subprocess.call([str(python), "-m", "prelaunch", "uninstall" if uninstall else "install", *options])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
