"""Safe writes of launcher files: a backup before the first change, then an atomic replace that keeps the
file's permissions."""

from __future__ import annotations

import hashlib
import os
import shutil
import time

from prelaunch import atomicfile, paths


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def backups_dir() -> str:
    return os.path.join(paths.data_dir(), "backups")


def backup_path(path: str) -> str:
    """Where the backup of a file goes (the folder is made)."""
    folder = os.path.join(backups_dir(), time.strftime("%Y%m%d-%H%M%S"))
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, f"{sha256(os.path.abspath(path).encode())[:12]}-{os.path.basename(path)}")


def backup(path: str) -> str:
    """Copy a file (with its times) into prelaunch's backups; return where it went."""
    target = backup_path(path)
    shutil.copy2(path, target)
    return target


def atomic_write(path: str, data: bytes) -> None:
    """Replace a launcher file in one step, on disk before the rename, keeping its permissions."""
    atomicfile.write(path, data, keep_mode=True, sync=True)
