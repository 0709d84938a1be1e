"""Install into the Modrinth App 0.8 and newer (app.db). 0.7 and older keep their hooks in JSON files
(installer/modrinth_legacy.py).

What each place gets (how the app reads a value: launchers/modrinth_hooks.py):
- The global hooks in `settings`: prelaunch's check in front of the player's own pre-launch command (`--then`),
  and prelaunch's wrapper in front of the player's own wrapper.
- An instance's own hook, which hides the global one: the same, chained.
- An instance that follows a global hook (NULL): in 0.15+ it runs prelaunch already. In 0.8-0.14 it gets a
  copy of the global hook as this install leaves it, because the app's 0.15 migration turns NULL into ''
  (`COALESCE(override_hook_*, '')`), which runs no hook: without the copy, the app's own upgrade would switch
  prelaunch (and the player's own global hooks) off in every such instance. A later install refreshes a copy
  it made, so a changed global hook reaches those instances again.
- All three hooks '' (the 0.15 migration, or the app's hooks page saved with custom hooks unticked): taken as
  "follow the global hooks": NULL in 0.15+, the copy in 0.8-0.14.
- A lone '' beside a set hook is the player's "no hook here": kept, and the plan says prelaunch does not run
  there.
- Places read the old way (0.8-0.10.15, and places 0.10.16-0.14 re-quote at the app's next start) take
  single-token paths without spaces, and their wrapper is one program: a player's wrapper there is kept, not
  chained.

Uninstall reads the schema as it is now (the app may have been upgraded since the install) and restores by
meaning: prelaunch's command comes off, the player's own part stays where it now lives, and a copy of a global
hook becomes "follow the global hooks" again.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Final

from prelaunch.installer import backups, commands
from prelaunch.installer import manifest as manifest_module
from prelaunch.installer.changes import FileChange, Keep, Setting, recorded_owns, theirs
from prelaunch.installer.journal import Journal
from prelaunch.installer.records import FileEntry, Manifest, SettingRecord
from prelaunch.launchers import modrinth_db, modrinth_hooks
from prelaunch.launchers.modrinth import DATABASE
from prelaunch.launchers.modrinth_hooks import HOOKS, PRELAUNCH_HOOKS, SETTINGS, Place

HOOK_NAMES = {"pre_launch": "pre-launch", "wrapper": "wrapper", "post_exit": "post-exit"}
LISTED = 10  # instance names in one note
RUNS = {"pre_launch": "check", "wrapper": "account lock (wrapper)"}


def _hook(key: str) -> str:
    """A record's hook name: `hook_pre_launch` (settings) or `pre_launch` (an instance)."""
    return key[len("hook_"):] if key.startswith("hook_") else key


def _own(entry: dict[str, list[str]], hook: str, old_syntax: bool) -> str:
    """prelaunch's command for `hook`, written for a place read the old way or with shlex."""
    args = entry[PRELAUNCH_HOOKS[hook]]
    if old_syntax and hook == "wrapper" and len(args) > 1:
        raise commands.Unsupported("this version runs the wrapper as one program without arguments")
    return commands.join(args, spaces_allowed=not old_syntax)


def _all_owns(entry: dict[str, list[str]]) -> set[str]:
    found = set()
    for hook in PRELAUNCH_HOOKS:
        for old in (False, True):
            try:
                found.add(_own(entry, hook, old))
            except commands.Unsupported:
                pass
    return found


