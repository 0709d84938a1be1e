"""Install into Prism Launcher and MultiMC: the global commands in prismlauncher.cfg / multimc.cfg, and the
same in every instance whose own commands (OverrideCommands) would otherwise hide the global ones."""

from __future__ import annotations

import os
from pathlib import Path

from prelaunch.installer import commands, files
from prelaunch.installer import manifest as manifest_module
from prelaunch.installer.plan import FileChange, Setting, recorded_owns, theirs
from prelaunch.launchers import _ini, _ini_write, _prism_family

SYNONYMS = {"PreLaunchCommand": "PreLaunchCmd", "PostExitCommand": "PostExitCmd",
            "OverrideCommands": "OverrideLaunchCmd"}


def _get(values: dict[str, str], key: str) -> str | None:
    if key in values:
        return values[key]
    legacy = SYNONYMS.get(key)
    return values.get(legacy) if legacy else None


def _slot_settings(values: dict[str, str], key: str, new: str | None, own: str) -> list[Setting]:
    """The setting for `key`, plus the removal of its legacy synonym (a save by the launcher does the same)."""
    found = [Setting("", key, values.get(key), new, own)]
    legacy = SYNONYMS.get(key)
    if legacy and legacy in values:
        found.append(Setting("", legacy, values[legacy], None))
    return found


def plan(kind: str, cfg_name: str, data_dir: Path, entry: dict[str, list[str]], manifest: dict,
         only_instance: str | None = None) -> list[FileChange]:
    own_pre, own_wrap = commands.join(entry["check"]), commands.join(entry["wrap"])
    cfg = str(data_dir / cfg_name)
    global_values = _ini.read(Path(cfg), prism_unquote=kind == "prism")
    owns = {own_pre, own_wrap} | recorded_owns(manifest, cfg)
    global_pre, global_wrap = _get(global_values, "PreLaunchCommand"), _get(global_values, "WrapperCommand")
    changes = []
    if only_instance is None:
        change = FileChange(kind, cfg, "ini", cfg_name)
        change.settings += _slot_settings(global_values, "PreLaunchCommand",
                                          commands.chain(own_pre, theirs(global_pre, owns), True), own_pre)
        change.settings += _slot_settings(global_values, "WrapperCommand",
                                          commands.chain(own_wrap, theirs(global_wrap, owns), False), own_wrap)
        changes.append(change)
    root = Path(_prism_family.instances_dir(data_dir, cfg_name))
    try:
        folders = sorted(p for p in root.iterdir() if (p / _prism_family.INSTANCE_FILE).is_file())
    except OSError:
        folders = []
    for folder in folders:
        if only_instance is not None and folder.name != only_instance:
            continue
        path = str(folder / _prism_family.INSTANCE_FILE)
        try:
            values = _ini.read(Path(path), prism_unquote=kind == "prism")
        except OSError:
            continue
        if (_get(values, "OverrideCommands") or "false").strip().lower() != "true":
            continue
        inst_owns = owns | recorded_owns(manifest, path)
        # A key present in instance.cfg wins even when empty; an absent one falls back to the global value.
        pre = _get(values, "PreLaunchCommand") if _get(values, "PreLaunchCommand") is not None else global_pre
        wrap = _get(values, "WrapperCommand") if _get(values, "WrapperCommand") is not None else global_wrap
        post = _get(values, "PostExitCommand")
        change = FileChange(kind, path, "ini", f"{os.path.relpath(path, data_dir)} (own commands)")
        change.settings += _slot_settings(values, "PreLaunchCommand",
                                          commands.chain(own_pre, theirs(pre, inst_owns), True), own_pre)
        change.settings += _slot_settings(values, "WrapperCommand",
                                          commands.chain(own_wrap, theirs(wrap, inst_owns), False), own_wrap)
        # the launcher's settings page writes all three keys together; the post-exit one keeps its meaning
        change.settings += _slot_settings(values, "PostExitCommand",
                                          post if post is not None else (_get(global_values, "PostExitCommand")
                                                                         or ""), "")
        changes.append(change)
    return changes


def apply(change: FileChange, manifest: dict) -> bool:
    """Write the change into the file; False when the file already says exactly that."""
    with open(change.path, "rb") as handle:
        original = handle.read()
    text = original.decode("utf-8", errors="surrogateescape")
    updated = _ini_write.set_values(text, {s.key: s.after for s in change.changed},
                                    qsettings=_ini.has_config_version(text))
    data = updated.encode("utf-8", errors="surrogateescape")
    return manifest_module.write_file(manifest, change, "ini", original, data)


def restore(path: str, entry: dict) -> str:
    """Put the file back: byte for byte when nobody changed it since, else setting by setting."""
    try:
        with open(path, "rb") as handle:
            current = handle.read()
    except FileNotFoundError:
        return f"{path}: gone; nothing to restore"
    if manifest_module.restore_untouched(path, current, entry):
        return f"{path}: restored byte for byte"
    values = _ini.read(Path(path))
    wanted = {s["key"]: s["before"] for s in entry["settings"] if values.get(s["key"]) == s["after"]}
    skipped = [s["key"] for s in entry["settings"] if s["key"] not in wanted]
    text = current.decode("utf-8", errors="surrogateescape")
    updated = _ini_write.set_values(text, wanted, qsettings=_ini.has_config_version(text))
    files.atomic_write(path, updated.encode("utf-8", errors="surrogateescape"))
    note = f"; left as you changed them: {', '.join(skipped)}" if skipped else ""
    return f"{path}: prelaunch's settings taken out (the launcher rewrote the file since){note}"
