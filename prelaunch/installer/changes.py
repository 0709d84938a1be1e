"""What an install or uninstall changes: settings in files, each with its value before and after."""

from __future__ import annotations

import enum

from prelaunch.installer import command_strings
from prelaunch.installer.records import Manifest, SettingRecord
from prelaunch.ui import inert


class Setting:
    """One launcher setting that holds a command; `before`/`after` None means absent (or SQL NULL)."""

    def __init__(self, where: str, key: str, before: str | None, after: str | None, own: str = "") -> None:
        self.where, self.key, self.before, self.after, self.own = where, key, before, after, own

    @property
    def changes(self) -> bool:
        return self.before != self.after

    def as_dict(self) -> SettingRecord:
        return {"where": self.where, "key": self.key, "before": self.before, "after": self.after, "own": self.own}


class FileChange:
    """The settings one launcher file gets; `notes` are things the player should know about it."""

    def __init__(self, launcher: str, path: str, kind: str, label: str) -> None:
        self.launcher, self.path, self.kind, self.label = launcher, path, kind, label
        self.settings: list[Setting] = []
        self.notes: list[str] = []

    @property
    def changed(self) -> list[Setting]:
        return [s for s in self.settings if s.changes]

    def describe(self) -> list[str]:
        """The lines that show this change, made inert: labels, commands and notes hold what launchers and
        modpacks wrote."""
        lines = [f"  {self.label}"]
        for setting in self.changed:
            where = f"{setting.where}: " if setting.where else ""
            lines.append(f"    {where}{setting.key}: {_show(setting.before)} -> {_show(setting.after)}")
        lines += [f"    note: {note}" for note in self.notes]
        return [inert.line(line) for line in lines]


class Keep(enum.Enum):
    """A restore's answer for a setting the player changed since: leave it as it is."""

    KEEP = "keep"


def _show(value: str | None) -> str:
    return "(not set)" if value is None else "(empty)" if value == "" else value


def theirs(current: str | None, owns: set[str]) -> str:
    """The user's own command in a setting, with any prelaunch command (this one or an earlier one) taken off."""
    if not current:
        return ""
    for own in owns:
        if own:
            ours, rest = command_strings.split_own(current, own)
            if ours:
                return rest
    return current


def recorded_owns(manifest: Manifest, path: str) -> set[str]:
    entry = manifest["files"].get(path)
    return {s.get("own", "") for s in (entry.get("settings", []) if entry else [])}


SCRIPT_NAMES = ("prelaunch-check", "prelaunch-wrap")


def first_argument(value: str) -> str:
    """A command's program as written: the whole /usr/bin/env form when it is one (command_strings.through_env), up to
    the closing quote when it starts with one, else up to the first space."""
    through_env = command_strings.env_command(value)
    if through_env:
        return through_env[0]
    if value.startswith('"'):
        end = value.find('"', 1)
        return value if end < 0 else value[:end + 1]
    return value.split(" ", 1)[0]


def found_owns(value: str | None) -> set[str]:
    """prelaunch's own command at the start of a setting, known by its entry script's name in any folder
    (an install whose manifest is gone, or made from another data dir)."""
    if not value:
        return set()
    program = first_argument(value)
    through_env = command_strings.env_command(value)
    path = through_env[1] if through_env else program.strip('"')
    return {program} if path.replace("\\", "/").rsplit("/", 1)[-1] in SCRIPT_NAMES else set()


def takeout(change: FileChange, owns: set[str]) -> FileChange:
    """The settings of an install plan's file turned round: each that holds prelaunch's command gets the
    player's own command that was chained after it, or none (absent, NULL: the launcher's default)."""
    out = FileChange(change.launcher, change.path, change.kind, change.label)
    for setting in change.settings:
        current = setting.before
        if not current:
            continue
        user = theirs(current, owns | {setting.own} | found_owns(current))
        if user != current:
            out.settings.append(Setting(setting.where, setting.key, current, user or None, setting.own))
    return out


def names(value: str | None, directory: str) -> bool:
    """Whether a setting still names a script in `directory` (prelaunch's entry scripts), plainly or through
    /usr/bin/env."""
    if not value:
        return False
    folder, text = directory.replace("\\", "/"), value.replace("\\", "/")
    return folder in text or command_strings.env_quoted(folder) in text