class _Planner:
    """The settings of one app.db, place by place."""

    def __init__(self, state: modrinth_hooks.AppHooks, entry: dict[str, list[str]], manifest: Manifest,
                 change: FileChange, only_instance: str | None) -> None:
        self.state, self.entry, self.change, self.only_instance = state, entry, change, only_instance
        self.owns = _all_owns(entry) | recorded_owns(manifest, change.path)
        recorded = manifest["files"].get(change.path)
        self.recorded = {(s["where"], s["key"]): s for s in (recorded.get("settings", []) if recorded else [])}
        self.recorded_places: dict[tuple[str, str | None], str] = {
            modrinth_hooks.parse_where(where): where for where, _ in self.recorded}
        self.global_after: dict[str, str | None] = {}
        self.blank: list[str] = []  # instances with all three hooks ''
        self.copied = False  # a global hook copied into an instance that follows it

    def finish(self) -> None:
        if self.copied:
            self.note("instances that follow the global hooks get a copy of them: the app's update to 0.15 "
                      "empties every instance hook that is not set, which would switch prelaunch and your own "
                      "global hooks off there. `prelaunch install` refreshes the copies after you change the "
                      "global hooks; uninstall sets those instances back to follow them")
        if self.blank:
            names = ", ".join(repr(name) for name in self.blank[:LISTED])
            more = f" and {len(self.blank) - LISTED} more" if len(self.blank) > LISTED else ""
            self.note(f"instance(s) {names}{more}: their hooks were all set empty (by the app's 0.15 update, or by "
                      "saving the hooks page with custom hooks unticked); prelaunch takes that as \"follow the "
                      "global hooks\"")

    def note(self, text: str) -> None:
        if text not in self.change.notes:
            self.change.notes.append(text)

    def chained(self, current: str | None, hook: str, old_syntax: bool, label: str) -> str | None:
        """prelaunch's command in front of the player's own (pre-launch and wrapper)."""
        try:
            mine = _own(self.entry, hook, old_syntax)
        except commands.Unsupported as exc:
            self.note(f"{label}: prelaunch's {HOOK_NAMES[hook]} hook cannot be set there: {exc}")
            return current
        user = theirs(current, self.owns)
        if hook == "wrapper" and old_syntax and user:
            self.note(f"{label}: your wrapper {user!r} is kept: this version runs the wrapper as one program, "
                      "so prelaunch's cannot go in front of it (it cannot chain wrappers)")
            return current
        return commands.chain(mine, user, hook == "pre_launch")

    def global_settings(self) -> None:
        settings = self.state.settings
        for hook in HOOKS:
            current = settings.hooks[hook]
            after = self.chained(current, hook, settings.old_syntax, "global hooks") if hook in PRELAUNCH_HOOKS \
                else current
            self.global_after[hook] = after
            if self.only_instance is None:
                own = _own(self.entry, hook, settings.old_syntax) if hook in PRELAUNCH_HOOKS and after != current \
                    else ""
                self.change.settings.append(Setting(SETTINGS, f"hook_{hook}", current, after, own))

    def copy(self, hook: str, place: Place, label: str) -> str | None:
        """The global hook (as this install leaves it) for an instance that follows it; None when empty or
        when it could mean something else there. A place read the old way is read with shlex after the app's
        update: re-quoted first by 0.10.16-0.14, not re-quoted when the update goes straight to 0.15, so what
        is copied there must read the same both ways."""
        value = self.global_after[hook]
        if not value:
            return None
        if not (self.state.settings.old_syntax or place.old_syntax) or modrinth_hooks.same_in_both(value, hook):
            return value
        self.note(f"{label}: the global {HOOK_NAMES[hook]} hook {value!r} cannot be copied there: that instance's "
                  "hooks are read split on spaces now and with shell quoting after the app's next update, which "
                  "would run something else. After the update, run `prelaunch install` again")
        return None

    def our_copy(self, where: str, hook: str, current: str | None) -> bool:
        """A copy of a global hook this installer made, still as it wrote it."""
        record = self.recorded.get((where, hook))
        return bool(record and record["before"] is None and current is not None and current == record["after"])

    def where(self, place: Place) -> str:
        """The place's name in the manifest: an earlier record's (an older schema's) when there is one."""
        return self.recorded_places.get(("path", place.path)) or self.recorded_places.get(("id", place.key)) \
            or place.where

    def instance(self, place: Place) -> None:
        label = f"instance {place.name!r}"
        where = self.where(place)
        if place.blank:
            self.blank.append(place.name)
        pin = self.state.era != modrinth_db.ERA_NEW or self.only_instance is not None
        for hook in HOOKS:
            current = place.hooks[hook]
            if current is None or place.blank or self.our_copy(where, hook, current):
                after = self.copy(hook, place, label) if pin else None
                self.copied = self.copied or (after is not None and self.state.era != modrinth_db.ERA_NEW)
            elif current == "":
                after = current
                if hook in PRELAUNCH_HOOKS:
                    self.note(f"{label}: its {HOOK_NAMES[hook]} hook is set empty in the app (no hook there); "
                              f"kept as you set it, so prelaunch's {RUNS[hook]} does not run there")
            elif hook in PRELAUNCH_HOOKS:
                after = self.chained(current, hook, place.old_syntax, label)
            else:
                after = current
            if after == current:
                continue
            if not place.writable:
                self.note(f"{label}: has no launch overrides in app.db yet; open its settings in the app once")
                continue
            own = ""
            if hook in PRELAUNCH_HOOKS and after:
                own = next((o for o in self.owns if o and commands.split_own(after, o)[0]), "")
            self.change.settings.append(Setting(where, hook, current, after, own))


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
        _own(entry, "pre_launch", state.settings.old_syntax)
    except commands.Unsupported as exc:
        change.notes.append(f"cannot be set up: {exc}. Install prelaunch where its path has no spaces "
                            "(set XDG_DATA_HOME), or update the Modrinth App to 0.10.16 or newer.")
        return [change]
    if state.unread:
        change.notes.append(f"instance hooks were not read or changed: {state.unread}")
    planner = _Planner(state, entry, manifest, change, only_instance)
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


