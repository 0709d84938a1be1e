"""Modrinth App, every storage era: JSON files (0.7 and older), app.db with `profiles` (0.8 to 0.14),
app.db with `instances` and `instance_launch_overrides` (0.15 and newer)."""

from __future__ import annotations

import json
import os
import sys

from prelaunch import jwt, readfile
from prelaunch.model import AccountInfo, InstanceInfo, LaunchContext, LauncherInfo
from prelaunch.uuids import normalise as normalise_uuid

KIND = "modrinth"
DATABASE = "app.db"
LEGACY_AUTH = os.path.join("caches", "metadata", "minecraft_auth.json")
LEGACY_SETTINGS = "settings.json"
_BUSY_TIMEOUT_S = 1.0

import sqlite3
from collections.abc import Mapping
from os import PathLike


def known_data_dirs(env: Mapping[str, str] | None = None) -> list[str]:
    """The app's settings dirs, newest layout first (0.8+ imports the 0.7 dir once and then uses its own)."""
    import platformdirs

    env = os.environ if env is None else env
    home = env.get("HOME") or os.path.expanduser("~")
    dirs = [env["THESEUS_CONFIG_DIR"]] if env.get("THESEUS_CONFIG_DIR") else []
    dirs.append(platformdirs.user_data_dir("ModrinthApp", appauthor=False, roaming=True))
    if sys.platform not in ("win32", "darwin"):
        # The unofficial Flathub build: its manifest grants no home access, so the app's XDG_DATA_HOME is
        # Flatpak's per-app one.
        dirs.append(os.path.join(home, ".var", "app", "com.modrinth.ModrinthApp", "data", "ModrinthApp"))
        dirs.append(platformdirs.user_config_dir("com.modrinth.theseus", appauthor=False))
    else:
        dirs.append(platformdirs.user_data_dir("com.modrinth.theseus", appauthor=False, roaming=True))
    return [os.path.abspath(d) for d in dirs]


def is_data_dir(path: str | PathLike) -> bool:
    return any(os.path.isfile(os.path.join(path, name)) for name in (DATABASE, LEGACY_AUTH, LEGACY_SETTINGS))


def connect_read_only(path: str | PathLike) -> sqlite3.Connection:
    """Open app.db without ever writing to it; a busy database gives up after a second."""
    import sqlite3
    from pathlib import Path

    return sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro", uri=True, timeout=_BUSY_TIMEOUT_S)


def _custom_dir(settings_dir: str) -> str | None:
    import sqlite3
    from contextlib import closing

    try:
        with closing(connect_read_only(os.path.join(settings_dir, DATABASE))) as db:
            row = db.execute("SELECT custom_dir FROM settings WHERE id = 0").fetchone()
    except sqlite3.Error:
        return None
    return os.path.realpath(row[0]) if row and row[0] else None


def locate(path: str) -> tuple[str, str] | None:
    """(settings dir, instance dir) when `path` is `<config dir>/profiles/<instance>` of a Modrinth App."""
    path = os.path.realpath(path)
    profiles = os.path.dirname(path)
    if os.path.basename(profiles) != "profiles" or not os.path.isdir(path):
        return None
    config_dir = os.path.dirname(profiles)
    if is_data_dir(config_dir):
        return config_dir, path
    for settings_dir in known_data_dirs():
        if os.path.isfile(os.path.join(settings_dir, DATABASE)) and _custom_dir(settings_dir) == config_dir:
            return settings_dir, path
    return None


def load(data_dir: str, instance_dir: str | None) -> LaunchContext:
    if os.path.isfile(os.path.join(data_dir, DATABASE)):
        return _load_database(data_dir, instance_dir)
    return _load_legacy(data_dir, instance_dir)


