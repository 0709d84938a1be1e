"""The small JSON records prelaunch keeps about a player while they play (who holds an account, a "Launch
anyway" given to `check`): owner-only, written whole under a `filelock.FileLock` beside them so that two
prelaunch processes never write one at once, and read without following a symlink, waiting on a FIFO or
swallowing a huge file. A record that cannot be read is no record."""

from __future__ import annotations

import errno
import json
import os
import stat

import filelock

from prelaunch import atomicfile, paths

MAX_BYTES = 64 * 1024  # a record is a few hundred bytes
WRITER_WAIT_S = 2.0  # another writer holds the record's lock for a moment, never longer
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


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


def write(path: str, doc: dict) -> None:
    """Replace the record at `path` with `doc`. Raises OSError (including filelock.Timeout) when it cannot."""
    folder(os.path.dirname(path))
    with writer_lock(path):
        atomicfile.write(path, json.dumps(doc).encode())


def remove(path: str) -> None:
    """Remove the record at `path`, if any (unlink never follows a symlink)."""
    with writer_lock(path):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


def read(path: str) -> object:
    """The JSON document at `path`. Raises OSError when there is none or it is not a regular file, and
    ValueError when it is damaged (not JSON, larger than MAX_BYTES, nested too deep)."""
    fd = os.open(path, _READ_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", path)
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES} bytes")
    try:
        return json.loads(b"".join(chunks))
    except RecursionError as exc:
        raise ValueError("nested too deep") from exc
