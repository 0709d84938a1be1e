"""A healthy network result is remembered for a while so a re-launch does not wait; a bad one never is.

A remembered result also vouches for the clock (its answers carry the servers' time), so it is used only while
the wall clock has moved with the boot clock since it was taken: a clock set or stepped since then measures
again.

The file is the player's alone (0600 in a 0700 folder), replaced in one step under a `filelock.FileLock` (two
launches may finish probing at once), read without following a symlink; a damaged file is no file.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import TypedDict

from prelaunch import atomicfile, paths, readfile
from prelaunch.net.result import Probe, ProbeRecord

LOCK_WAIT_S = 0.2  # another launch writing longer than this: its result will do, ours is skipped
# How far the wall clock may drift from the boot clock while a result is remembered. Both are slewed alike by
# time synchronisation (a few hundred ppm at most: well under a second in a cache's life), so only a step of
# the wall clock (set by hand, or stepped by a time sync) goes past it.
MAX_DRIFT_S = 2.0


class CacheRecord(TypedDict):
    """network.json: what the probes were for (`key`: the endpoints and settings), when by the wall clock and by
    the boot clock ([boot id, seconds since boot]), and what they found."""

    key: list[object]
    at: float
    boot: list[object]
    probes: list[ProbeRecord]


def path() -> str:
    return os.path.join(paths.cache_dir(), "network.json")


def boot_clock() -> tuple[str, float] | None:
    """(this boot, seconds since it) from a clock that setting the time does not move; None where there is none.

    Linux: CLOCK_BOOTTIME, which keeps counting through suspend, and the kernel's id of this boot. Elsewhere:
    `time.monotonic()` without a boot id: a restart since shows as a clock gone back or as a drift of at least
    the uptime the result was taken at, and where it stops during sleep a suspended computer looks like a moved
    clock: each measures again, slower and never wrong. (psutil.boot_time() would not do: it is the wall clock
    minus the uptime, so it moves with the wall clock.)
    """
    if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        try:
            with open("/proc/sys/kernel/random/boot_id", "rb") as handle:
                boot = handle.read(64).decode("ascii").strip()
            return boot, time.clock_gettime(time.CLOCK_BOOTTIME)
        except (OSError, UnicodeDecodeError):
            return None
    return "", time.monotonic()


def load(key: list[object], max_age_s: float) -> list[Probe] | None:
    """The remembered probes for the same endpoints and settings, when younger than max_age_s by the boot clock
    and the wall clock has moved with it since (else the answers' times no longer say how right the clock is)."""
    now = boot_clock()
    wall = time.time()
    try:
        data = json.loads(readfile.read(path(), readfile.STATE_FILE, follow_symlinks=False))
        if now is None or not isinstance(data, dict) or data.get("key") != key:
            return None
        boot, since_boot = data["boot"]
        if boot != now[0]:
            return None  # another boot: its clock started again
        age = now[1] - float(since_boot)
        if not 0 <= age <= max_age_s or not abs((wall - float(data["at"])) - age) <= MAX_DRIFT_S:
            return None
        return [Probe.from_dict(item) for item in data["probes"]]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def save(key: list[object], probes: list[Probe]) -> None:
    """Remember `probes`; a cache that cannot be written (or is being written by another launch) is skipped."""
    from filelock import FileLock, Timeout

    now = boot_clock()
    if now is None:
        return  # nothing to tell a moved clock by: every launch measures
    record: CacheRecord = {"key": key, "at": time.time(), "boot": list(now), "probes": [p.as_dict() for p in probes]}
    document = json.dumps(record).encode()
    try:
        paths.private_dir(os.path.dirname(path()))
        with FileLock(path() + ".lock", timeout=LOCK_WAIT_S, mode=paths.PRIVATE_FILE):
            atomicfile.write(path(), document)
    except (OSError, Timeout):
        pass


def forget() -> None:
    """Drop the remembered result (a bad result must not leave an old healthy one answering)."""
    if not os.path.lexists(path()):
        return
    from filelock import FileLock, Timeout

    try:
        with FileLock(path() + ".lock", timeout=LOCK_WAIT_S, mode=paths.PRIVATE_FILE):
            os.unlink(path())
    except (OSError, Timeout):
        pass
