"""One lock per account, shared by every launcher on this machine, held for exactly the life of the game.

The lock is filelock's own OS lock (`filelock.lock_descriptor`: flock on POSIX, a byte-range lock on Windows,
with filelock's rules for what counts as contention), taken by the wrapper and kept for the game by its
watchdog (on Windows by the wrapper, which waits on the game): the kernel frees it when its holder ends,
however it ends, and a `filelock.FileLock` on the same file contends with it. Beside it a holder record says
which game holds it; a record that is missing or damaged, whose process is gone, or whose pid now belongs to
another process, is stale. A game its record names that still runs is playing, even when nothing holds its
lock (its watchdog was killed). When the lock is held and no game is, the processes that have the lock file
open are named: a program that outlived the game that started it (under an earlier prelaunch, whose games held
the lock themselves), or a program that is no game at all.
"""

from __future__ import annotations

import errno
import json
import math
import os
import stat
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypedDict

import filelock

from prelaunch import identifiers, paths
from prelaunch.session import processes as procinfo
from prelaunch.session import records

if TYPE_CHECKING:
    import psutil

_LOCK_FLAGS = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_RETRY_S = 0.02
KEEPER_SCAN_S = 1.0  # for the process table, when the lock is held and no game is


class HolderRecord(TypedDict):
    """A holder record as prelaunch writes it (`Holder.from_dict` checks each field of one it reads)."""

    pid: int
    process_start: float | None
    account_name: str
    launcher: str
    instance_name: str
    instance_dir: str
    started_at: float
    host: str
    token_expires_at: int | None


class Holder:
    """Who holds an account: never a token, only its expiry."""

    def __init__(self, pid: int, process_start: float | None, account_name: str = "", launcher: str = "",
                 instance_name: str = "", instance_dir: str = "", started_at: float = 0.0, host: str = "",
                 token_expires_at: int | None = None) -> None:
        self.pid, self.process_start, self.account_name = pid, process_start, account_name
        self.launcher, self.instance_name, self.instance_dir = launcher, instance_name, instance_dir
        self.started_at, self.host, self.token_expires_at = started_at, host, token_expires_at
        self.locked = True  # False: the game runs, but nothing holds its lock any more
        self.programs: tuple[tuple[int, str], ...] = ()  # (pid, name): no game, these hold the lock

    @classmethod
    def for_this_process(cls, account_name: str = "", launcher: str = "", instance_name: str = "",
                         instance_dir: str = "", token_expires_at: int | None = None) -> Holder:
        pid = os.getpid()
        host = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
        return cls(pid=pid, process_start=procinfo.start_time(pid), account_name=account_name, launcher=launcher,
                   instance_name=instance_name, instance_dir=instance_dir, started_at=time.time(), host=host,
                   token_expires_at=token_expires_at)

    @classmethod
    def from_dict(cls, data: object) -> Holder:
        """The holder a record names. Raises ValueError when the record is not one prelaunch wrote."""
        if not isinstance(data, dict):
            raise ValueError("not a holder record")
        pid, start = data.get("pid"), data.get("process_start")
        if isinstance(pid, bool) or not isinstance(pid, int) or not 0 < pid < 2**31:
            raise ValueError("no process id")
        texts = {name: data.get(name, "") for name in ("account_name", "launcher", "instance_name", "instance_dir",
                                                       "host")}
        if not all(isinstance(value, str) for value in texts.values()):
            raise ValueError("a name that is not text")
        return cls(pid=pid, process_start=_finite(start), started_at=_finite(data.get("started_at")) or 0.0,
                   token_expires_at=identifiers.epoch_seconds(data.get("token_expires_at")), **texts)

    def as_dict(self) -> HolderRecord:
        return {"pid": self.pid, "process_start": self.process_start, "account_name": self.account_name,
                "launcher": self.launcher, "instance_name": self.instance_name, "instance_dir": self.instance_dir,
                "started_at": self.started_at, "host": self.host, "token_expires_at": self.token_expires_at}

    def alive(self) -> bool:
        return procinfo.same_process(self.pid, self.process_start)


