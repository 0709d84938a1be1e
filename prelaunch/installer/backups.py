"""Safe writes of launcher files: a backup before the first change, then an atomic replace that keeps the
file's permissions. Backups are prelaunch's own files (0600 in 0700 folders, created so). Both reach the run's
journal first (`Journal.created`, `Journal.written`); a write given no journal (a rollback's own) is not
recorded."""

from __future__ import annotations

import hashlib
import os
import time

from prelaunch import fileio, paths
from prelaunch.installer.journal import Journal


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def backups_dir() -> str:
    return os.path.join(paths.data_dir(), "backups")


def backup_path(path: str, journal: Journal | None) -> str:
    """Where the backup of a file goes: an empty file, created owner-only (a database copied into it keeps
    that mode), recorded in the journal first."""
    folder = paths.private_dir(os.path.join(paths.private_dir(backups_dir()), time.strftime("%Y%m%d-%H%M%S")))
    name = f"{sha256(os.path.abspath(path).encode())[:12]}-{os.path.basename(path)}"
    for attempt in range(100):
        target = os.path.join(folder, name if attempt == 0 else f"{attempt}-{name}")
        if os.path.lexists(target):
            continue
        if journal is not None:
            journal.created(target)
        os.close(os.open(target, fileio.CREATE_NEW, paths.PRIVATE_FILE))
        return target
    raise FileExistsError(f"no free backup name in {folder}")


def backup(path: str, journal: Journal | None) -> str:
    """Copy a file (with its times) into prelaunch's backups; return where it went."""
    target = backup_path(path, journal)
    with open(path, "rb") as source:
        data = source.read()
    with open(os.open(target, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)), "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    times = os.stat(path)
    os.utime(target, ns=(times.st_atime_ns, times.st_mtime_ns))
    return target


def atomic_write(path: str, data: bytes, journal: Journal | None) -> None:
    """Replace a launcher file in one step, on disk before the rename, keeping its permissions."""
    if journal is not None:
        journal.written(path, sha256(data))
    fileio.write(path, data, keep_mode=True, sync=True)
