"""One question per launch: a "Launch anyway" given to `check` is remembered briefly for the wrapper."""

from __future__ import annotations

import json
import os
import time

from prelaunch import atomicfile, paths, readfile

VALID_S = 300  # the wrapper starts seconds after the pre-launch command; older consent is for another launch


def _file(uuid: str) -> str:
    return os.path.join(paths.state_dir(), "consent", f"{uuid}.json")


def _same_place(path: str) -> str:
    return os.path.realpath(path) if path else ""


def give(uuid: str, instance_dir: str) -> None:
    path = _file(uuid)
    try:
        paths.private_dir(os.path.dirname(path))
        atomicfile.write(path, json.dumps({"instance_dir": _same_place(instance_dir), "at": time.time()}).encode())
    except OSError:
        pass  # then the wrapper asks again, which is safe


def take(uuid: str, instance_dir: str) -> bool:
    """Whether the player already said "Launch anyway" for this launch; the consent is used up."""
    path = _file(uuid)
    try:
        data = json.loads(readfile.read(path, readfile.STATE_FILE, follow_symlinks=False))
        os.unlink(path)
    except (OSError, ValueError):
        return False
    return (isinstance(data, dict) and data.get("instance_dir") == _same_place(instance_dir)
            and 0 <= time.time() - float(data.get("at", 0)) <= VALID_S)
