"""Install into the Modrinth App 0.8 and newer (app.db). 0.7 and older keep their hooks in JSON files
(installer/modrinth_legacy.py).

What each place gets: installer/modrinth_places.py. Every change is one SQLite transaction, after a copy of the
database without its secrets. Uninstall reads the schema as it is now (the app may have been upgraded since the
install) and restores by meaning (installer/modrinth_restore.py).
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from prelaunch.installer import backups, command_strings, modrinth_places, modrinth_restore
from prelaunch.installer import manifest as manifest_module
from prelaunch.installer.changes import FileChange, Keep
from prelaunch.installer.journal import Journal
from prelaunch.installer.records import FileEntry, Manifest
from prelaunch.launchers import modrinth_db, modrinth_hooks
from prelaunch.launchers.modrinth import DATABASE


def _hook(key: str) -> str:
    """A record's hook name: `hook_pre_launch` (settings) or `pre_launch` (an instance)."""
    return key[len("hook_"):] if key.startswith("hook_") else key


def plan(data_dir: Path, entry: dict[str, list[str]], manifest: Manifest, only_instance: str | None = None
         ) -> list[FileChange]:
    path = str(data_dir / DATABASE)
    change = FileChange("modrinth", path, "sqlite", DATABASE)
    try:
        state = modrinth_hooks.read(path)
    except sqlite3.Error as exc:
        change.notes.append(f"app.db could not be read ({exc}): nothing will be changed")
        return [change]
    if state is None:
        change.notes.append("unknown schema: nothing will be changed")
        return [change]
    try:
        modrinth_places.own(entry, "pre_launch", state.settings.old_syntax)
    except command_strings.Unsupported as exc:
        change.notes.append(f"cannot be set up: {exc}. Install prelaunch where its path has no spaces "
                            "(set XDG_DATA_HOME), or update the Modrinth App to 0.10.16 or newer.")
        return [change]
    if state.unread:
        change.notes.append(f"instance hooks were not read or changed: {state.unread}")
    planner = modrinth_places.Planner(state, entry, manifest, change, only_instance)
    planner.global_settings()
    for place in state.instances:
        if only_instance is None or place.path == only_instance:
            planner.instance(place)
    planner.finish()
    return [change]


def _writer(path: str):
    """A read-write connection, with JSONB when this Python can have it (0.8-0.14 need none)."""
    try:
        return modrinth_db.connect_writable(path, jsonb=True)
    except modrinth_db.JsonbUnavailable:
        return modrinth_db.connect_writable(path)


def apply(change: FileChange, manifest: Manifest, journal: Journal | None) -> bool:
    if not change.changed:
        return False
    entry = manifest["files"].get(change.path)
    backup = entry["backup"] if entry else _backup(change.path, journal)
    with closing(_writer(change.path)) as db:
        db.execute("BEGIN IMMEDIATE")
        try:
            era = modrinth_db.storage_era(db)
            for setting in change.changed:
                modrinth_hooks.write(db, era, modrinth_hooks.parse_where(setting.where), _hook(setting.key),
                                     setting.after)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    manifest_module.record(manifest, change, "sqlite", backup)
    return True


# Columns that hold secrets (reference: launchers.md section 7). A backup never keeps them: tokens are never
# snapshotted. Restoring from such a backup means signing in again; uninstall never needs it (it restores
# the cells prelaunch changed).
SECRETS = {"minecraft_users": ("access_token", "refresh_token"),
           "minecraft_device_tokens": ("private_key", "token"), "modrinth_users": ("session_id",)}


def _backup(path: str, journal: Journal | None) -> str:
    """A consistent copy through SQLite's own backup (the database may be in WAL mode), secrets blanked
    and the file rewritten so no page still holds them."""
    target = backups.backup_path(path, journal)
    with closing(sqlite3.connect(path, timeout=5.0)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
        copy.execute("PRAGMA secure_delete = ON")
        for table, columns in SECRETS.items():
            present = modrinth_db.columns(copy, table)
            blanked = [c for c in columns if c in present]
            if blanked:
                copy.execute(f"UPDATE {table} SET " + ", ".join(f"{c} = ''" for c in blanked))
        copy.commit()
        copy.execute("VACUUM")
    return target


def restore(path: str, entry: FileEntry, journal: Journal | None) -> str:
    """Take prelaunch's hooks out of app.db as it is now: the schema may be newer than at install."""
    if not os.path.exists(path):
        return f"{path}: gone; nothing to restore"
    owns = {s["own"] for s in entry["settings"] if s.get("own")}
    state = modrinth_hooks.read(path)
    kept, gone = [], []
    with closing(_writer(path)) as db:
        db.execute("BEGIN IMMEDIATE")
        try:
            era = modrinth_db.storage_era(db)
            if era is None:
                db.execute("ROLLBACK")
                return f"{path}: a layout prelaunch does not know; nothing was changed"
            for record in entry["settings"]:
                place, hook = modrinth_hooks.parse_where(record["where"]), _hook(record["key"])
                exists, current = modrinth_hooks.read_value(db, era, place, hook)
                value = modrinth_restore.restored(current, record, owns, hook, place[0],
                                                  modrinth_restore.old_now(state, place)) if exists \
                    else Keep.KEEP
                if not exists:
                    gone.append(f"{record['where']} {record['key']}")
                elif value is Keep.KEEP:
                    kept.append(f"{record['where']} {record['key']}")
                elif value != current and not modrinth_hooks.write(db, era, place, hook, value):
                    gone.append(f"{record['where']} {record['key']}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    note = f"; left as you changed them: {', '.join(kept)}" if kept else ""
    note += f"; no longer in app.db: {', '.join(gone)}" if gone else ""
    return f"{path}: prelaunch's hooks taken out{note}"
