"""The Modrinth App's launch hooks as app.db holds them in each schema era, and what each value means to the app.

Where they live (reference: launchers.md sections 2 and 10; paths below are modrinth/code's):
- global: `settings.hook_pre_launch`, `hook_wrapper`, `hook_post_exit`, in every era;
- per instance, 0.8-0.14: `profiles.override_hook_*`; 0.15+: `instance_launch_overrides.overrides`, a JSONB
  document whose `hooks` object holds them (migrations/20260611120000_instances-content-foundation.sql:72-78).
  No row, a document without `hooks`, or a null: not set.

How a value reads: an instance's hook wins when it is not NULL, else the global one; an empty result runs
nothing (0.15+: app-lib/src/api/instance/run.rs:82-88, 96-102; NULL falls back and '' suppresses in 0.8-0.14
too). Up to 0.10.15 a hook is split on every space and the wrapper is one program without arguments (0.8.7:
api/profile/mod.rs:641-676, launcher/mod.rs:522-527); from 0.10.16 both are split with POSIX shlex.
0.10.16-0.14 re-quote old strings at start-up: the global ones while `settings.version` is 1
(state/settings.rs:287-311), an instance's while its `launcher_feature_version` is older than
`migrated_launch_hooks` (state/profiles.rs:791-814 at 0.10.16): pre-launch and post-exit become
`join(split(' '))`, the wrapper is quoted whole. A value there means what the old splitter makes of it, now
and after that re-quote. 0.15+ never re-quotes.

'' in an instance hook has two sources: the 0.15 migration, which writes `COALESCE(override_hook_*, '')` for
each hook on its own (same file :370-374), and the app's hooks page (apps/app-frontend/.../hooks-settings.vue:
36-47), which writes '' in all three when saved with custom hooks unticked and in a field left empty with them
ticked. All three '' meant "follow the global hooks" either way. A lone '' beside a set hook is the migration's
(a hook the instance did not set on 0.14) or the player's "no hook here": it cannot be told which, but in both
none of the player's commands runs there (reference: launchers.md section 12).
"""

from __future__ import annotations

import functools
import json
import os
import shlex
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from prelaunch.launchers import modrinth_db

HOOKS = ("pre_launch", "wrapper", "post_exit")
PRELAUNCH_HOOKS = {"pre_launch": "check", "wrapper": "wrap"}  # the hooks prelaunch sets, and what each runs
REQUOTED = "migrated_launch_hooks"  # profiles.launcher_feature_version once the re-quote has run
SETTINGS = "settings"
_WINDOWS_ENTRY = "prelaunch_entry.pyw"  # installer/entrypoints.py: pythonw.exe <entry> check|wrap


@dataclass
class Place:
    """The three hooks of one place: the global settings, or one instance (`path` its folder name)."""

    where: str  # "settings" or "instance[<folder>]"
    hooks: dict[str, str | None]
    old_syntax: bool  # split on spaces, the wrapper one program (also when the app re-quotes it at start-up)
    path: str | None = None
    key: str = ""  # the row: profiles.path, or instances.id
    name: str = ""
    writable: bool = True  # 0.15+: an overrides row holding a JSON object exists

    @property
    def blank(self) -> bool:
        """All three hooks '': meant as "follow the global hooks" (see the module's docstring)."""
        return all(self.hooks[hook] == "" for hook in HOOKS)


@dataclass
class AppHooks:
    era: str
    settings: Place
    instances: list[Place] = field(default_factory=list)
    unread: str = ""  # why the instances' hooks could not be read

    def find(self, where: tuple[str, str]) -> Place | None:
        """The place `parse_where` names: the settings, or an instance by folder or by id."""
        kind, key = where
        if kind == SETTINGS:
            return self.settings
        return next((p for p in self.instances if (p.path if kind == "path" else p.key) == key), None)


def instance_where(path: str) -> str:
    return f"instance[{path}]"


