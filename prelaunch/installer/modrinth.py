"""Install into the Modrinth App (0.8 and newer, app.db): the global hooks in `settings`, and each instance's
override that would otherwise hide them. 0.7 and older keep their hooks in JSON files this installer does
not write yet; it says so.

Per schema era (reference: launchers.md section 2):
- 0.8-0.10.15 (`profiles`, no `settings.version`): hooks are split on every space, the wrapper is one program
  with no arguments; and at the first start of 0.10.16+ old strings are re-quoted. So: single-token paths
  with no spaces, and no chaining of a user's wrapper.
- 0.10.16-0.14 (`settings.version`): the same while `version` is 1 (the re-quoting has not run yet), POSIX
  shlex after.
- 0.15+ (`instances`): shlex. Migrated instances carry '' hooks that switch the global hook off; they are
  set to NULL (fall back to the global hook). Overrides live in `instance_launch_overrides`, as TEXT columns
  (newer schema) or a JSONB `overrides` document (`$.hooks.*`), which needs SQLite 3.45 or newer: Python's
  own when it is that new, else apsw's (it bundles a current SQLite). The document stays JSONB.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from prelaunch.installer import commands, files
from prelaunch.installer import manifest as manifest_module
from prelaunch.installer.plan import FileChange, Setting, recorded_owns, theirs
from prelaunch.launchers import modrinth as reader

JSONB_MINIMUM = (3, 45, 0)
HOOKS = (("pre_launch", True), ("wrapper", False))


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def _quoting(db: sqlite3.Connection, era: str) -> bool:
    """Whether this database's hooks are read with shlex (spaces can be quoted, the wrapper takes arguments)."""
    if era == "0.15+":
        return True
    if era == "0.10.16-0.14":
        row = db.execute("SELECT version FROM settings WHERE id = 0").fetchone()
        return bool(row and row[0] and row[0] >= 2)
    return False


def plan(data_dir: Path, entry: dict[str, list[str]], manifest: dict, only_instance: str | None = None
         ) -> list[FileChange]:
    path = str(data_dir / reader.DATABASE)
    change = FileChange("modrinth", path, "sqlite", reader.DATABASE)
    with closing(reader.connect_read_only(Path(path))) as db:
        era = reader.storage_era(db)
        if era is None:
            change.notes.append("unknown schema: nothing will be changed")
            return [change]
        shlex_era = _quoting(db, era)
        try:
            own = {"pre_launch": commands.join(entry["check"], spaces_allowed=shlex_era),
                   "wrapper": commands.join(entry["wrap"], spaces_allowed=shlex_era)}
        except commands.Unsupported as exc:
            change.notes.append(f"cannot be set up: {exc}. Install prelaunch where its path has no spaces "
                                "(set XDG_DATA_HOME), or update the Modrinth App to 0.10.16 or newer.")
            return [change]
        if not shlex_era and len(entry["wrap"]) > 1:
            change.notes.append("this version runs the wrapper as one program without arguments; "
                                "prelaunch's wrapper cannot be set here")
            own.pop("wrapper")
        owns = set(own.values()) | recorded_owns(manifest, path)
        settings = db.execute("SELECT hook_pre_launch, hook_wrapper FROM settings WHERE id = 0").fetchone()
        if only_instance is None and settings is not None:
            for (hook, pre), current in zip(HOOKS, settings):
                if hook not in own:
                    continue
                user = theirs(current, owns)
                if user and not pre and not shlex_era:
                    change.notes.append(f"your wrapper {user!r} is kept: this version cannot chain wrappers")
                    continue
                change.settings.append(Setting("settings", f"hook_{hook}", current,
                                               commands.chain(own[hook], user, pre), own[hook]))
        change.settings += _instance_settings(db, era, own, owns, shlex_era, only_instance, change)
    return [change]


def _instance_settings(db, era, own, owns, shlex_era, only_instance, change) -> list[Setting]:
    found = []
    if era == "0.15+":
        columns = _columns(db, "instance_launch_overrides")
        if "hook_pre_launch" in columns:
            rows = db.execute("SELECT i.path, o.instance_id, o.hook_pre_launch, o.hook_wrapper FROM instances i "
                              "JOIN instance_launch_overrides o ON o.instance_id = i.id").fetchall()
            table = "instance_launch_overrides"
        else:
            rows = _jsonb_rows(db, change)
            table = JSONB_DOCUMENT
        migrated_blank = True
    else:
        rows = db.execute("SELECT path, path, override_hook_pre_launch, override_hook_wrapper FROM profiles"
                          ).fetchall()
        table = "profiles"
        migrated_blank = False
    for path, key, *hooks in rows:
        if only_instance is not None and path != only_instance:
            continue
        for (hook, pre), current in zip(HOOKS, hooks):
            if hook not in own or current is None:
                continue
            if current == "":
                if migrated_blank:  # '' switches the global hook off; the 0.15 migration wrote it for NULL
                    found.append(Setting(f"{table}[{key}]", hook, current, None, own[hook]))
                else:
                    change.notes.append(f"instance {path!r} has its {hook} hook switched off; prelaunch leaves "
                                        "it so")
                continue
            user = theirs(current, owns)
            if not pre and not shlex_era:
                change.notes.append(f"instance {path!r} keeps its own wrapper: this version cannot chain them")
                continue
            found.append(Setting(f"{table}[{key}]", hook, current, commands.chain(own[hook], user, pre), own[hook]))
    return found


JSONB_DOCUMENT = "instance_launch_overrides.overrides"


