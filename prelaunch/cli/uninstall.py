"""`prelaunch uninstall`: put every launcher file prelaunch changed back from the manifest, take out its
commands found without one, and remove its own files once no launcher file names its scripts."""

from __future__ import annotations

import os
from argparse import Namespace
from pathlib import Path

from prelaunch import config, installer, paths
from prelaunch.cli import exitcodes, installing
from prelaunch.session import deviceid, devices


def run(args: Namespace) -> int:
    return installing.guarded(args, _uninstall)


def _uninstall(args: Namespace) -> int:
    found = installer.data_dirs(args.launcher, args.dir)
    if args.dry_run:
        installing.note_interrupted()
        return _give_back(args, found, dry_run=True)
    with installer.exclusive("uninstall", say=installing.say):
        installing.recover()
        return _give_back(args, found, dry_run=False)


def _give_back(args: Namespace, found: list[tuple[str, Path]], dry_run: bool) -> int:
    manifest = installer.load_manifest()
    synced = config.load().devices.folder  # read before the restore, which may take out what install set
    removal = installer.plan_removal(found, manifest, args.launcher)
    if removal:
        for path in removal.recorded:
            installing.show(f"  {path}")
        for change in removal.unrecorded:
            print("\n".join(change.describe()) + "\n    (not in prelaunch's manifest: found by its commands)")
        if dry_run:
            return exitcodes.GO
        if installing.refuse_if_running(removal.files):
            return exitcodes.STOP
        if not installing.confirm(args, f"Restore {len(removal.recorded) + len(removal.unrecorded)} file(s)?"):
            return exitcodes.STOP
        txn = installer.Transaction("uninstall", manifest)
        try:
            with txn:
                installer.restore(txn, removal, found, manifest, installing.show)
        except Exception as exc:  # noqa: BLE001 - said in uninstall's own words, with what was put back
            return installing.stopped("uninstall", exc, txn)
    else:
        print("prelaunch's commands are in no launcher file; nothing to restore.")
        if dry_run:
            return exitcodes.GO
    if manifest["files"]:
        return exitcodes.GO
    still = installer.still_named(installer.known_dirs(args.launcher, args.dir))
    if still:
        installing.show(f"prelaunch's scripts in {installer.bin_dir()} are kept: these files still name them")
        for path in still:
            installing.show(f"  {path}")
        return exitcodes.GO
    was_installed = bool(removal) or os.path.isdir(installer.bin_dir())
    leases = _end_leases(synced)  # before the state folder goes, which holds this computer's id
    left = installer.remove_own_files(manifest)
    if left:
        installing.show(f"{left} was changed since install and is left alone.")
    if was_installed:
        _say_kept(leases)
    return exitcodes.GO


def _end_leases(configured: str) -> list[str]:
    """This computer's ended leases in the folder the player syncs (`configured`, [devices] folder) go; those
    left, to be named."""
    device = deviceid.current()
    if not configured or not device:
        return []
    return devices.remove_released(devices.folder_path(configured), device)


def _say_kept(leases: list[str]) -> None:
    """What uninstall leaves on purpose, each with its path: the log, the player's settings, and the files in
    the synced folder that still say a game of this computer plays."""
    kept = [(what, where) for what, where in (("prelaunch's log", paths.log_file()),
                                              ("your settings", paths.config_file()))
            if os.path.lexists(where)]
    kept += [("a game still playing, for your other computers", where) for where in leases]
    if kept:
        print("Kept (delete them if you like):")
        for what, where in kept:
            installing.show(f"  {what}: {where}")
