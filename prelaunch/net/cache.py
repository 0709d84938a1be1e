"""A healthy network result is remembered for a while so a re-launch is instant; a bad one never is."""

from __future__ import annotations

import json
import os
import time

from prelaunch import paths, readfile
from prelaunch.net.result import Probe


def _file() -> str:
    return os.path.join(paths.cache_dir(), "network.json")


def load(key: list, max_age_s: float) -> "list[Probe] | None":
    """The remembered probes for the same endpoints and settings, when younger than max_age_s."""
    from prelaunch.net.result import Probe

    try:
        data = json.loads(readfile.read(_file(), readfile.STATE_FILE, follow_symlinks=False))
        if data.get("key") != key or not 0 <= time.time() - float(data["at"]) <= max_age_s:
            return None
        return [Probe.from_dict(item) for item in data["probes"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save(key: list, probes: "list[Probe]") -> None:
    from prelaunch import atomicfile

    document = {"key": key, "at": time.time(), "probes": [p.as_dict() for p in probes]}
    try:
        paths.private_dir(os.path.dirname(_file()))
        atomicfile.write(_file(), json.dumps(document).encode())
    except OSError:
        pass


def forget() -> None:
    try:
        os.unlink(_file())
    except OSError:
        pass
