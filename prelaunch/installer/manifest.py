"""What prelaunch changed in launcher files, so that uninstall restores exactly that (even after prelaunch
itself was upgraded): for each file its backup, what was written, and each setting's value before; and the
`prelaunch` command put where the user's commands go (`command`)."""

from __future__ import annotations

import json
import os
from typing import cast

from prelaunch import fileio, paths
from prelaunch.installer import backups
from prelaunch.installer.changes import FileChange
from prelaunch.installer.journal import Journal
from prelaunch.installer.records import FileEntry, Manifest, SettingRecord, empty_manifest


def path() -> str:
    return os.path.join(paths.data_dir(), "manifest.json")


def load() -> Manifest:
    try:
        with open(path(), "rb") as handle:
            data = json.load(handle)
        if isinstance(data, dict) and isinstance(data.get("files"), dict):
            return cast(Manifest, data)  # of any version: what is read is its `files`
    except (OSError, ValueError):
        pass
    return empty_manifest()


def exists() -> bool:
    return os.path.lexists(path())


def save(data: Manifest) -> None:
    """Owner-only, in an owner-only folder, on disk before it replaces the old one."""
    paths.private_dir(os.path.dirname(path()))
    fileio.write(path(), json.dumps(data, indent=2).encode(), sync=True)


def record(manifest: Manifest, change: FileChange, kind: str, backup: str, written: bytes | None = None) -> None:
    """Note a change to a file; a setting changed before keeps its value from before the first install."""
    entry = manifest["files"].get(change.path)
    merged: dict[tuple[str, str], SettingRecord] = {(s["where"], s["key"]): s
                                                    for s in (entry.get("settings", []) if entry else [])}
    for setting in change.changed:
        current = setting.as_dict()
        earlier = merged.get((setting.where, setting.key))
        if earlier is not None:
            current["before"] = earlier["before"]
        merged[(setting.where, setting.key)] = current
    new: FileEntry = {"kind": kind, "launcher": change.launcher, "backup": backup, "settings": list(merged.values())}
    if written is not None:
        new["written"] = backups.sha256(written)
    manifest["files"][change.path] = new


def write_file(manifest: Manifest, change: FileChange, kind: str, original: bytes, data: bytes,
               journal: Journal | None) -> bool:
    """Replace a launcher file's bytes (backed up before its first change) and record it; False when the
    file already holds exactly these bytes."""
    if data == original:
        return False
    entry = manifest["files"].get(change.path)
    backup = entry["backup"] if entry else backups.backup(change.path, journal)
    backups.atomic_write(change.path, data, journal)
    record(manifest, change, kind, backup, written=data)
    return True


def restore_untouched(path: str, current: bytes, entry: FileEntry, journal: Journal | None) -> bool:
    """Put the backup back when the file still holds what prelaunch wrote; False when it changed since."""
    if backups.sha256(current) != entry.get("written") or not os.path.exists(entry["backup"]):
        return False
    with open(entry["backup"], "rb") as handle:
        backups.atomic_write(path, handle.read(), journal)
    return True


def forget() -> None:
    try:
        os.unlink(path())
    except OSError:
        pass
