"""Install: what each launcher found gets (`plan`), and writing it inside a transaction (`apply`): the entry
scripts first, then each launcher file, then the `prelaunch` command; the manifest last."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from prelaunch import launchers
from prelaunch.installer import entrypoints, modrinth, modrinth_legacy, prism, targets, user_command
from prelaunch.installer import manifest as manifest_module
from prelaunch.installer.changes import FileChange
from prelaunch.installer.records import CommandRecord, Manifest
from prelaunch.installer.transaction import Transaction


@dataclass
class LauncherPlan:
    """What one launcher data folder gets, or why it cannot be set up."""

    kind: str
    folder: Path
    changes: list[FileChange] = field(default_factory=list)
    sandboxed: bool = False  # a Flatpak or snap build: its sandbox sees neither prelaunch nor this Python
    problem: str = ""  # a file that cannot be read, a path no launcher's parser carries unchanged

    @property
    def settable(self) -> bool:
        return not self.sandboxed and not self.problem


def entry_commands() -> dict[str, list[str]]:
    """The commands launchers get, for "check" and "wrap", with this environment's Python."""
    return entrypoints.commands(python=sys.executable)


def plan_for(kind: str, data_dir: Path, entry: dict[str, list[str]], manifest: Manifest,
             only_instance: str | None) -> list[FileChange]:
    """The changes one launcher data folder gets, by its writer's rules."""
    if kind in ("prism", "multimc"):
        return prism.plan(kind, prism.LAUNCHERS[kind].CONFIG_FILE, data_dir, entry, manifest, only_instance)
    if (data_dir / launchers.modrinth.DATABASE).is_file():
        return modrinth.plan(data_dir, entry, manifest, only_instance)
    return modrinth_legacy.plan(data_dir, entry, manifest, only_instance)


def plan(found: list[tuple[str, Path]], manifest: Manifest, only_instance: str | None) -> list[LauncherPlan]:
    """What each launcher data folder gets (nothing written)."""
    entry = entry_commands()
    plans = []
    for kind, folder in found:
        if targets.sandboxed(folder):
            plans.append(LauncherPlan(kind, folder, sandboxed=True))
            continue
        try:
            plans.append(LauncherPlan(kind, folder, plan_for(kind, folder, entry, manifest, only_instance)))
        except (OSError, ValueError, sqlite3.Error) as exc:  # command_strings.Unsupported is a ValueError
            plans.append(LauncherPlan(kind, folder, problem=str(exc)))
    return plans


def pending(plans: list[LauncherPlan]) -> list[FileChange]:
    """The files whose settings change."""
    return [c for p in plans if p.settable for c in p.changes if c.changed]


def apply(txn: Transaction, changes: list[FileChange], manifest: Manifest,
          done: Callable[[FileChange, bool], None]) -> CommandRecord | None:
    """Install `changes` in the transaction: the scripts first, then each launcher file (`done` is told
    whether it changed), then the `prelaunch` command; the manifest last. The command's record, or None when
    another file of that name is in the way."""
    if changes or not entrypoints.present():
        entrypoints.write(python=sys.executable)
    for change in changes:
        done(change, txn.apply(change, manifest))
    command = user_command.place(sys.executable, txn.journal)
    if command is not None:
        manifest["command"] = command
    manifest_module.save(manifest)
    return command
