"""Install into Prism Launcher and MultiMC: the global commands in prismlauncher.cfg / multimc.cfg, and the
same in every instance whose own commands (OverrideCommands) would otherwise hide the global ones.

Every file is read and written with the rules of the launcher whose data dir holds it (`ini.file_format`):
MultiMC reads every file with its own reader, Prism chooses by `ConfigVersion`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Final

from prelaunch.installer import backups, command_strings
from prelaunch.installer import manifest as manifest_module
from prelaunch.installer.changes import FileChange, Keep, Setting, recorded_owns, theirs
from prelaunch.installer.journal import Journal
from prelaunch.installer.records import FileEntry, Manifest, SettingRecord
from prelaunch.launchers import ini, ini_write, multimc, prism_family
from prelaunch.launchers import prism as prism_launcher

if TYPE_CHECKING:
    from prelaunch.launchers.api import PrismFamilyLauncher

# The launchers whose files this writer knows, by kind (each one's global settings file: `CONFIG_FILE`).
LAUNCHERS: dict[str, PrismFamilyLauncher] = {"prism": prism_launcher, "multimc": multimc}

# Legacy key names: Prism Application.cpp:690-691 and BaseInstance.cpp:84 (MultiMC Application.cpp:760-761,
# BaseInstance.cpp:45). The first name present in the file wins (INISettingsObject.cpp:108-118); the launcher's
# own save writes the first name and removes the others (:70-87).
SYNONYMS = {"PreLaunchCommand": "PreLaunchCmd", "PostExitCommand": "PostExitCmd",
            "OverrideCommands": "OverrideLaunchCmd"}
# Where prelaunch's own commands go (and the old name Prism and MultiMC read the first of them by). Prism 12's
# fourth command, `PreLoadCommand` (global, and per instance under OverrideCommands), runs before the version
# metadata and Java are there: prelaunch never writes it, never takes it for the pre-launch command, and
# uninstall leaves whatever it holds.
OWN_KEYS = ("PreLaunchCommand", "PreLaunchCmd", "WrapperCommand")


def own_commands(entry: dict[str, list[str]]) -> tuple[str, str]:
    """prelaunch's pre-launch and wrapper commands as written into Prism's and MultiMC's settings: plain, or,
    when a path holds a `$`, through /usr/bin/env (command_strings.through_env), which every generation of both
    launchers passes on unchanged. Raises command_strings.Unsupported where neither form works."""
    try:
        return command_strings.join(entry["check"]), command_strings.join(entry["wrap"])
    except command_strings.Expands:
        forms = command_strings.through_env(entry["check"]), command_strings.through_env(entry["wrap"])
        if not command_strings.env_splits():
            raise command_strings.Expands(f"{entry['check'][0]!r} contains a dollar sign, which the launchers read as "
                                   f"the start of a variable, and this system's {command_strings.ENV} has no -S option "
                                   "to carry it") from None
        return forms


def _get(values: dict[str, str], key: str) -> str | None:
    if key in values:
        return values[key]
    legacy = SYNONYMS.get(key)
    return values.get(legacy) if legacy else None


def overrides_commands(values: dict[str, str]) -> bool:
    """Whether an instance's own commands replace the global ones: `OverrideCommands` read with
    QVariant::toBool (OverrideSetting.cpp:26-29), absent meaning false (BaseInstance.cpp:84)."""
    return ini.qt_bool(_get(values, "OverrideCommands"))


def _slot_settings(values: dict[str, str], key: str, new: str | None, own: str) -> list[Setting]:
    """The setting for `key`, plus the removal of its legacy synonym (a save by the launcher does the same)."""
    found = [Setting("", key, values.get(key), new, own)]
    legacy = SYNONYMS.get(key)
    if legacy and legacy in values:
        found.append(Setting("", legacy, values[legacy], None))
    return found


def _as_written(value: str | None, owns: set[str]) -> str | None:
    """A command as prelaunch wrote it: an earlier version wrote old-format Prism files without the extra pair
    of quotes, so Prism's `unquote` took the outer quotes off a chained command; put them back when that makes
    it prelaunch's own again, so that it is recognised and not chained a second time."""
    if value and ini.unquote_strips(f'"{value}"'):
        quoted = f'"{value}"'
        if any(own and command_strings.split_own(quoted, own)[0] for own in owns):
            return quoted
    return value