def parse_where(where: str) -> tuple[str, str]:
    """("settings", ""), ("path", folder) or ("id", instances.id) for a place recorded by this or an earlier
    prelaunch: `instance[<folder>]`, `profiles[<folder>]`, or `instance_launch_overrides.overrides[<id>]`."""
    if where == SETTINGS:
        return SETTINGS, ""
    table, _, rest = where.partition("[")
    key = rest[:-1] if rest.endswith("]") else rest
    return ("path", key) if table in ("instance", "profiles") else ("id", key)


def argv(value: str, old_syntax: bool, hook: str) -> list[str] | None:
    """What the app runs for a hook value: the program and its arguments (None: the app refuses the value,
    e.g. unbalanced quotes)."""
    if old_syntax:
        return [value] if hook == "wrapper" else value.split(" ")
    try:
        return shlex.split(value)
    except ValueError:
        return None


def same_in_both(value: str, hook: str) -> bool:
    """Whether a value means the same read the old way and with shlex (so it survives the app's re-quote)."""
    return argv(value, True, hook) == argv(value, False, hook)


def effective(place: Place, settings: Place, hook: str) -> tuple[str, bool] | None:
    """(value, old syntax) the app runs for `hook` in an instance, or None when it runs none."""
    own = place.hooks[hook]
    value, old = (own, place.old_syntax) if own is not None else (settings.hooks[hook], settings.old_syntax)
    return (value, old) if value else None


@functools.lru_cache(maxsize=256)  # most instances follow the global hooks: one value, read once
def runs_prelaunch(value: str | None, old_syntax: bool, hook: str) -> bool:
    """Whether a hook value starts prelaunch (its `check` for the pre-launch hook, `wrap` for the wrapper)."""
    if not value or hook not in PRELAUNCH_HOOKS:
        return False
    args = argv(value, old_syntax, hook) or []
    action = PRELAUNCH_HOOKS[hook]
    names = [arg.replace("\\", "/").rsplit("/", 1)[-1] for arg in args[:2]]
    return (bool(names) and names[0] == f"prelaunch-{action}") or (
        len(args) >= 3 and names[1] == _WINDOWS_ENTRY and args[2] == action)


def read(database: str) -> AppHooks | None:
    """The hooks of every place in app.db, or None for a schema prelaunch does not know."""
    try:
        return modrinth_db.read(database, _read, jsonb=True)
    except modrinth_db.JsonbUnavailable as exc:
        state = modrinth_db.read(database, lambda db: _read(db, jsonb=False))
        if state is not None and state.era == modrinth_db.ERA_NEW:
            state.unread = str(exc)
        return state


def read_if_readable(database: str) -> AppHooks | None:
    """`read`, or None when there is no such database or it cannot be read now (busy, damaged)."""
    if not os.path.isfile(database):
        return None
    try:
        return read(database)
    except sqlite3.Error:
        return None


def _read(db: Any, jsonb: bool = True) -> AppHooks | None:
    era = modrinth_db.storage_era(db)
    if era is None:
        return None
    row = db.execute("SELECT hook_pre_launch, hook_wrapper, hook_post_exit FROM settings WHERE id = 0").fetchone()
    old_global = era == modrinth_db.ERA_PROFILES
    if era == modrinth_db.ERA_PROFILES_QUOTED:
        version = db.execute("SELECT version FROM settings WHERE id = 0").fetchone()
        old_global = not (version and version[0] and version[0] >= 2)
    state = AppHooks(era, Place(SETTINGS, dict(zip(HOOKS, row or (None, None, None))), old_global))
    if era == modrinth_db.ERA_NEW:
        if jsonb:
            state.instances = _instances_new(db)
    else:
        state.instances = _instances_profiles(db, era)
    return state


