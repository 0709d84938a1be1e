"""What prelaunch changed in launcher files, so that uninstall restores exactly that (even after prelaunch
itself was upgraded): for each file its backup, what was written, and each setting's value before; and the
`prelaunch` command put where the user's commands go (`command`)."""

from __future__ import annotations

import json
import os

from prelaunch import atomicfile, paths
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


def exists() -> bool:
    return os.path.lexists(path())


def empty(data: dict) -> bool:
    """Nothing left to undo: no launcher file changed and no command of prelaunch's own put on PATH."""
    return not data["files"] and not data.get("command")


def save(data: dict) -> None:
    """Owner-only, in an owner-only folder, on disk before it replaces the old one."""
    paths.private_dir(os.path.dirname(path()))
    atomicfile.write(path(), json.dumps(data, indent=2).encode(), sync=True)


def record(manifest: dict, change, kind: str, backup: str, written: bytes | None = None) -> None:
    """Note a change to a file; a setting changed before keeps its value from before the first install."""
    entry = manifest["files"].get(change.path) or {}
    merged = {(s["where"], s["key"]): s for s in entry.get("settings", [])}
    for setting in change.changed:
        current = setting.as_dict()
        earlier = merged.get((setting.where, setting.key))
        if earlier is not None:
            current["before"] = earlier["before"]
        merged[(setting.where, setting.key)] = current
    manifest["files"][change.path] = {"kind": kind, "launcher": change.launcher, "backup": backup,
                                      "settings": list(merged.values())}
    if written is not None:
        manifest["files"][change.path]["written"] = files.sha256(written)


def write_file(manifest: dict, change, kind: str, original: bytes, data: bytes) -> bool:
    """Replace a launcher file's bytes (backed up before its first change) and record it; False when the
    file already holds exactly these bytes."""
    if data == original:
        return False
    entry = manifest["files"].get(change.path)
    backup = entry["backup"] if entry else files.backup(change.path)
    files.atomic_write(change.path, data)
    record(manifest, change, kind, backup, written=data)
    return True


def restore_untouched(path: str, current: bytes, entry: dict) -> bool:
    """Put the backup back when the file still holds what prelaunch wrote; False when it changed since."""
    if files.sha256(current) != entry.get("written") or not os.path.exists(entry["backup"]):
        return False
    with open(entry["backup"], "rb") as handle:
        files.atomic_write(path, handle.read())
    return True


def forget() -> None:
    try:
        os.unlink(path())
    except OSError:
        pass