def plan(kind: str, cfg_name: str, data_dir: Path, entry: dict[str, list[str]], manifest: Manifest,
         only_instance: str | None = None) -> list[FileChange]:
    own_pre, own_wrap = own_commands(entry)
    cfg = str(data_dir / cfg_name)
    global_values = ini.read(cfg, kind)
    owns = {own_pre, own_wrap} | recorded_owns(manifest, cfg)
    global_pre = _as_written(_get(global_values, "PreLaunchCommand"), owns)
    global_wrap = _as_written(_get(global_values, "WrapperCommand"), owns)
    changes = []
    if only_instance is None:
        change = FileChange(kind, cfg, "ini", cfg_name)
        change.settings += _slot_settings(global_values, "PreLaunchCommand",
                                          command_strings.chain(own_pre, theirs(global_pre, owns), True), own_pre)
        change.settings += _slot_settings(global_values, "WrapperCommand",
                                          command_strings.chain(own_wrap, theirs(global_wrap, owns), False), own_wrap)
        changes.append(change)
    root = Path(prism_family.instances_dir(str(data_dir), cfg_name, kind))
    try:
        folders = sorted(p for p in root.iterdir() if (p / prism_family.INSTANCE_FILE).is_file())
    except OSError:
        folders = []
    for folder in folders:
        if only_instance is not None and folder.name != only_instance:
            continue
        path = str(folder / prism_family.INSTANCE_FILE)
        try:
            values = ini.read(path, kind)
        except OSError:
            continue
        if not overrides_commands(values):
            continue
        inst_owns = owns | recorded_owns(manifest, path)
        # A key present in instance.cfg wins even when empty; an absent one falls back to the global value.
        pre = _get(values, "PreLaunchCommand")
        pre = _as_written(pre, inst_owns) if pre is not None else global_pre
        wrap = _get(values, "WrapperCommand")
        wrap = _as_written(wrap, inst_owns) if wrap is not None else global_wrap
        post = _get(values, "PostExitCommand")
        change = FileChange(kind, path, "ini", f"{os.path.relpath(path, data_dir)} (own commands)")
        change.settings += _slot_settings(values, "PreLaunchCommand",
                                          command_strings.chain(own_pre, theirs(pre, inst_owns), True), own_pre)
        change.settings += _slot_settings(values, "WrapperCommand",
                                          command_strings.chain(own_wrap, theirs(wrap, inst_owns), False), own_wrap)
        # the launcher's settings page writes all three keys together; the post-exit one keeps its meaning
        change.settings += _slot_settings(values, "PostExitCommand",
                                          post if post is not None else (_get(global_values, "PostExitCommand")
                                                                         or ""), "")
        changes.append(change)
    return changes


def apply(change: FileChange, manifest: Manifest, journal: Journal | None) -> bool:
    """Write the change into the file; False when the file already says exactly that."""
    with open(change.path, "rb") as handle:
        original = handle.read()
    text = original.decode("utf-8", errors="surrogateescape")
    updated = ini_write.set_values(text, {s.key: s.after for s in change.changed},
                                    ini.file_format(ini.decode(original), change.launcher))
    data = updated.encode("utf-8", errors="surrogateescape")
    return manifest_module.write_file(manifest, change, "ini", original, data, journal)


_KEEP: Final = Keep.KEEP  # restored_value's answer for a setting the player changed since: leave it


def restore(path: str, entry: FileEntry, journal: Journal | None) -> str:
    """Put the file back: byte for byte when nobody changed it since, else setting by setting, reading the file
    with the rules of the launcher that saved it since (every launch re-saves instance.cfg)."""
    try:
        with open(path, "rb") as handle:
            current = handle.read()
    except FileNotFoundError:
        return f"{path}: gone; nothing to restore"
    if manifest_module.restore_untouched(path, current, entry, journal):
        return f"{path}: restored byte for byte"
    launcher = entry.get("launcher") or "prism"
    fmt = ini.file_format(ini.decode(current), launcher)
    values = ini.parse(ini.decode(current), launcher)
    wanted: dict[str, str | None] = {}
    skipped = []
    for setting in entry["settings"]:
        restored = restored_value(values.get(setting["key"]), setting)
        if restored is _KEEP:
            skipped.append(setting["key"])
        else:
            wanted[setting["key"]] = restored
    text = current.decode("utf-8", errors="surrogateescape")
    updated = ini_write.set_values(text, wanted, fmt)
    backups.atomic_write(path, updated.encode("utf-8", errors="surrogateescape"), journal)
    note = f"; left as you changed them: {', '.join(skipped)}" if skipped else ""
    return f"{path}: prelaunch's settings taken out (the launcher rewrote the file since){note}"


def restored_value(current: str | None, setting: SettingRecord) -> str | None | Keep:
    """What uninstall puts in one setting: its value from before when it still holds what prelaunch wrote; the
    player's own part when it holds prelaunch's command with something else chained since; else _KEEP (the
    player changed it: leave it)."""
    if current == setting["after"]:
        return setting["before"]
    own = setting.get("own") or ""
    if own and current:
        ours, rest = command_strings.split_own(current, own)
        if not ours and ini.unquote_strips(f'"{current}"'):
            # the value as an earlier prelaunch left it in an old-format Prism file: unquote took its outer quotes
            ours, rest = command_strings.split_own(f'"{current}"', own)
        if ours:
            return rest if rest or setting["before"] is not None else None
    return _KEEP