def json_connection(path: str, write: bool):
    """A connection with SQLite's JSONB functions: Python's own sqlite3 when new enough, else apsw's; None
    when neither has them. Both take `execute(sql, parameters)` and `close()`."""
    if sqlite3.sqlite_version_info >= JSONB_MINIMUM:
        if write:
            return sqlite3.connect(path, timeout=5.0, isolation_level=None)
        return reader.connect_read_only(Path(path))
    try:
        import apsw
    except ImportError:
        return None
    connection = apsw.Connection(path, flags=apsw.SQLITE_OPEN_READWRITE if write else apsw.SQLITE_OPEN_READONLY)
    connection.setbusytimeout(5000)
    return connection


def _jsonb_rows(db: sqlite3.Connection, change: FileChange) -> list:
    connection = json_connection(change.path, write=False)
    if connection is None:
        change.notes.append(f"instance overrides are JSONB, which needs SQLite 3.45 or newer (this Python has "
                            f"{sqlite3.sqlite_version}, and apsw is not installed); instance hooks were not read "
                            "or changed")
        return []
    rows = []
    with closing(connection):
        for instance_id, path, document in connection.execute(
                "SELECT o.instance_id, i.path, json(o.overrides) FROM instance_launch_overrides o "
                "JOIN instances i ON i.id = o.instance_id"):
            overrides = json.loads(document) if document else None
            hooks = (overrides or {}).get("hooks") or {}
            rows.append((path, instance_id, hooks.get("pre_launch"), hooks.get("wrapper")))
    return rows


def _writer(path: str, settings: list):
    """A read-write connection, with the JSONB functions when a JSONB document is among the settings."""
    if any(_where(s).startswith(JSONB_DOCUMENT) for s in settings):
        connection = json_connection(path, write=True)
        if connection is None:
            raise OSError("JSONB overrides need SQLite 3.45 or newer, or apsw")
        return connection
    return sqlite3.connect(path, timeout=5.0, isolation_level=None)


def _where(setting) -> str:
    return setting["where"] if isinstance(setting, dict) else setting.where


def apply(change: FileChange, manifest: dict) -> bool:
    if not change.changed:
        return False
    entry = manifest["files"].get(change.path)
    backup = entry["backup"] if entry else _backup(change.path)
    with closing(_writer(change.path, change.changed)) as db:
        db.execute("BEGIN IMMEDIATE")
        try:
            for setting in change.changed:
                _write(db, setting, setting.after)
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


def _backup(path: str) -> str:
    """A consistent copy through SQLite's own backup (the database may be in WAL mode), secrets blanked
    and the file rewritten so no page still holds them."""
    target = files.backup_path(path)
    with closing(sqlite3.connect(path, timeout=5.0)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
        copy.execute("PRAGMA secure_delete = ON")
        for table, columns in SECRETS.items():
            present = _columns(copy, table)
            blanked = [c for c in columns if c in present]
            if blanked:
                copy.execute(f"UPDATE {table} SET " + ", ".join(f"{c} = ''" for c in blanked))
        copy.commit()
        copy.execute("VACUUM")
    return target


def _write(db: sqlite3.Connection, setting: Setting, value: str | None) -> None:
    where = setting.where
    if where == "settings":
        db.execute(f"UPDATE settings SET {setting.key} = ? WHERE id = 0", (value,))
        return
    table, key = where.split("[", 1)
    key = key[:-1]
    if table == "profiles":
        db.execute(f"UPDATE profiles SET override_hook_{setting.key} = ? WHERE path = ?", (value, key))
    elif table == "instance_launch_overrides":
        db.execute(f"UPDATE instance_launch_overrides SET hook_{setting.key} = ? WHERE instance_id = ?",
                   (value, key))
    else:  # the JSONB document: keep it JSONB
        path = f"$.hooks.{setting.key}"
        if value is None:
            db.execute("UPDATE instance_launch_overrides SET overrides = jsonb_set(overrides, ?, json('null')) "
                       "WHERE instance_id = ?", (path, key))
        else:
            db.execute("UPDATE instance_launch_overrides SET overrides = jsonb_set(overrides, ?, ?) "
                       "WHERE instance_id = ?", (path, value, key))


def _read(db: sqlite3.Connection, setting: dict) -> str | None:
    where = setting["where"]
    if where == "settings":
        row = db.execute(f"SELECT {setting['key']} FROM settings WHERE id = 0").fetchone()
        return row[0] if row else None
    table, key = where.split("[", 1)
    key = key[:-1]
    if table == "profiles":
        row = db.execute(f"SELECT override_hook_{setting['key']} FROM profiles WHERE path = ?", (key,)).fetchone()
    elif table == "instance_launch_overrides":
        row = db.execute(f"SELECT hook_{setting['key']} FROM instance_launch_overrides WHERE instance_id = ?",
                         (key,)).fetchone()
    else:
        row = db.execute("SELECT json_extract(json(overrides), ?) FROM instance_launch_overrides "
                         "WHERE instance_id = ?", (f"$.hooks.{setting['key']}", key)).fetchone()
    return row[0] if row else None


def restore(path: str, entry: dict) -> str:
    """Set each changed cell back to its value before, unless the player changed it since."""
    kept = []
    with closing(_writer(path, entry["settings"])) as db:
        db.execute("BEGIN IMMEDIATE")
        try:
            for record in entry["settings"]:
                if _read(db, record) != record["after"]:
                    kept.append(f"{record['where']} {record['key']}")
                    continue
                _write(db, Setting(record["where"], record["key"], None, None), record["before"])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    note = f"; left as you changed them: {', '.join(kept)}" if kept else ""
    return f"{path}: prelaunch's hooks taken out{note}"