def storage_era(db: sqlite3.Connection) -> str | None:
    """Which schema app.db has: "0.15+", "0.10.16-0.14", "0.8-0.10.15", or None for one prelaunch does not know."""
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "minecraft_users" not in tables or "settings" not in tables:
        return None
    if "instances" in tables:
        return "0.15+"
    if "profiles" not in tables:
        return None
    settings_columns = {row[1] for row in db.execute("PRAGMA table_info(settings)")}
    return "0.10.16-0.14" if "version" in settings_columns else "0.8-0.10.15"


def _load_database(data_dir: str, instance_dir: str | None) -> LaunchContext:
    import sqlite3
    from contextlib import closing

    path = os.path.join(data_dir, DATABASE)
    context = LaunchContext(launcher=LauncherInfo(KIND, data_dir, "app.db"))
    try:
        with closing(connect_read_only(path)) as db:
            era = storage_era(db)
            if era is None:
                context.note("warning", "app.db has a layout prelaunch does not know",
                             f"{path} lacks the tables of every known Modrinth App version.",
                             ("Update prelaunch; until then the token cannot be checked.",))
                return context
            context.launcher = LauncherInfo(KIND, data_dir, f"app.db ({era})")
            if instance_dir is not None:
                table = "instances" if era == "0.15+" else "profiles"
                folder = os.path.basename(instance_dir)
                row = db.execute(f"SELECT name FROM {table} WHERE path = ?", (folder,)).fetchone()
                context.instance = InstanceInfo(folder, str(row[0] if row and row[0] else folder), instance_dir)
            row = db.execute("SELECT uuid, username, access_token FROM minecraft_users WHERE active = 1 LIMIT 1"
                             ).fetchone()
    except sqlite3.DatabaseError as exc:
        reason = "busy (the app is writing to it)" if "locked" in str(exc) else "unreadable or damaged"
        context.note("warning", f"app.db is {reason}", f"{path}: {type(exc).__name__}.",
                     ("Launch again in a moment; if it stays, restart the Modrinth App.",))
        return context
    if row is None:
        return context
    uuid, username, token = row
    expires = jwt.expiry(token)
    context.account = AccountInfo(str(username), normalise_uuid(uuid) or "", "msa", expires,
                                  "jwt" if expires is not None else None)
    return context


def _load_legacy(data_dir: str, instance_dir: str | None) -> LaunchContext:
    """0.7 and older: `caches/metadata/minecraft_auth.json` and `profiles/<p>/profile.json`."""
    context = LaunchContext(launcher=LauncherInfo(KIND, data_dir, "json (0.7 and older)"))
    if instance_dir is not None:
        context.instance = InstanceInfo(os.path.basename(instance_dir), _legacy_instance_name(instance_dir),
                                        instance_dir)
    path = os.path.join(data_dir, LEGACY_AUTH)
    try:
        doc = _read_json(path)
    except FileNotFoundError:
        context.note("info", "No Modrinth account file", f"{path} does not exist: no account has signed in.")
        return context
    except (OSError, ValueError):
        context.note("warning", "minecraft_auth.json is unreadable or damaged", path,
                     ("Close the Modrinth App, delete that file, start the app and sign in again.",))
        return context
    users = doc.get("users") if isinstance(doc, dict) else None
    if not isinstance(users, dict) or not users:
        return context
    default = doc.get("default_user")
    user = users.get(default) if isinstance(default, str) and default in users else next(iter(users.values()))
    if not isinstance(user, dict):
        return context
    expires = jwt.expiry(user.get("access_token"))
    context.account = AccountInfo(str(user.get("username", "")), normalise_uuid(user.get("id")) or "", "msa",
                                  expires, "jwt" if expires is not None else None)
    return context


def _legacy_instance_name(instance_dir: str) -> str:
    folder = os.path.basename(instance_dir)
    try:
        metadata = _read_json(os.path.join(instance_dir, "profile.json")).get("metadata", {})
        return str(metadata.get("name") or folder)
    except (OSError, ValueError, AttributeError):
        return folder


def _read_json(path: str) -> object:
    return json.loads(readfile.read(path, readfile.LAUNCHER_JSON))
