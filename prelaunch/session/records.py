"""The small JSON records prelaunch keeps about a player while they play (who holds an account, a "Launch
anyway" given to `check`): owner-only, written whole under a `filelock.FileLock` beside them so that two
prelaunch processes never write one at once, and read without following a symlink, waiting on a FIFO or
swallowing a huge file. A record that cannot be read is no record."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Mapping

import filelock

from prelaunch import fileio, paths

WRITER_WAIT_S = 2.0  # another writer holds the record's lock for a moment, never longer


def folder(path: str) -> str:
    """`path` as prelaunch's own 0700 folder inside a 0700 parent (prelaunch's state dir, which may be a
    link the player made); a symlink planted in the folder's own place is refused (OSError), so that nothing
    outside prelaunch's folders is changed through it."""
    paths.private_dir(os.path.dirname(path))
    if os.path.islink(path):
        raise OSError(errno.ELOOP, "is a symbolic link, not prelaunch's own folder", path)
    return paths.private_dir(path)


def writer_lock(path: str) -> filelock.FileLock:
    """The lock two writers of the record at `path` share (a `.lock` file beside it, owner-only)."""
    return filelock.FileLock(f"{path}.lock", timeout=WRITER_WAIT_S, mode=paths.PRIVATE_FILE)


def write(path: str, doc: Mapping[str, object]) -> None:
    """Replace the record at `path` with `doc`. Raises OSError (including filelock.Timeout) when it cannot."""
    folder(os.path.dirname(path))
    with writer_lock(path):
        fileio.write(path, json.dumps(doc).encode())


def remove(path: str) -> None:
    """Remove the record at `path`, if any (unlink never follows a symlink)."""
    with writer_lock(path):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


def read(path: str) -> object:
    """The JSON document at `path`. Raises OSError when there is none, it is not a regular file, a symlink or
    larger than `fileio.STATE_FILE`, and ValueError when it is damaged (not JSON, nested too deep)."""
    data = fileio.read(path, fileio.STATE_FILE, follow_symlinks=False)
    try:
        return json.loads(data)
    except RecursionError as exc:
        raise ValueError("nested too deep") from exc
