"""The `prelaunch` command where the user's own commands go, so that "run `prelaunch doctor`" works after
`python3 install.py`: pipx's convention, `~/.local/bin` on every OS (pipx src/pipx/paths.py,
DEFAULT_PIPX_BIN_DIR). POSIX: a symlink to the environment's `prelaunch` (or, when the environment has no
such script, a small shell script starting its Python on `-m prelaunch`); Windows: `prelaunch.cmd`.

What is placed there is recorded in the manifest; uninstall removes it only while it is still what was
placed. A file of that name that is not prelaunch's is left alone."""

from __future__ import annotations

import hashlib
import os

from prelaunch import fileio, paths
from prelaunch.installer.journal import Journal
from prelaunch.installer.records import CommandRecord


def folder() -> str:
    return os.path.dirname(path())


def path() -> str:
    return paths.user_command()


def _environment_script(python: str) -> str | None:
    script = os.path.join(os.path.dirname(python), "prelaunch")
    return script if os.name != "nt" and os.path.isfile(script) and os.access(script, os.X_OK) else None


def _script(python: str) -> bytes:
    if os.name == "nt":
        return f'@"{python}" -m prelaunch %*\r\n'.encode()
    quoted = "'" + python.replace("'", "'\\''") + "'"
    return f'#!/bin/sh\nexec {quoted} -m prelaunch "$@"\n'.encode()


def wanted(python: str) -> CommandRecord:
    """The record of what belongs at `path()` for this environment."""
    link = _environment_script(python)
    if link:
        return {"path": path(), "link": link}
    return {"path": path(), "sha256": hashlib.sha256(_script(python)).hexdigest()}


def is_ours(record: CommandRecord | None) -> bool:
    """Whether `path()` still holds what `record` says prelaunch put there."""
    if not record:
        return False
    where = record["path"]
    try:
        if "link" in record:
            return os.path.islink(where) and os.readlink(where) == record["link"]
        if os.path.islink(where):
            return False
        with open(where, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest() == record.get("sha256")
    except OSError:
        return False


def place(python: str, journal: Journal) -> CommandRecord | None:
    """Put the command in place (nothing when it is already there); the record, or None when another file
    of that name is in the way."""
    record = wanted(python)
    if is_ours(record):
        return record
    if os.path.lexists(record["path"]):
        return None
    os.makedirs(folder(), exist_ok=True)
    journal.created(record["path"])
    if "link" in record:
        os.symlink(record["link"], record["path"])
    else:
        fileio.write(record["path"], _script(python), mode=0o755)
    return record


def remove(record: CommandRecord | None) -> bool:
    """Remove the command when it is still what was placed; False when it was left (gone, or changed)."""
    if record is None or not is_ours(record):
        return False
    os.unlink(record["path"])
    return True


def on_path(directory: str) -> bool:
    wanted_dir = os.path.realpath(directory)
    return any(entry and os.path.realpath(os.path.expanduser(entry)) == wanted_dir
               for entry in os.environ.get("PATH", "").split(os.pathsep))


def advice(record: CommandRecord) -> list[str]:
    """What the install says about the command: where it is, and how to run it while its folder is not on
    PATH."""
    if on_path(folder()):
        return [f"The `prelaunch` command is in {folder()} (on your PATH): try `prelaunch doctor`."]
    run_now = record.get("link") or record["path"]
    return [f"The `prelaunch` command is in {folder()}, which is not on your PATH yet.",
            "  Add it (`pipx ensurepath` does, or add the line  export PATH=\"$HOME/.local/bin:$PATH\"  to "
            "~/.profile) and open a new terminal." if os.name != "nt" else
            f"  Add {folder()} to your user PATH and open a new terminal.",
            f"  Meanwhile: {run_now} doctor"]
