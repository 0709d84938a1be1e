"""The clock offset the network check last measured (seconds this computer's clock is ahead of the sign-in
servers'), remembered for what runs without probing: the lease a game keeps in the synced folder, and the
judging of other computers' leases on one time base. Kept for a day: a clock drifts by seconds a day, and one set
right since is measured again at the next probed launch.

Owner-only (0600 in the 0700 cache folder), replaced in one step, read without following a symlink; a damaged,
foreign or too old record is none.
"""

from __future__ import annotations

import json
import math
import os
import time

from prelaunch import atomicfile, paths, readfile

VALID_S = 86400.0


def path() -> str:
    return os.path.join(paths.cache_dir(), "clock.json")


def save(offset: float, now: float | None = None) -> None:
    """Remember `offset`; a record that cannot be written is skipped (the next launch measures again)."""
    now = time.time() if now is None else now
    try:
        paths.private_dir(os.path.dirname(path()))
        atomicfile.write(path(), json.dumps({"offset": offset, "at": now}).encode())
    except OSError:
        pass


def load(now: float | None = None) -> float | None:
    """The offset measured within the last VALID_S, or None."""
    now = time.time() if now is None else now
    try:
        doc = json.loads(readfile.read(path(), readfile.KIB, follow_symlinks=False))
        offset, at = float(doc["offset"]), float(doc["at"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    if not (math.isfinite(offset) and math.isfinite(at) and 0 <= now - at <= VALID_S):
        return None
    return offset
