"""One lock per account, shared by every launcher on this machine, held for exactly the life of the game.

The lock is the OS's own (flock on POSIX, a byte-range lock on Windows), the same primitive filelock uses, taken
on a descriptor the game inherits: the kernel frees it when the game dies, however it dies. Beside it a holder
record says who holds it; a record whose process is gone, or whose pid now belongs to another process, is stale.
"""

from __future__ import annotations

import json
import os
import time

from prelaunch import atomicfile, paths, readfile
from prelaunch.session import processes as procinfo

if os.name == "nt":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False


class Holder:
    """Who holds an account: never a token, only its expiry."""

    FIELDS = ("pid", "process_start", "account_name", "launcher", "instance_name", "instance_dir", "started_at",
              "host", "token_expires_at")

    def __init__(self, pid: int, process_start: float | None, account_name: str = "", launcher: str = "",
                 instance_name: str = "", instance_dir: str = "", started_at: float = 0.0, host: str = "",
                 token_expires_at: int | None = None) -> None:
        self.pid, self.process_start, self.account_name = pid, process_start, account_name
        self.launcher, self.instance_name, self.instance_dir = launcher, instance_name, instance_dir
        self.started_at, self.host, self.token_expires_at = started_at, host, token_expires_at

    @classmethod
    def for_this_process(cls, **details) -> "Holder":
        pid = os.getpid()
        host = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
        return cls(pid=pid, process_start=procinfo.start_time(pid), started_at=time.time(), host=host, **details)

    @classmethod
    def from_dict(cls, data: dict) -> "Holder":
        return cls(**{k: v for k, v in data.items() if k in cls.FIELDS})

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.FIELDS}

    def alive(self) -> bool:
        return procinfo.same_process(self.pid, self.process_start)


def locks_dir() -> str:
    return os.path.join(paths.state_dir(), "locks")


def _lock_file(uuid: str) -> str:
    return os.path.join(locks_dir(), f"{uuid}.lock")


def _holder_file(uuid: str) -> str:
    return os.path.join(locks_dir(), f"{uuid}.json")


def acquire(uuid: str, wait_s: float = 0.2) -> int | None:
    """The descriptor holding the account's lock, or None when another process holds it.

    Contention is retried for `wait_s`: a `check` or `status` probing the lock holds it for an instant.
    Raises OSError when the lock dir cannot be used (missing and not creatable, read-only, full).
    """
    os.makedirs(locks_dir(), exist_ok=True)
    fd = os.open(_lock_file(uuid), os.O_RDWR | os.O_CREAT, 0o600)
    end = time.monotonic() + wait_s
    while not _try_lock(fd):
        if time.monotonic() >= end:
            os.close(fd)
            return None
        time.sleep(0.02)
    return fd


def is_held(uuid: str) -> bool:
    """Whether some process holds the account's lock now (probing takes and drops it at once)."""
    try:
        fd = os.open(_lock_file(uuid), os.O_RDWR)
    except OSError:
        return False
    try:
        return not _try_lock(fd)
    finally:
        os.close(fd)  # closing the descriptor drops a lock the probe took


def write_holder(uuid: str, holder: Holder) -> None:
    """Write the holder record atomically (a temporary file, then a rename)."""
    atomicfile.write(_holder_file(uuid), json.dumps(holder.as_dict()).encode())


def read_holder(uuid: str) -> Holder | None:
    """The holder record, or None when there is none or it cannot be read."""
    try:
        return Holder.from_dict(json.loads(readfile.read(_holder_file(uuid), readfile.STATE_FILE, False)))
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def live_holder(uuid: str) -> Holder:
    """Who holds the account by its record; a Holder with pid 0 when the record is missing or stale."""
    holder = read_holder(uuid)
    if holder is not None and holder.alive():
        return holder
    return Holder(pid=0, process_start=None)


def current_holder(uuid: str) -> Holder | None:
    """The live holder of the account, or None when its lock is not held."""
    return live_holder(uuid) if is_held(uuid) else None


def held_accounts() -> list[tuple[str, Holder]]:
    """Every account whose lock is held now, with its holder."""
    try:
        names = sorted(name[:-5] for name in os.listdir(locks_dir()) if name.endswith(".lock"))
    except OSError:
        return []
    found = []
    for uuid in names:
        holder = current_holder(uuid)
        if holder is not None:
            found.append((uuid, holder))
    return found
