"""Replace a file's content in one step: a temporary file beside it, then a rename; a failed write leaves
the old file and no temporary behind. The temporary is created new (never through a planted symlink or an
existing file) and owner-only unless another mode is asked for."""

from __future__ import annotations

import os

from prelaunch.paths import PRIVATE_FILE

# a file made new: never through a planted link, never over an existing file
CREATE_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


def write(path: str, data: bytes, keep_mode: bool = False, sync: bool = False, mode: int = PRIVATE_FILE) -> None:
    """`keep_mode` gives the new file the replaced file's permissions (a launcher's own file); otherwise the
    file gets `mode`. `sync` flushes to disk before the rename."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        if keep_mode:
            try:
                mode = os.stat(path).st_mode & 0o7777
            except OSError:
                pass
        try:
            os.unlink(temporary)  # left by a killed writer whose pid this one now has (unlink never follows)
        except FileNotFoundError:
            pass
        descriptor = os.open(temporary, CREATE_NEW, mode)
        with open(descriptor, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temporary, mode)  # the umask may have narrowed it; a launcher's file keeps its own mode
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
