"""prelaunch's commands found in launcher files by what they name, not by the manifest: in Prism Launcher and
MultiMC every key of the global file and of every instance.cfg (an instance whose own commands are switched
off today may switch them on tomorrow); in the Modrinth App's app.db every hook of the settings and of every
instance. Uninstall takes them out with these, and keeps the entry scripts while any file still names them."""

from __future__ import annotations

import os
from pathlib import Path

from prelaunch import launchers
from prelaunch.installer.changes import FileChange, Setting, found_owns, names, takeout, theirs
from prelaunch.installer.prism import LAUNCHERS, OWN_KEYS
from prelaunch.launchers import ini, modrinth_db, modrinth_hooks, prism_family

KINDS = tuple(LAUNCHERS)  # the Prism family: every key of its files is read


def _files(kind: str, folder: Path) -> list[tuple[Path, dict[str, str]]]:
    """(path, key → value) of the global file and each instance.cfg that can be read."""
    cfg_name = LAUNCHERS[kind].CONFIG_FILE
    root = Path(prism_family.instances_dir(str(folder), cfg_name, kind))
    found = []
    for path in [folder / cfg_name, *sorted(root.glob(f"*/{prism_family.INSTANCE_FILE}"))]:
        try:
            found.append((path, ini.read(path, kind)))
        except OSError:
            continue
    return found


def takeouts(kind: str, folder: Path, owns: set[str]) -> list[FileChange]:
    """Each file's keys that hold prelaunch's command, each to get the player's part of it (or none): only
    the keys prelaunch writes to (a PreLoadCommand, say, is the player's whatever it holds)."""
    changes = []
    for path, values in _files(kind, folder):
        change = FileChange(kind, str(path), "ini", os.path.relpath(path, folder))
        change.settings = [Setting("", key, value, None) for key, value in values.items() if key in OWN_KEYS]
        changes.append(takeout(change, owns))
    return [c for c in changes if c.changed]


def naming(kind: str, folder: Path, directory: str) -> list[str]:
    """The files with a key that names something in `directory` (the entry scripts' folder)."""
    return [str(path) for path, values in _files(kind, folder) if any(names(v, directory) for v in values.values())]


def modrinth_takeouts(folder: Path, owns: set[str]) -> list[FileChange]:
    """app.db's hooks that run prelaunch, each to get the player's part of it, read by value (there is no
    record of what each held before):
    - an instance hook equal to the global one is a copy the installer made for an instance that followed the
      global hooks (0.8-0.14): it goes back to following them (NULL);
    - an instance hook that holds prelaunch alone, with nothing of the player's, was '' (installer/
      modrinth_places.py): it is '' again. In 0.15+ that holds also when the global hook is prelaunch alone
      too (the player has no global hook of that kind): the installer copies no global hook there, and a
      copy made before the app's update is what that update would have emptied. Either way nothing runs
      there now, as with NULL."""
    path = folder / launchers.modrinth.DATABASE
    state = modrinth_hooks.read_if_readable(str(path))
    if state is None:
        return []
    change = FileChange("modrinth", str(path), "sqlite", launchers.modrinth.DATABASE)
    copies = []
    for place in [state.settings, *state.instances]:
        for hook in modrinth_hooks.PRELAUNCH_HOOKS:
            value = place.hooks[hook]
            if not modrinth_hooks.runs_prelaunch(value, place.old_syntax, hook):
                continue
            if place is state.settings:
                change.settings.append(Setting(place.where, f"hook_{hook}", value, None))
            elif value == state.settings.hooks[hook] and not (
                    state.era == modrinth_db.ERA_NEW and not theirs(value, owns | found_owns(value))):
                copies.append(Setting(place.where, hook, value, None))
            else:
                change.settings.append(Setting(place.where, hook, value, None))
    out = takeout(change, owns)
    for setting in out.settings:
        if setting.where != modrinth_hooks.SETTINGS and setting.after is None:
            setting.after = ""  # prelaunch alone: the hook was ''
    out.settings += copies
    return [out]


def modrinth_naming(folder: Path) -> list[str]:
    """app.db when a hook of it still runs prelaunch."""
    path = folder / launchers.modrinth.DATABASE
    state = modrinth_hooks.read_if_readable(str(path))
    if state is None:
        return []
    places = [state.settings, *state.instances]
    running = any(modrinth_hooks.runs_prelaunch(p.hooks[h], p.old_syntax, h) for p in places
                  for h in modrinth_hooks.PRELAUNCH_HOOKS)
    return [str(path)] if running else []


