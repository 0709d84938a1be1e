"""The `prelaunch` command where the user's own commands go, so that "run `prelaunch doctor`" works after
`python3 install.py`: pipx's convention, `~/.local/bin` on every OS (pipx src/pipx/paths.py,
DEFAULT_PIPX_BIN_DIR). POSIX: a symlink to the environment's `prelaunch` (or, when the environment has no
such script, a small shell script starting its Python on `-m prelaunch`); Windows: `prelaunch.cmd`.

What is placed there is recorded in the manifest, with the folders install had to create for it; uninstall
removes it only while it is still what was placed, then those folders when they are left empty. A file of that
name that is not prelaunch's is left alone, and so is a folder the player already had."""

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


def missing_folders(folder_path: str) -> list[str]:
    """The folders that do not exist yet on the way to `folder_path`, outermost first."""
    missing: list[str] = []
    while not os.path.lexists(folder_path):
        missing.insert(0, folder_path)
        parent = os.path.dirname(folder_path)
        if parent == folder_path:
            break
        folder_path = parent
    return missing


def place(python: str, journal: Journal, earlier: CommandRecord | None = None) -> CommandRecord | None:
    """Put the command in place (nothing when it is already there); the record, or None when another file
    of that name is in the way. The folders created for it are in the record (`earlier`'s, when an earlier
    install placed it), each journaled before it is made, so a rollback removes them too."""
    record = wanted(python)
    if is_ours(record):
        if earlier and earlier.get("path") == record["path"] and earlier.get("folders"):
            record["folders"] = list(earlier["folders"])
        return record
    if os.path.lexists(record["path"]):
        return None
    created = missing_folders(folder())
    for made in created:
        journal.created(made)
        os.mkdir(made)
    if created:
        record["folders"] = created
    journal.created(record["path"])
    if "link" in record:
        os.symlink(record["link"], record["path"])
    else:
        fileio.write(record["path"], _script(python), mode=0o755)
    return record


def remove(record: CommandRecord | None) -> bool:
    """Remove the command when it is still what was placed, then the folders install created for it while
    they are empty (a folder the player put something in stays); False when the command was left (gone, or
    changed)."""
    if record is None:
        return False
    ours = is_ours(record)
    if ours:
        os.unlink(record["path"])
    for made in reversed(record.get("folders") or []):
        try:
            os.rmdir(made)  # only an empty folder, never a link (rmdir refuses one)
        except OSError:
            break
    return ours


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
