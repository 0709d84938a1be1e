"""The programs launchers run, from the top-level `hooks/` folder (installed as `prelaunch.hooks`): written
into prelaunch's data folder at install, with the private environment's interpreter filled in.

POSIX: `prelaunch-check` and `prelaunch-wrap`, shell scripts that `exec` Python (the pid stays the launcher's
child, as the wrapper needs). Windows: `prelaunch_entry.pyw`, run by `pythonw.exe` so no console opens.
"""

from __future__ import annotations

import os
import shlex
import sys
from importlib import resources

import prelaunch
from prelaunch import fileio, paths

WINDOWS_ENTRY = "prelaunch_entry.pyw"
POSIX_SCRIPTS = {"check": "prelaunch-check", "wrap": "prelaunch-wrap"}  # action -> installed name
PYTHON_SLOT = "@PYTHON@"


def bin_dir() -> str:
    return os.path.join(paths.data_dir(), "bin")


def source(name: str) -> str:
    """A file of `hooks/` as shipped with this prelaunch (in a source checkout: the folder beside the package)."""
    try:
        return resources.files("prelaunch.hooks").joinpath(name).read_text(encoding="utf-8")
    except ModuleNotFoundError:  # prelaunch imported from a checkout's working directory, not installed
        checkout = os.path.dirname(os.path.dirname(os.path.abspath(prelaunch.__file__)))
        with open(os.path.join(checkout, "hooks", name), encoding="utf-8") as handle:
            return handle.read()


def commands(directory: str | None = None, python: str | None = None) -> dict[str, list[str]]:
    """For "check" and "wrap": the program and arguments a launcher's command starts with (nothing written)."""
    directory = directory or bin_dir()
    python = python or sys.executable
    if os.name == "nt":
        pythonw = os.path.join(os.path.dirname(python), "pythonw.exe")
        python = pythonw if os.path.exists(pythonw) else python
        slash = [python.replace("\\", "/"), os.path.join(directory, WINDOWS_ENTRY).replace("\\", "/")]
        return {"check": [*slash, "check"], "wrap": [*slash, "wrap", "--"]}
    return {action: [os.path.join(directory, name)] for action, name in POSIX_SCRIPTS.items()}


def write(directory: str | None = None, python: str | None = None) -> dict[str, list[str]]:
    """Write the entry scripts; return what `commands()` returns."""
    directory = directory or bin_dir()
    python = python or sys.executable
    paths.private_dir(directory)
    if os.name == "nt":
        fileio.write(os.path.join(directory, WINDOWS_ENTRY), source(WINDOWS_ENTRY).encode())
    else:
        for name in POSIX_SCRIPTS.values():
            script = source(f"{name}.sh").replace(PYTHON_SLOT, shlex.quote(python))
            fileio.write(os.path.join(directory, name), script.encode(), mode=0o700)
    return commands(directory, python)


def present(directory: str | None = None) -> bool:
    directory = directory or bin_dir()
    names = [WINDOWS_ENTRY] if os.name == "nt" else list(POSIX_SCRIPTS.values())
    return all(os.path.exists(os.path.join(directory, name)) for name in names)
