"""The programs launchers run: small scripts in prelaunch's data dir that start the private environment's
interpreter on `check` or `wrap`. They embed that interpreter's path, so they are written at install.

POSIX: shell scripts that `exec` Python (the pid stays the launcher's child, as the wrapper needs), with
`-I` so nothing in the instance folder (the working dir) can shadow prelaunch. Windows: one .pyw file that
`pythonw.exe` runs, so no console window opens (the Modrinth App gives a hook none of its own).
"""

from __future__ import annotations

import os
import sys

from prelaunch import atomicfile, paths

MAIN = "import sys; from prelaunch.cli import main; sys.exit(main())"
WINDOWS_ENTRY = "prelaunch_entry.pyw"


def bin_dir() -> str:
    return os.path.join(paths.data_dir(), "bin")


def _sh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def commands(directory: str | None = None, python: str | None = None) -> dict[str, list[str]]:
    """For "check" and "wrap": the program and arguments a launcher's command starts with (nothing written)."""
    directory = directory or bin_dir()
    python = python or sys.executable
    if os.name == "nt":
        pythonw = os.path.join(os.path.dirname(python), "pythonw.exe")
        python = pythonw if os.path.exists(pythonw) else python
        slash = [python.replace("\\", "/"), os.path.join(directory, WINDOWS_ENTRY).replace("\\", "/")]
        return {"check": [*slash, "check"], "wrap": [*slash, "wrap", "--"]}
    return {action: [os.path.join(directory, f"prelaunch-{action}")] for action in ("check", "wrap")}


def write(directory: str | None = None, python: str | None = None) -> dict[str, list[str]]:
    """Write the entry scripts; return what `commands()` returns."""
    directory = directory or bin_dir()
    python = python or sys.executable
    os.makedirs(directory, exist_ok=True)
    if os.name == "nt":
        atomicfile.write(os.path.join(directory, WINDOWS_ENTRY), f"{MAIN}\n".encode())
    else:
        for action, tail in (("check", 'check "$@"'), ("wrap", 'wrap -- "$@"')):
            script = f"#!/bin/sh\nexec {_sh_quote(python)} -I -c {_sh_quote(MAIN)} {tail}\n"
            atomicfile.write(os.path.join(directory, f"prelaunch-{action}"), script.encode(), mode=0o755)
    return commands(directory, python)


def present(directory: str | None = None) -> bool:
    directory = directory or bin_dir()
    names = [WINDOWS_ENTRY] if os.name == "nt" else ["prelaunch-check", "prelaunch-wrap"]
    return all(os.path.exists(os.path.join(directory, name)) for name in names)
