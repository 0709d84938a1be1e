"""Uninstall by meaning in the Modrinth App's app.db: what each hook prelaunch changed goes back to, read in
the schema as it is now (the app may have been upgraded since the install, and may have re-quoted the values).
prelaunch's command comes off, the player's own part stays where it now lives, a copy of a global hook
becomes "follow the global hooks" (NULL) again, and a hook that was '' is '' again."""

from __future__ import annotations

import shlex

from prelaunch.installer import command_strings
from prelaunch.installer.changes import Keep, theirs
from prelaunch.installer.records import SettingRecord
from prelaunch.launchers import modrinth_hooks
from prelaunch.launchers.modrinth_hooks import SETTINGS


def _requote(value: str | None, hook: str) -> str | None:
    """What 0.10.16-0.14 make of an old-syntax value at start-up (modrinth_hooks' docstring), so that it runs
    the same read with shlex. '' stays '': the app's re-quote makes it `''` (`join(split(' '))` of an empty
    string, state/profiles.rs:795-797 at 0.10.16), a program with an empty name that fails to start, which is
    not what the player's '' meant."""
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
        ours, rest = command_strings.split_own(current, own)
        if ours:
            return rest
    now = modrinth_hooks.argv(current, old_now, hook) or []
    for own in owns:
        for mine in (modrinth_hooks.argv(own, False, hook), own.split(" ")):
            if not mine or now[:len(mine)] != mine:
                continue
            tail = now[len(mine):]
            if hook == "pre_launch" and tail:
                if tail[0] != command_strings.CHAIN_PRE:
                    continue
                tail = tail[1:]
            return " ".join(tail) if old_now else shlex.join(tail)
    return None


def restored(current: str | None, record: SettingRecord, owns: set[str], hook: str, kind: str,
             old_now: bool) -> str | None | Keep:
    """What a cell goes back to, or Keep.KEEP when the player changed it since (nothing of prelaunch's in it)."""
    before, after = record["before"], record["after"]
    if current == after:
        return before
    if current is None:
        return Keep.KEEP
    reading = _reading(current, after, hook)
    if reading:
        return before if reading == "same" else _requote(before, hook)
    rest = _after_own(current, owns, hook, old_now)
    if rest is None:
        return Keep.KEEP
    if before is None:  # a copy of a global hook: it follows the global hooks again, unless the player added
        copied = theirs(after, owns)
        if not rest or (copied and (_reading(rest, copied, hook) or rest == copied)):
            return None
    return rest if rest else (None if kind == SETTINGS or before is None else "")


def old_now(state: modrinth_hooks.AppHooks | None, place: tuple[str, str]) -> bool:
    """Whether a place is read the old way now (split on spaces)."""
    found = state.find(place) if state is not None else None
    return found.old_syntax if found is not None else False
