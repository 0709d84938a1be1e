"""Replace a file's content in one step: a temporary file beside it, then a rename; a failed write leaves
the old file and no temporary behind. Light to import: the wrapper writes its holder record with it."""

from __future__ import annotations

import os


def write(path: str, data: bytes, keep_mode: bool = False, sync: bool = False, mode: int | None = None) -> None:
    """`keep_mode` copies the replaced file's permissions; `sync` flushes to disk before the rename."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        if keep_mode:
            try:
                os.chmod(temporary, os.stat(path).st_mode & 0o7777)
            except OSError:
                pass
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
