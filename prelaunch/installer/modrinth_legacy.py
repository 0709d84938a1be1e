"""Install into the Modrinth App 0.7 and older: JSON files. `settings.json` holds the global
`hooks.{pre_launch,wrapper,post_exit}`; a `profiles/<p>/profile.json` may hold its own `hooks` object, which
replaces the global one whole (no per-field fallback). These versions split a hook on every space and run
the wrapper as one program without arguments (reference: launchers.md sections 2 and 4)."""

from __future__ import annotations

import json
from pathlib import Path

from prelaunch.installer import backups, command_strings
from prelaunch.installer import manifest as manifest_module
from prelaunch.installer.changes import FileChange, Setting, recorded_owns, theirs
from prelaunch.installer.journal import Journal
from prelaunch.installer.records import FileEntry, Manifest

SETTINGS = "settings.json"


def _load(path: str) -> tuple[dict, bytes]:
    with open(path, "rb") as handle:
        raw = handle.read()
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a JSON object")
    return data, raw


def _dump(data: dict, like: bytes) -> bytes:
    """JSON in the file's own layout: its indentation (or none) and its final newline."""
    text = like.decode("utf-8", "replace")
    lines = text.splitlines()
    indent = None
    if len(lines) > 1:
        second = lines[1]
        indent = len(second) - len(second.lstrip(" ")) or None
    out = json.dumps(data, indent=indent, ensure_ascii=False)
    return (out + ("\n" if text.endswith("\n") else "")).encode("utf-8")


def plan(data_dir: Path, entry: dict[str, list[str]], manifest: Manifest, only_instance: str | None = None
         ) -> list[FileChange]:
    own_pre = command_strings.join(entry["check"], spaces_allowed=False)
    own_wrap = command_strings.join(entry["wrap"], spaces_allowed=False) if len(entry["wrap"]) == 1 else None
    changes = []
    targets = [] if only_instance is not None else [(str(data_dir / SETTINGS), SETTINGS, False)]
    profiles = data_dir / "profiles"
    try:
        folders = sorted(p for p in profiles.iterdir() if (p / "profile.json").is_file())
    except OSError:
        folders = []
    targets += [(str(p / "profile.json"), f"profiles/{p.name}/profile.json", True) for p in folders
                if only_instance is None or p.name == only_instance]
    for path, label, instance in targets:
        data, _ = _load(path)
        hooks = data.get("hooks")
        if instance and not isinstance(hooks, dict):
            continue  # no hooks object: the global hooks apply
        hooks = hooks if isinstance(hooks, dict) else {}
        owns = {own_pre, own_wrap or ""} | recorded_owns(manifest, path)
        change = FileChange("modrinth", path, "json", label)
        pre = hooks.get("pre_launch")
        change.settings.append(Setting("hooks", "pre_launch", pre,
                                       command_strings.chain(own_pre, theirs(pre, owns), True), own_pre))
        wrapper = hooks.get("wrapper")
        user_wrapper = theirs(wrapper, owns)
        if own_wrap is None:
            change.notes.append("the wrapper cannot be set: this version runs it as one program without arguments")
        elif user_wrapper:
            change.notes.append(f"your wrapper {user_wrapper!r} is kept: this version cannot chain wrappers")
        else:
            change.settings.append(Setting("hooks", "wrapper", wrapper, own_wrap, own_wrap))
        changes.append(change)
    return changes


def apply(change: FileChange, manifest: Manifest, journal: Journal | None) -> bool:
    data, raw = _load(change.path)
    if not isinstance(data.get("hooks"), dict):
        data["hooks"] = {}
    hooks = data["hooks"]
    for setting in change.changed:
        hooks[setting.key] = setting.after
    return manifest_module.write_file(manifest, change, "json", raw, _dump(data, raw), journal)


def restore(path: str, entry: FileEntry, journal: Journal | None) -> str:
    try:
        data, raw = _load(path)
    except FileNotFoundError:
        return f"{path}: gone; nothing to restore"
    if manifest_module.restore_untouched(path, raw, entry, journal):
        return f"{path}: restored byte for byte"
    hooks = data.get("hooks")
    if not isinstance(hooks, dict):
        hooks = {}
    kept = []
    for record in entry["settings"]:
        if hooks.get(record["key"]) == record["after"]:
            hooks[record["key"]] = record["before"]
        else:
            kept.append(record["key"])
    backups.atomic_write(path, _dump(data, raw), journal)
    note = f"; left as you changed them: {', '.join(kept)}" if kept else ""
    return f"{path}: prelaunch's hooks taken out (the app rewrote the file since){note}"
