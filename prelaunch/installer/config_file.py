"""prelaunch's own configuration file as an install changes it (the "toml" kind of file): the [devices] folder
the player picked. A setting goes in through `ui.config_edit` (every other byte of the file kept; a file that is
not valid TOML is not touched), journaled before and recorded in the manifest like a launcher file, so that a
failed install puts the file back byte for byte and uninstall takes the setting out again.

Uninstall (`restore`) never puts a copy of the whole file back: the player may have edited it since, and those
edits stay. Each setting that still holds what install wrote goes back to its value before (taken out when there
was none, with its table when nothing else was in it); a setting the player changed since stays as they set it;
a file the install made is removed when nothing is left in it."""

from __future__ import annotations

import os

from prelaunch import paths
from prelaunch.config import parse_toml
from prelaunch.installer import backups
from prelaunch.installer import manifest as manifest_module
from prelaunch.installer.changes import FileChange, Setting
from prelaunch.installer.journal import Journal
from prelaunch.installer.records import FileEntry, Manifest, SettingRecord
from prelaunch.installer.user_command import missing_folders
from prelaunch.ui import config_edit

KIND = "toml"


class Unchangeable(ValueError):
    """The file cannot take the setting safely: not UTF-8 text, not valid TOML, or its table written in a way
    prelaunch does not change. The message says which file and why."""


def _table(where: str) -> config_edit.Table:
    return tuple(where.split("."))


def _set_to(value: str | None) -> config_edit.ValueFor:
    return lambda _now: config_edit.ABSENT if value is None else value


def _text(path: str, data: bytes | None) -> str:
    try:
        return (data or b"").decode("utf-8")
    except UnicodeDecodeError:
        raise Unchangeable(f"{path} is not UTF-8 text") from None


def plan(where: str, key: str, value: str, path: str | None = None) -> FileChange:
    """The change that sets `key` of table `where` (dotted) to `value` in the configuration file (nothing
    written); without settings when it already holds that. Unchangeable when the file cannot take it; OSError
    when it cannot be read."""
    path = path or paths.config_file()
    text = _text(path, config_edit.read(path))
    if config_edit.edited(text, _table(where), key, _set_to(value)) is None:
        raise Unchangeable(config_edit.unchangeable(path, _table(where)))
    now: object = parse_toml(text)
    for part in (*_table(where), key):
        now = now.get(part) if isinstance(now, dict) else None
    if now is not None and not isinstance(now, str):
        raise Unchangeable(f"[{where}] {key} in {path} is not text")
    change = FileChange("", path, KIND, path)
    if now != value:
        change.settings.append(Setting(where, key, now, value))
    return change


def apply(change: FileChange, manifest: Manifest, journal: Journal | None) -> bool:
    """Write the change's settings into the file (made, owner-only, in an owner-only folder, when there is none)
    and record it in the manifest; False when the file already says that. Unchangeable when it cannot take them."""
    with config_edit.locked():
        data = config_edit.read(change.path)
        new = text = _text(change.path, data)
        for setting in change.changed:
            edited = config_edit.edited(new, _table(setting.where), setting.key, _set_to(setting.after))
            if edited is None:
                raise Unchangeable(config_edit.unchangeable(change.path, _table(setting.where)))
            new = edited
        if new == text:
            return False
        if data is None:
            for folder in missing_folders(os.path.dirname(os.path.abspath(change.path))):
                if journal is not None:
                    journal.created(folder)
                paths.private_dir(folder)
            if journal is not None:
                journal.created(change.path)
        earlier = manifest["files"].get(change.path)
        made = data is None or bool(earlier and earlier.get("made"))
        backups.atomic_write(change.path, new.encode("utf-8"), journal)
    manifest_module.record(manifest, change, KIND, "", written=new.encode("utf-8"))
    if made:
        manifest["files"][change.path]["made"] = True
    return True


def _back(setting: SettingRecord) -> config_edit.ValueFor:
    """The setting's value before install while it holds what install wrote; else what it holds."""
    ours = config_edit.ABSENT if setting["after"] is None else setting["after"]
    before = config_edit.ABSENT if setting["before"] is None else setting["before"]
    return lambda now: before if now == ours else now


def restore(path: str, entry: FileEntry, journal: Journal | None) -> str:
    """Take out each setting that still holds what install wrote, giving it its value before; remove the file
    when install made it and nothing is left in it. One line saying what was done."""
    with config_edit.locked():
        data = config_edit.read(path)
        if data is None:
            return f"{path}: not there any more, nothing to take out"
        try:
            text = _text(path, data)
        except Unchangeable as exc:
            return f"{exc}: left as it is"
        new, kept = text, []
        for setting in entry["settings"]:
            edited = config_edit.edited(new, _table(setting["where"]), setting["key"], _back(setting))
            if edited is None:
                return f"{config_edit.unchangeable(path, _table(setting['where']))}: left as it is"
            if edited == new:
                kept.append(f"[{setting['where']}] {setting['key']}")
            new = edited
        if entry.get("made") and not new.strip():
            if journal is not None:
                journal.removing(path)
            os.unlink(path)
            return f"{path}: removed (the install had made it)"
        if new != text:
            backups.atomic_write(path, new.encode("utf-8"), journal)
    if kept:
        return f"{path}: {', '.join(kept)} kept as you set it"
    return f"{path}: what the install set is taken out"
