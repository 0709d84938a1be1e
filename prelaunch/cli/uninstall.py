"""`prelaunch uninstall`: put every launcher file prelaunch changed back from the manifest, take out its
commands found without one, and remove its own files once no launcher file names its scripts."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from prelaunch import installer
from prelaunch.cli import exitcodes, installing


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
    left = installer.remove_own_files(manifest)
    if left:
        installing.show(f"{left} was changed since install and is left alone.")
    return exitcodes.GO