def _instances_profiles(db: Any, era: str) -> list[Place]:
    feature = "launcher_feature_version" if "launcher_feature_version" in modrinth_db.columns(db, "profiles") \
        else "NULL"
    places = []
    for path, name, pre, wrapper, post, version in db.execute(
            "SELECT path, name, override_hook_pre_launch, override_hook_wrapper, override_hook_post_exit, "
            f"{feature} FROM profiles ORDER BY path").fetchall():
        old = era == modrinth_db.ERA_PROFILES or version != REQUOTED
        places.append(Place(instance_where(path), {"pre_launch": pre, "wrapper": wrapper, "post_exit": post}, old,
                            path, path, name or path))
    return places


def _instances_new(db: Any) -> list[Place]:
    places = []
    for instance_id, path, name, document in db.execute(
            "SELECT i.id, i.path, i.name, json(o.overrides) FROM instances i "
            "LEFT JOIN instance_launch_overrides o ON o.instance_id = i.id ORDER BY i.path").fetchall():
        try:
            overrides = json.loads(document) if document else None
        except ValueError:
            overrides = None
        hooks = overrides.get("hooks") if isinstance(overrides, dict) else None
        hooks = hooks if isinstance(hooks, dict) else {}
        values = {hook: hooks.get(hook) if isinstance(hooks.get(hook), str) else None for hook in HOOKS}
        places.append(Place(instance_where(path), values, False, path, instance_id, name or path,
                            writable=isinstance(overrides, dict)))
    return places


def write(db: Any, era: str | None, place_where: tuple[str, str], hook: str, value: str | None) -> bool:
    """Set one hook in the schema as it is now; False when its place is gone (or, 0.15+, has no overrides
    document to hold it)."""
    kind, key = place_where
    if kind == SETTINGS:
        db.execute(f"UPDATE settings SET hook_{hook} = ? WHERE id = 0", (value,))
        return True
    if era != modrinth_db.ERA_NEW:
        if kind != "path" or db.execute("SELECT 1 FROM profiles WHERE path = ?", (key,)).fetchone() is None:
            return False
        db.execute(f"UPDATE profiles SET override_hook_{hook} = ? WHERE path = ?", (value, key))
        return True
    column = "i.path" if kind == "path" else "i.id"
    row = db.execute("SELECT o.instance_id, json(o.overrides) FROM instances i JOIN instance_launch_overrides o "
                     f"ON o.instance_id = i.id WHERE {column} = ?", (key,)).fetchone()
    overrides = json.loads(row[1]) if row and row[1] else None
    if not isinstance(overrides, dict):
        return False
    hooks = overrides.get("hooks")
    if not isinstance(hooks, dict):
        hooks = {}
    hooks[hook] = value
    # Only `$.hooks` changes, and the document stays JSONB, as the app writes it
    # (state/instances/adapters/sqlite/instance_rows.rs:1362-1385).
    db.execute("UPDATE instance_launch_overrides SET overrides = jsonb_set(overrides, '$.hooks', json(?)) "
               "WHERE instance_id = ?", (json.dumps(hooks), row[0]))
    return True


def read_value(db: Any, era: str, place_where: tuple[str, str], hook: str) -> tuple[bool, str | None]:
    """(whether the place exists, its hook's value) in the schema as it is now."""
    kind, key = place_where
    if kind == SETTINGS:
        row = db.execute(f"SELECT hook_{hook} FROM settings WHERE id = 0").fetchone()
        return row is not None, row[0] if row else None
    if era != modrinth_db.ERA_NEW:
        row = db.execute(f"SELECT override_hook_{hook} FROM profiles WHERE path = ?", (key,)).fetchone() \
            if kind == "path" else None
        return row is not None, row[0] if row else None
    column = "i.path" if kind == "path" else "i.id"
    row = db.execute("SELECT json(o.overrides) FROM instances i LEFT JOIN instance_launch_overrides o "
                     f"ON o.instance_id = i.id WHERE {column} = ?", (key,)).fetchone()
    if row is None:
        return False, None
    overrides = json.loads(row[0]) if row[0] else None
    hooks = overrides.get("hooks") if isinstance(overrides, dict) else None
    value = hooks.get(hook) if isinstance(hooks, dict) else None
    return True, value if isinstance(value, str) else None

