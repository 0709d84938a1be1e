"""Modrinth App, every storage era: JSON files (0.7 and older), app.db with `profiles` (0.8 to 0.14),
app.db with `instances` and `instance_launch_overrides` (0.15 and newer)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from os import PathLike
from typing import Any

from prelaunch import fileio, identifiers
from prelaunch.identifiers import normalise_uuid
from prelaunch.launchers import modrinth_db
from prelaunch.model import AccountInfo, InstanceInfo, LaunchContext, LauncherInfo

KIND = "modrinth"
DATABASE = "app.db"
LEGACY_AUTH = os.path.join("caches", "metadata", "minecraft_auth.json")
LEGACY_SETTINGS = "settings.json"


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


def custom_dir(settings_dir: str) -> str | None:
    """The folder the app keeps its data and instances in when the player moved it (app.db's `custom_dir`,
    resolved); None when it was not moved or app.db cannot be read."""
    import sqlite3

    try:
        row = modrinth_db.read(os.path.join(settings_dir, DATABASE),
                               lambda db: db.execute("SELECT custom_dir FROM settings WHERE id = 0").fetchone())
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
        if os.path.isfile(os.path.join(settings_dir, DATABASE)) and custom_dir(settings_dir) == config_dir:
            return settings_dir, path
    return None


def load(data_dir: str, instance_dir: str | None) -> LaunchContext:
    if os.path.isfile(os.path.join(data_dir, DATABASE)):
        return _load_database(data_dir, instance_dir)
    return _load_legacy(data_dir, instance_dir)


def _load_database(data_dir: str, instance_dir: str | None) -> LaunchContext:
    import sqlite3

    path = os.path.join(data_dir, DATABASE)
    folder = os.path.basename(instance_dir) if instance_dir is not None else None

    def work(db: Any) -> tuple[str | None, str | None, tuple[object, object, object] | None]:
        """(schema era, the instance's name, the active account's uuid, username and token)."""
        era = modrinth_db.storage_era(db)
        if era is None:
            return None, None, None
        name = None
        if folder is not None:
            table = "instances" if era == modrinth_db.ERA_NEW else "profiles"
            found = db.execute(f"SELECT name FROM {table} WHERE path = ?", (folder,)).fetchone()
            name = str(found[0]) if found and found[0] else None
        # the app's own choice of account: state/minecraft_auth.rs:516-530, the first row returned
        user = db.execute("SELECT uuid, username, access_token FROM minecraft_users WHERE active = 1 LIMIT 1"
                          ).fetchone()
        return era, name, user

    context = LaunchContext(launcher=LauncherInfo(KIND, data_dir, "app.db"))
    try:
        era, name, row = modrinth_db.read(path, work)
    except sqlite3.DatabaseError as exc:
        reason = "busy (the app is writing to it)" if "locked" in str(exc) else "unreadable or damaged"
        context.note("warning", f"app.db is {reason}", f"{path}: {type(exc).__name__}.",
                     ("Launch again in a moment; if it stays, restart the Modrinth App.",))
        return context
    if era is None:
        context.note("warning", "app.db has a layout prelaunch does not know",
                     f"{path} lacks the tables of every known Modrinth App version.",
                     ("Update prelaunch; until then the sign-in cannot be checked.",))
        return context
    context.launcher = LauncherInfo(KIND, data_dir, f"app.db ({era})")
    if instance_dir is not None:
        folder = os.path.basename(instance_dir)
        context.instance = InstanceInfo(folder, name or folder, instance_dir)
    if row is None:
        return context
    uuid, username, token = row
    expires = identifiers.jwt_expiry(token)  # the token itself goes no further
    context.account = AccountInfo(str(username), normalise_uuid(uuid) or "", "msa", expires)
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
    expires = identifiers.jwt_expiry(user.get("access_token"))
    context.account = AccountInfo(str(user.get("username", "")), normalise_uuid(user.get("id")) or "", "msa",
                                  expires)
    return context


def _legacy_instance_name(instance_dir: str) -> str:
    folder = os.path.basename(instance_dir)
    try:
        metadata = _read_json(os.path.join(instance_dir, "profile.json")).get("metadata", {})
        return str(metadata.get("name") or folder)
    except (OSError, ValueError, AttributeError):
        return folder


def _read_json(path: str) -> Any:
    return json.loads(fileio.read(path, fileio.LAUNCHER_JSON))
