"""prelaunch's commands found in Prism Launcher and MultiMC files by what they name, not by the manifest:
every key of the global file and of every instance.cfg (an instance whose own commands are switched off
today may switch them on tomorrow). Uninstall takes them out with these, and keeps the entry scripts while
any file still names them."""

from __future__ import annotations

import os
from pathlib import Path

from prelaunch import launchers
from prelaunch.installer.plan import FileChange, Setting, names, takeout
from prelaunch.launchers import _ini, _prism_family

KINDS = ("prism", "multimc")


def _files(kind: str, folder: Path) -> list[tuple[Path, dict[str, str]]]:
    """(path, key → value) of the global file and each instance.cfg that can be read."""
    cfg_name = launchers.MODULES[kind].CONFIG_FILE
    root = Path(_prism_family.instances_dir(str(folder), cfg_name))
    found = []
    for path in [folder / cfg_name, *sorted(root.glob(f"*/{_prism_family.INSTANCE_FILE}"))]:
        try:
            found.append((path, _ini.read(path, prism_unquote=kind == "prism")))
        except OSError:
            continue
    return found


def takeouts(kind: str, folder: Path, owns: set[str]) -> list[FileChange]:
    """Each file's keys that hold prelaunch's command, each to get the player's part of it (or none)."""
    changes = []
    for path, values in _files(kind, folder):
        change = FileChange(kind, str(path), "ini", os.path.relpath(path, folder))
        change.settings = [Setting("", key, value, None) for key, value in values.items()]
        changes.append(takeout(change, owns))
    return [c for c in changes if c.changed]


def naming(kind: str, folder: Path, directory: str) -> list[str]:
    """The files with a key that names something in `directory` (the entry scripts' folder)."""
    return [str(path) for path, values in _files(kind, folder) if any(names(v, directory) for v in values.values())]
