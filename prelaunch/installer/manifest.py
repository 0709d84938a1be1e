"""What prelaunch changed in launcher files, so that uninstall restores exactly that (even after prelaunch
itself was upgraded): for each file its backup, what was written, and each setting's value before."""

from __future__ import annotations

import json
import os

from prelaunch import paths
from prelaunch.installer import files


def path() -> str:
    return os.path.join(paths.data_dir(), "manifest.json")


def load() -> dict:
    try:
        with open(path(), "rb") as handle:
            data = json.load(handle)
        if isinstance(data, dict) and isinstance(data.get("files"), dict):
            return data
    except (OSError, ValueError):
        pass
    return {"version": 1, "files": {}}


def save(data: dict) -> None:
    os.makedirs(os.path.dirname(path()), exist_ok=True)
    if os.path.exists(path()):
        files.atomic_write(path(), json.dumps(data, indent=2).encode())
    else:
        with open(path(), "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2)


def forget() -> None:
    try:
        os.unlink(path())
    except OSError:
        pass
