"""Uninstall: every file the manifest records gets its settings back, then prelaunch's commands are taken out
wherever they still are (found by what they name: a lost manifest, a second install's); the entry scripts and
prelaunch's own files go only when no launcher file names them any more."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from prelaunch import launchers, paths
from prelaunch.installer import backups, command_strings, entrypoints, sweep, targets, transaction, user_command
from prelaunch.installer import manifest as manifest_module
from prelaunch.installer.changes import FileChange, names, recorded_owns, takeout
from prelaunch.installer.config_file import KIND as OWN_SETTINGS
from prelaunch.installer.install import entry_commands, plan
from prelaunch.installer.records import FileEntry, Manifest, empty_manifest


@dataclass
class Removal:
    """What an uninstall gives back: the files the manifest records, and those where prelaunch's commands
    were found without a record."""

    recorded: dict[str, FileEntry]  # by path
    unrecorded: list[FileChange]

    def __bool__(self) -> bool:
        return bool(self.recorded or self.unrecorded)

    @property
    def files(self) -> list[tuple[str, str]]:
        """(launcher kind, path) of each file it gives back."""
        return [(e.get("launcher", ""), path) for path, e in self.recorded.items()] + [
            (c.launcher, c.path) for c in self.unrecorded]


def _sweep(found: list[tuple[str, Path]], manifest: Manifest) -> list[FileChange]:
    """prelaunch's commands found in launcher files, each to be taken out (with or without a manifest)."""
    entry = entry_commands()
    owns = command_strings.spellings(entry["check"]) | command_strings.spellings(entry["wrap"])
    owns = owns.union(*(recorded_owns(manifest, path) for path in manifest["files"]))
    changes = []
    for kind, folder in found:
        if targets.sandboxed(folder):
            continue
        if kind in sweep.KINDS:
            changes += sweep.takeouts(kind, folder, owns)
            continue
        if (folder / launchers.modrinth.DATABASE).is_file():
            changes += sweep.modrinth_takeouts(folder, owns)
            continue
        for planned in plan([(kind, folder)], manifest, None):
            changes += [takeout(change, owns) for change in planned.changes]
    return [c for c in changes if c.changed]


def plan_removal(found: list[tuple[str, Path]], manifest: Manifest, launcher: str | None) -> Removal:
    """What an uninstall of `launcher` (of every launcher) gives back in the folders `found` (nothing written)."""
    recorded = {path: entry for path, entry in manifest["files"].items()
                if not launcher or entry.get("launcher") == launcher}
    rest = {path: entry for path, entry in manifest["files"].items() if path not in recorded}
    if all(entry["kind"] == OWN_SETTINGS for entry in rest.values()):
        recorded.update(rest)  # prelaunch's own settings go with the last launcher
    return Removal(recorded, [c for c in _sweep(found, manifest) if c.path not in recorded])


def restore(txn: transaction.Transaction, removal: Removal, found: list[tuple[str, Path]], manifest: Manifest,
            done: Callable[[str], None]) -> None:
    """Each recorded file from its manifest entry, then prelaunch's commands wherever they still are (`done`
    is told of each file, in one line); the manifest, without what was given back, last."""
    for path, entry in removal.recorded.items():
        done(txn.restore(path, entry))
        del manifest["files"][path]
    for change in _sweep(found, manifest):  # not recorded (manifest lost, or a second install's), or re-saved
        txn.apply(change, empty_manifest())
        done(f"{change.path}: prelaunch's commands taken out")
    manifest_module.save(manifest)


def still_named(found: list[tuple[str, Path]]) -> list[str]:
    """Launcher files whose settings still name prelaunch's entry scripts."""
    named = []
    for kind, folder in found:
        if targets.sandboxed(folder):
            continue
        if kind in sweep.KINDS:
            named += sweep.naming(kind, folder, entrypoints.bin_dir())
            continue
        if (folder / launchers.modrinth.DATABASE).is_file():
            named += sweep.modrinth_naming(folder)
            continue
        for planned in plan([(kind, folder)], empty_manifest(), None):
            named += [change.path for change in planned.changes
                      if any(names(s.before, entrypoints.bin_dir()) for s in change.settings)]
    return named


def remove_own_files(manifest: Manifest) -> str | None:
    """The `prelaunch` command (while it is what install placed) and the folders install created for it
    (while empty), the manifest, and everything prelaunch keeps for itself but its log and the player's
    config.toml (and the environment, which install.py removes); prelaunch's own folders go when that leaves
    them empty. The command's path when it was changed since install and is left, else None."""
    command = manifest.get("command") or user_command.wanted(sys.executable)  # without a manifest: this one's
    left = None
    if not user_command.remove(command) and manifest.get("command") and os.path.lexists(command["path"]):
        left = command["path"]
    manifest_module.forget()
    shutil.rmtree(entrypoints.bin_dir(), ignore_errors=True)
    shutil.rmtree(backups.backups_dir(), ignore_errors=True)
    shutil.rmtree(paths.cache_dir(), ignore_errors=True)
    for own in (transaction.lock_path(), transaction.holder_path()):
        try:
            os.unlink(own)  # held by this run until it ends; unlinking it does not free it (POSIX)
        except OSError:
            pass
    _empty_state()
    for folder in (paths.log_dir(), paths.state_dir(), paths.data_dir(), paths.default_config_dir()):
        try:
            os.rmdir(folder)  # only when nothing is left in it (the log, config.toml, install.py's environment)
        except OSError:
            pass
    return left


def _empty_state() -> None:
    """The state folder's records (locks, holders, consent, what was said) but the log, and the environment
    where the state folder is the data folder (macOS, Windows)."""
    keep = {os.path.realpath(paths.log_dir()), os.path.realpath(os.path.join(paths.data_dir(), "venv"))}
    try:
        names = os.listdir(paths.state_dir())
    except OSError:
        return
    for name in names:
        full = os.path.join(paths.state_dir(), name)
        if os.path.realpath(full) in keep:
            continue
        try:
            if os.path.isdir(full) and not os.path.islink(full):
                shutil.rmtree(full, ignore_errors=True)
            else:
                os.unlink(full)
        except OSError:
            pass
