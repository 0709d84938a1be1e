"""Read a file whose content prelaunch does not control, with bounds: only a regular file, and at most a cap
that depends on what kind of file it is.

A FIFO blocks an open or a read until someone writes to it, a device such as /dev/zero never ends, a huge file
costs seconds to parse: a launch waits on none of them. A refusal is an OSError (`Skipped`) whose `strerror`
says why, so every caller that already turns an unreadable file into a note, a problem line or a default
also says which file was skipped and why.
"""

from __future__ import annotations

import errno
import io
import os
import stat

KIB = 1024
MIB = 1024 * KIB

# Caps, per kind of file: far above any real one, low enough that reading and parsing one at its cap costs a
# launch a fraction of a second (measured on a 2-core x86_64: INI 256 KiB 70 ms, hosts 8 MiB 0.3 s).
LAUNCHER_INI = 256 * KIB  # instance.cfg, prismlauncher.cfg, multimc.cfg: a few kB
LAUNCHER_JSON = 4 * MIB  # accounts.json (about 4 kB an account), minecraft_auth.json, profile.json
CONFIG_FILE = 256 * KIB  # config.toml: written by hand
HOSTS_FILE = 8 * MIB  # the hosts file: ad-blocking lists run to a few MB
STATE_FILE = 1 * MIB  # prelaunch's own records: network cache, holder records, consent

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_BINARY", 0))
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


class Skipped(OSError):
    """A file that was not read: not a regular file, or larger than its cap."""


def _size(count: int) -> str:
    return f"{count // MIB} MiB" if count >= MIB and count % MIB == 0 else f"{count // KIB} KiB"


def signature(path: str | os.PathLike) -> tuple[int, int, int] | None:
    """(mtime in ns, size, inode) of the file at `path`, or None when it cannot be seen: what changes when a
    file is written in place or replaced."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def open_regular(path: str | os.PathLike, follow_symlinks: bool = True) -> io.BufferedReader:
    """An open binary handle on the regular file at `path`, for a caller that reads only part of it.

    Opening never waits (O_NONBLOCK: a FIFO with no writer opens at once, and is then refused). With
    `follow_symlinks` false a symlink at `path` is refused too (ELOOP): for prelaunch's own files, which it
    never makes links. Raises OSError as `open` does (FileNotFoundError, PermissionError, ELOOP for a symlink
    loop), or `Skipped` for anything but a regular file.
    """
    path = os.fspath(path)
    flags = _OPEN_FLAGS | (0 if follow_symlinks else getattr(os, "O_NOFOLLOW", 0))
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "a special file")
            code = errno.EISDIR if stat.S_ISDIR(info.st_mode) else errno.EINVAL
            raise Skipped(code, f"skipped: it is {kind}, not a regular file", path)
        return open(descriptor, "rb")  # from here the handle closes the descriptor
    except BaseException:
        os.close(descriptor)
        raise


def read(path: str | os.PathLike, cap: int, follow_symlinks: bool = True) -> bytes:
    """The whole content of the regular file at `path` (opened as `open_regular` does), when it holds at most
    `cap` bytes. Raises OSError, or `Skipped` for a file that is not regular or is larger than `cap`."""
    path = os.fspath(path)
    with open_regular(path, follow_symlinks) as handle:
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(cap + 1) if size <= cap else b""
    if size <= cap and len(data) <= cap:  # a file that grows meanwhile is read no further than cap + 1
        return data
    raise Skipped(errno.EFBIG, f"skipped: larger than {_size(cap)}, the most prelaunch reads of this file", path)
