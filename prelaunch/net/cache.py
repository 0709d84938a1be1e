"""A healthy network result is remembered for a while so a re-launch does not wait; a bad one never is.

The file is the player's alone (0600 in a 0700 folder), replaced in one step under a `filelock.FileLock` (two
launches may finish probing at once), read without following a symlink; a damaged file is no file.
"""

from __future__ import annotations

import json
import os
import time

from prelaunch import atomicfile, paths, readfile
from prelaunch.net.result import Probe

LOCK_WAIT_S = 0.2  # another launch writing longer than this: its result will do, ours is skipped


def path() -> str:
    return os.path.join(paths.cache_dir(), "network.json")


def load(key: list, max_age_s: float) -> list[Probe] | None:
    """The remembered probes for the same endpoints and settings, when younger than max_age_s."""
    try:
        data = json.loads(readfile.read(path(), readfile.STATE_FILE, follow_symlinks=False))
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        age = time.time() - float(data["at"])
        if not 0 <= age <= max_age_s:
            return None
        return [Probe.from_dict(item) for item in data["probes"]]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def save(key: list, probes: list[Probe]) -> None:
    """Remember `probes`; a cache that cannot be written (or is being written by another launch) is skipped."""
    from filelock import FileLock, Timeout

    document = json.dumps({"key": key, "at": time.time(), "probes": [p.as_dict() for p in probes]}).encode()
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