def _finite(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def locks_dir() -> str:
    return os.path.join(paths.state_dir(), "locks")


def lock_file(uuid: str) -> str:
    """The file whose OS lock is the account's lock (a FileLock on it contends with prelaunch's)."""
    return os.path.join(locks_dir(), f"{uuid}.lock")


def _holder_file(uuid: str) -> str:
    return os.path.join(locks_dir(), f"{uuid}.json")


def _open_lock_file(path: str) -> int:
    """A descriptor on the lock file, created 0600 when missing; a symlink planted in its place is removed
    (never followed), and anything but a regular file is refused."""
    if os.path.islink(path):
        os.unlink(path)
    fd = os.open(path, _LOCK_FLAGS | os.O_CREAT, paths.PRIVATE_FILE)
    try:
        if not _is_regular(fd):
            raise OSError(errno.EINVAL, "the account's lock file is not a regular file", path)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _is_regular(fd: int) -> bool:
    return stat.S_ISREG(os.fstat(fd).st_mode)


def acquire(uuid: str, wait_s: float = 0.2) -> int | None:
    """The descriptor holding the account's lock, or None when another process holds it.

    Contention is retried for `wait_s`: a `check` or `status` probing the lock holds it for an instant.
    Raises OSError when the lock cannot be used (folder missing and not creatable, read-only, full, a planted
    symlink folder, a file system without locks).
    """
    records.folder(locks_dir())
    fd = _open_lock_file(lock_file(uuid))
    try:
        end = time.monotonic() + wait_s
        while not filelock.lock_descriptor(fd, blocking=False):
            if time.monotonic() >= end:
                os.close(fd)
                return None
            time.sleep(_RETRY_S)
    except BaseException:
        os.close(fd)
        raise
    return fd


def is_held(uuid: str) -> bool:
    """Whether some process holds the account's lock now (probing takes and drops it at once). A lock
    file that cannot be opened or locked says nothing: not held."""
    try:
        fd = os.open(lock_file(uuid), _LOCK_FLAGS)
    except OSError:
        return False
    try:
        return _is_regular(fd) and not filelock.lock_descriptor(fd, blocking=False)
    except OSError:
        return False
    finally:
        os.close(fd)  # closing the descriptor drops a lock the probe took


def write_holder(uuid: str, holder: Holder) -> None:
    """Write the holder record whole, under its writer lock. Raises OSError when it cannot."""
    records.write(_holder_file(uuid), holder.as_dict())


def read_holder(uuid: str) -> Holder | None:
    """The holder record, or None when there is none or it is damaged (a damaged record is a stale one)."""
    try:
        return Holder.from_dict(records.read(_holder_file(uuid)))
    except (OSError, ValueError):
        return None


def recorded_game(uuid: str) -> Holder | None:
    """The game the holder record names, while it runs (whoever holds the lock now)."""
    holder = read_holder(uuid)
    return holder if holder is not None and holder.alive() else None


def live_holder(uuid: str) -> Holder:
    """Who holds the account's lock (which is held): the game its record names while that runs; else a Holder
    with pid 0 naming in `programs` the processes that have the lock file open (none when they cannot be seen)."""
    record = read_holder(uuid)
    if record is not None and record.alive():
        return record
    holder = Holder(pid=0, process_start=None, account_name=record.account_name if record else "")
    holder.programs = keepers(uuid)
    return holder


def current_holder(uuid: str) -> Holder | None:
    """The game playing on the account, or what holds its lock instead; None when it is free."""
    if is_held(uuid):
        return live_holder(uuid)
    game = recorded_game(uuid)
    if game is not None:
        game.locked = False
    return game


def keepers(uuid: str) -> tuple[tuple[int, str], ...]:
    """(pid, name) of the processes other than this one that have the account's lock file open, oldest first,
    leaving out the watchdog of a game that still runs (that is the game's hold); what the process table gave
    within `KEEPER_SCAN_S`."""
    path = os.path.realpath(lock_file(uuid))
    found = procinfo.Reading(lambda: _open_by(path)).result(KEEPER_SCAN_S, KEEPER_SCAN_S).found
    return tuple((pid, name) for _, pid, name in sorted(found))


def _open_by(path: str) -> Iterator[tuple[float, int, str]]:
    import psutil

    for proc in psutil.process_iter(["name", "create_time"]):
        if proc.pid == os.getpid():
            continue
        try:
            if any(f.path == path for f in proc.open_files()) and not _watchdog_of_a_running_game(proc):
                yield proc.info["create_time"] or 0.0, proc.pid, proc.info["name"] or "?"
        except (psutil.Error, OSError):
            continue


def _watchdog_of_a_running_game(proc: psutil.Process) -> bool:
    """Whether `proc` is prelaunch's watchdog and its game still runs (the game is its parent until it ends).
    Of its command line only the watchdog's own argument is read."""
    argv = proc.cmdline()
    if "prelaunch.session.watchdog" not in argv[1:-1]:
        return False
    try:
        return proc.ppid() == int(json.loads(argv[-1])["pid"])
    except (ValueError, KeyError, TypeError):
        return False


def held_accounts() -> list[tuple[str, Holder]]:
    """Every account whose lock is held now, with its holder."""
    try:
        names = sorted(name[:-5] for name in os.listdir(locks_dir())
                       if name.endswith(".lock") and "." not in name[:-5])  # not a record's writer lock
    except OSError:
        return []
    found = []
    for uuid in names:
        holder = current_holder(uuid)
        if holder is not None:
            found.append((uuid, holder))
    return found
