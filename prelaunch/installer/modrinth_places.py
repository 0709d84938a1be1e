"""What each place of the Modrinth App's app.db (0.8 and newer) gets from an install: the global hooks and
each instance's, hook by hook (how the app reads a value: launchers/modrinth_hooks.py).

- The global hooks in `settings`: prelaunch's check in front of the player's own pre-launch command (`--then`),
  and prelaunch's wrapper in front of the player's own wrapper.
- An instance's own hook, which hides the global one: the same, chained.
- An instance hook that is '' beside a set hook: prelaunch alone (its check without `--then`, its wrapper with
  nothing after it). The app's 0.15 update writes that '' in every hook an instance did not set itself
  (`COALESCE(override_hook_*, '')`), and the app's hooks page writes it for a field left empty: the two cannot
  be told apart, and what both mean is that none of the player's commands runs there. prelaunch alone keeps
  that, and gives the instance the check and the account lock; uninstall puts the '' back
  (reference: launchers.md section 12).
- An instance that follows a global hook (NULL): in 0.15+ it runs prelaunch already. In 0.8-0.14 it gets a
  copy of the global hook as this install leaves it, because the app's 0.15 update turns NULL into '', which
  runs no hook: without the copy, the update would switch prelaunch (and the player's own global hooks) off
  in every such instance. A later install refreshes a copy it made, so a changed global hook reaches those
  instances again.
- All three hooks '' (the 0.15 update, or the app's hooks page saved with custom hooks unticked): taken as
  "follow the global hooks": NULL in 0.15+, the copy in 0.8-0.14.
- Places read the old way (0.8-0.10.15, and places 0.10.16-0.14 re-quote at the app's next start) take
  single-token paths without spaces, and their wrapper is one program: a player's wrapper there is kept, not
  chained.
"""

from __future__ import annotations

from prelaunch.installer import command_strings
from prelaunch.installer.changes import FileChange, Setting, recorded_owns, theirs
from prelaunch.installer.records import Manifest
from prelaunch.launchers import modrinth_db, modrinth_hooks
from prelaunch.launchers.modrinth_hooks import HOOKS, PRELAUNCH_HOOKS, SETTINGS, Place

HOOK_NAMES = {"pre_launch": "pre-launch", "wrapper": "wrapper", "post_exit": "post-exit"}
LISTED = 10  # instance names in one note


def own(entry: dict[str, list[str]], hook: str, old_syntax: bool) -> str:
    """prelaunch's command for `hook`, written for a place read the old way or with shlex."""
    args = entry[PRELAUNCH_HOOKS[hook]]
    if old_syntax and hook == "wrapper" and len(args) > 1:
        raise command_strings.Unsupported("this version runs the wrapper as one program without arguments")
    return command_strings.join(args, spaces_allowed=not old_syntax)


def all_owns(entry: dict[str, list[str]]) -> set[str]:
    """prelaunch's commands in every way this install may write them."""
    found = set()
    for hook in PRELAUNCH_HOOKS:
        for old in (False, True):
            try:
                found.add(own(entry, hook, old))
            except command_strings.Unsupported:
                pass
    return found


def _listed(names: list[str]) -> str:
    more = f" and {len(names) - LISTED} more" if len(names) > LISTED else ""
    return ", ".join(names[:LISTED]) + more


class Planner:
    """The settings of one app.db, place by place."""

    def __init__(self, state: modrinth_hooks.AppHooks, entry: dict[str, list[str]], manifest: Manifest,
                 change: FileChange, only_instance: str | None) -> None:
        self.state, self.entry, self.change, self.only_instance = state, entry, change, only_instance
        self.owns = all_owns(entry) | recorded_owns(manifest, change.path)
        recorded = manifest["files"].get(change.path)
        self.recorded = {(s["where"], s["key"]): s for s in (recorded.get("settings", []) if recorded else [])}
        self.recorded_places: dict[tuple[str, str | None], str] = {
            modrinth_hooks.parse_where(where): where for where, _ in self.recorded}
        self.global_after: dict[str, str | None] = {}
        self.blank: list[str] = []  # instances with all three hooks ''
        self.alone: dict[str, list[str]] = {}  # instance name -> its '' hooks that now hold prelaunch alone
        self.copied = False  # a global hook copied into an instance that follows it

    def finish(self) -> None:
        if self.copied:
            self.note("instances that follow the global hooks get a copy of them: the app's update to 0.15 "
                      "empties every instance hook that is not set, which would switch prelaunch and your own "
                      "global hooks off there. `prelaunch install` refreshes the copies after you change the "
                      "global hooks; uninstall sets those instances back to follow them")
        if self.blank:
            self.note(f"instance(s) {_listed([repr(name) for name in self.blank])}: their hooks were all set "
                      "empty (by the app's 0.15 update, or by saving the hooks page with custom hooks unticked); "
                      "prelaunch takes that as \"follow the global hooks\"")
        if self.alone:
            names = [f"{name!r} ({' and '.join(HOOK_NAMES[hook] for hook in hooks)})"
                     for name, hooks in self.alone.items()]
            self.note(f"instance(s) {_listed(names)}: these hooks were empty (the app's 0.15 update writes that "
                      "beside an instance's own hooks, or they were left empty in its settings), which switches the "
                      "global hook off there; prelaunch now runs there alone, with no command of yours after it, "
                      "and uninstall empties them again")

    def note(self, text: str) -> None:
        if text not in self.change.notes:
            self.change.notes.append(text)

    def chained(self, current: str | None, hook: str, old_syntax: bool, label: str) -> str | None:
        """prelaunch's command in front of the player's own (pre-launch and wrapper); alone when there is none."""
        try:
            mine = own(self.entry, hook, old_syntax)
        except command_strings.Unsupported as exc:
            self.note(f"{label}: prelaunch's {HOOK_NAMES[hook]} hook cannot be set there: {exc}")
            return current
        user = theirs(current, self.owns)
        if hook == "wrapper" and old_syntax and user:
            self.note(f"{label}: your wrapper {user!r} is kept: this version runs the wrapper as one program, "
                      "so prelaunch's cannot go in front of it (it cannot chain wrappers)")
            return current
        return command_strings.chain(mine, user, hook == "pre_launch")

    def global_settings(self) -> None:
        settings = self.state.settings
        for hook in HOOKS:
            current = settings.hooks[hook]
            after = self.chained(current, hook, settings.old_syntax, "global hooks") if hook in PRELAUNCH_HOOKS \
                else current
            self.global_after[hook] = after
            if self.only_instance is None:
                mine = own(self.entry, hook, settings.old_syntax) if hook in PRELAUNCH_HOOKS and after != current \
                    else ""
                self.change.settings.append(Setting(SETTINGS, f"hook_{hook}", current, after, mine))

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
            elif hook in PRELAUNCH_HOOKS:
                after = self.chained(current, hook, place.old_syntax, label)
                if current == "" and after:
                    self.alone.setdefault(place.name, []).append(hook)
            else:
                after = current
            if after == current:
                continue
            if not place.writable:
                self.note(f"{label}: has no launch overrides in app.db yet; open its settings in the app once")
                continue
            mine = ""
            if hook in PRELAUNCH_HOOKS and after:
                mine = next((o for o in self.owns if o and command_strings.split_own(after, o)[0]), "")
            self.change.settings.append(Setting(where, hook, current, after, mine))
