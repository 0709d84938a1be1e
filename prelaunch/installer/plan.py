"""What an install or uninstall changes: settings in files, each with its value before and after."""

from __future__ import annotations

from prelaunch.installer import commands


class Setting:
    """One launcher setting that holds a command; `before`/`after` None means absent (or SQL NULL)."""

    def __init__(self, where: str, key: str, before: str | None, after: str | None, own: str = "") -> None:
        self.where, self.key, self.before, self.after, self.own = where, key, before, after, own

    @property
    def changes(self) -> bool:
        return self.before != self.after

    def as_dict(self) -> dict:
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
        lines = [f"  {self.label}"]
        for setting in self.changed:
            where = f"{setting.where}: " if setting.where else ""
            lines.append(f"    {where}{setting.key}: {_show(setting.before)} -> {_show(setting.after)}")
        lines += [f"    note: {note}" for note in self.notes]
        return lines


def _show(value: str | None) -> str:
    return "(not set)" if value is None else "(empty)" if value == "" else value


def theirs(current: str | None, owns: set[str]) -> str:
    """The user's own command in a setting, with any prelaunch command (this one or an earlier one) taken off."""
    if not current:
        return ""
    for own in owns:
        if own:
            ours, rest = commands.split_own(current, own)
            if ours:
                return rest
    return current


def recorded_owns(manifest: dict, path: str) -> set[str]:
    entry = manifest["files"].get(path, {})
    return {s.get("own", "") for s in entry.get("settings", [])}
