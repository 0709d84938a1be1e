"""The installer, as a library: find the launchers (`data_dirs`), say what each gets (`plan`), write it
(`apply`) or give it back (`plan_removal`, `restore`) inside a `Transaction`, one run at a time (`exclusive`),
and roll back a run that was interrupted (`recover`). A setting of prelaunch's own configuration file
(`plan_setting`: the [devices] folder the install offers) is one more file change of the same transaction. Each
launcher file is written in its own format by the `Writer` of its kind (`writer`), with a backup and an atomic
replace, journaled before it changes.

It never talks to the terminal and never imports `prelaunch.cli`: `prelaunch install` and `uninstall`
(cli/install.py, cli/uninstall.py) ask, print and decide the exit code."""

from __future__ import annotations

from prelaunch.installer.backups import backups_dir
from prelaunch.installer.changes import FileChange
from prelaunch.installer.config_file import Unchangeable as SettingUnchangeable
from prelaunch.installer.config_file import plan as plan_setting
from prelaunch.installer.entrypoints import bin_dir
from prelaunch.installer.install import LauncherPlan, apply, pending, plan
from prelaunch.installer.manifest import load as load_manifest
from prelaunch.installer.records import CommandRecord, FileEntry, Manifest
from prelaunch.installer.running import in_the_way as running_launchers
from prelaunch.installer.targets import data_dirs, known_dirs, looked_in
from prelaunch.installer.transaction import Busy, NotRecovered, Transaction, exclusive, interrupted, recover
from prelaunch.installer.uninstall import Removal, plan_removal, remove_own_files, restore, still_named
from prelaunch.installer.user_command import advice as command_advice
from prelaunch.installer.user_command import path as command_path
from prelaunch.installer.writer import Writer

__all__ = [
    # the launchers a run is about
    "data_dirs", "known_dirs", "looked_in", "running_launchers",
    # install
    "LauncherPlan", "plan", "pending", "apply",
    # uninstall
    "Removal", "plan_removal", "restore", "still_named", "remove_own_files",
    # prelaunch's own settings (the [devices] folder the install offers): a FileChange that `apply` writes
    "plan_setting", "SettingUnchangeable",
    # the transaction
    "Transaction", "exclusive", "recover", "interrupted", "Busy", "NotRecovered",
    # records, writers, places
    "FileChange", "Manifest", "FileEntry", "CommandRecord", "load_manifest", "Writer",
    "backups_dir", "bin_dir", "command_path", "command_advice",
]