def _requote(value: str | None, hook: str) -> str | None:
    """What 0.10.16-0.14 make of an old-syntax value at start-up (modrinth_hooks' docstring), so that it runs
    the same read with shlex."""
    if not value:
        return value
    if hook == "wrapper":
        return shlex.quote(value)
    return " ".join(shlex.quote(word) for word in value.split(" "))


def _reading(current: str, after: str | None, hook: str) -> str:
    """How `current` relates to what prelaunch wrote: "same" (it runs the same), "requoted" (the app re-quoted
    it since, old syntax to shlex), or "" (changed)."""
    if after is None:
        return ""
    now = modrinth_hooks.argv(current, False, hook)
    if now is not None and now == modrinth_hooks.argv(after, False, hook):
        return "same"
    return "requoted" if now is not None and now == modrinth_hooks.argv(after, True, hook) else ""


def _after_own(current: str, owns: set[str], hook: str, old_now: bool) -> str | None:
    """The player's part after prelaunch's command, or None when `current` does not start with it. Read by
    what it runs, so a value the app re-quoted since is recognised too; the part is then written anew for the
    way the place reads it now."""
    for own in owns:
        ours, rest = commands.split_own(current, own)
        if ours:
            return rest
    now = modrinth_hooks.argv(current, old_now, hook) or []
    for own in owns:
        for mine in (modrinth_hooks.argv(own, False, hook), own.split(" ")):
            if not mine or now[:len(mine)] != mine:
                continue
            tail = now[len(mine):]
            if hook == "pre_launch" and tail:
                if tail[0] != commands.CHAIN_PRE:
                    continue
                tail = tail[1:]
            return " ".join(tail) if old_now else shlex.join(tail)
    return None


_KEEP: Final = Keep.KEEP


def _restored(current: str | None, record: SettingRecord, owns: set[str], hook: str, kind: str,
              old_now: bool) -> str | None | Keep:
    """What a cell goes back to, or _KEEP when the player changed it since (nothing of prelaunch's in it)."""
    before, after = record["before"], record["after"]
    if current == after:
        return before
    if current is None:
        return _KEEP
    reading = _reading(current, after, hook)
    if reading:
        return before if reading == "same" else _requote(before, hook)
    rest = _after_own(current, owns, hook, old_now)
    if rest is None:
        return _KEEP
    if before is None:  # a copy of a global hook: it follows the global hooks again, unless the player added
        copied = theirs(after, owns)
        if not rest or (copied and (_reading(rest, copied, hook) or rest == copied)):
            return None
    return rest if rest else (None if kind == SETTINGS or before is None else "")


def _old_now(state: modrinth_hooks.AppHooks | None, place: tuple[str, str]) -> bool:
    """Whether a place is read the old way now (split on spaces)."""
    found = state.find(place) if state is not None else None
    return found.old_syntax if found is not None else False


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
                value = _restored(current, record, owns, hook, place[0], _old_now(state, place)) if exists \
                    else _KEEP
                if not exists:
                    gone.append(f"{record['where']} {record['key']}")
                elif value is _KEEP:
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
