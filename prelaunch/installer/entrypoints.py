"""The programs launchers run: small scripts in prelaunch's data dir that start the private environment's
interpreter on `check` or `wrap`. They embed that interpreter's path, so they are written at install.

POSIX: shell scripts that `exec` Python (the pid stays the launcher's child, as the wrapper needs), with
`-I` so nothing in the instance folder (the working dir) can shadow prelaunch, and `-S`: the `site` module's
start-up work (reading every `.pth` file of the environment) costs each launch 1-1.5 ms, so the script names
the folders `site` would add itself. Windows: one .pyw file that `pythonw.exe` runs, so
no console window opens (the Modrinth App gives a hook none of its own).
"""

from __future__ import annotations

import os
import sys

from prelaunch import atomicfile, paths

MAIN = "from prelaunch.cli import main; sys.exit(main())"  # after `import sys`
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


_WITH_SITE = "import json, os, sys, prelaunch; print(json.dumps([sys.path, os.path.dirname(prelaunch.__path__[0])]))"
_WITHOUT_SITE = "import json, sys; print(json.dumps(sys.path))"


def _ask(python: str, flags: list[str], question: str):
    import json
    import subprocess

    done = subprocess.run([python, *flags, "-c", question], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL, check=True)
    return json.loads(done.stdout)


def import_dirs(python: str) -> list[str] | None:
    """The folders `site` gives `python` (its site-packages, and what their .pth files add), with the one
    holding prelaunch first (an editable install's source tree is found by a hook, not a folder); None when
    `python` cannot tell."""
    import subprocess

    try:
        with_site, package_parent = _ask(python, ["-I"], _WITH_SITE)
        without_site = _ask(python, ["-I", "-S"], _WITHOUT_SITE)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return list(dict.fromkeys([package_parent, *(p for p in with_site if p not in without_site)]))


def write(directory: str | None = None, python: str | None = None) -> dict[str, list[str]]:
    """Write the entry scripts; return what `commands()` returns."""
    directory = directory or bin_dir()
    python = python or sys.executable
    os.makedirs(directory, exist_ok=True)
    if os.name == "nt":
        atomicfile.write(os.path.join(directory, WINDOWS_ENTRY), f"import sys; {MAIN}\n".encode())
    else:
        dirs = import_dirs(python)
        start = (f"-I -S -c {_sh_quote(f'import sys; sys.path += {dirs!r}; {MAIN}')}" if dirs is not None
                 else f"-I -c {_sh_quote(f'import sys; {MAIN}')}")  # site finds them, at a cost
        for action, tail in (("check", 'check "$@"'), ("wrap", 'wrap -- "$@"')):
            script = f"#!/bin/sh\nexec {_sh_quote(python)} {start} {tail}\n"
            atomicfile.write(os.path.join(directory, f"prelaunch-{action}"), script.encode(), mode=0o755)
    return commands(directory, python)


def present(directory: str | None = None) -> bool:
    directory = directory or bin_dir()
    names = [WINDOWS_ENTRY] if os.name == "nt" else ["prelaunch-check", "prelaunch-wrap"]
    return all(os.path.exists(os.path.join(directory, name)) for name in names)
