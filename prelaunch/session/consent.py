"""One question per launch: a "Launch anyway" given to `check` is remembered briefly for the wrapper."""

from __future__ import annotations

import math
import os
import time

from prelaunch import paths
from prelaunch.session import records

VALID_S = 300  # the wrapper starts seconds after the pre-launch command; older consent is for another launch


def _file(uuid: str) -> str:
    return os.path.join(paths.state_dir(), "consent", f"{uuid}.json")


def _same_place(path: str) -> str:
    return os.path.realpath(path) if path else ""


def give(uuid: str, instance_dir: str) -> None:
    try:
        records.write(_file(uuid), {"instance_dir": _same_place(instance_dir), "at": time.time()})
    except OSError:
        pass  # then the wrapper asks again, which is safe


def take(uuid: str, instance_dir: str) -> bool:
    """Whether the player already said "Launch anyway" for this launch; the consent is used up. A consent
    file that cannot be read or is damaged is no consent."""
    path = _file(uuid)
    try:
        data = records.read(path)
    except OSError:
        return False
    except ValueError:
        data = None
    try:
        records.remove(path)
    except OSError:
        pass
    if not isinstance(data, dict) or data.get("instance_dir") != _same_place(instance_dir):
        return False
    at = data.get("at")
    if isinstance(at, bool) or not isinstance(at, (int, float)) or not math.isfinite(at):
        return False
    return 0 <= time.time() - at <= VALID_S
