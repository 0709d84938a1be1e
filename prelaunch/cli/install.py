"""`prelaunch install`: find the launchers on this machine, show what changes, ask once, and register prelaunch
as their pre-launch and wrapper commands (installer/ writes each file in its own format, backup first, atomic
replace, idempotent, as one transaction); in the same transaction, the [devices] folder the player picks or
names (`devices_offer`)."""

from __future__ import annotations

import sys
from argparse import Namespace

from prelaunch import installer
from prelaunch.cli import devices_offer, exitcodes, installing
from prelaunch.model import LAUNCHER_NAMES

SANDBOX_NOTE = ("  not set up: this is a Flatpak or snap build. Its sandbox sees neither prelaunch's folder nor "
                "this computer's Python, so a command pointing there would stop every launch. The same launcher "
                "installed from your distribution or as an AppImage can be set up.")


def run(args: Namespace) -> int:
    return installing.guarded(args, _install)


def _install(args: Namespace) -> int:
    try:
        devices_folder = devices_offer.given(args)
    except ValueError as exc:
        installing.show(f"prelaunch install: {exc}. Nothing was changed.")
        return exitcodes.USAGE
    found = installer.data_dirs(args.launcher, args.dir)
    if not found:
        code = _no_launcher(args)
        if devices_folder is not None:
            devices_offer.not_set(devices_folder, "no launcher was set up")
        return code
    plans = installer.plan(found, installer.load_manifest(), args.instance)
    if args.dry_run or not any(p.settable for p in plans):
        _show(plans)  # nothing can be set up: it says why
        if args.dry_run:
            planned = devices_offer.change(devices_folder, ask=False)
            if planned is not None:
                print("\n".join(planned.describe()))
        elif devices_folder is not None:
            devices_offer.not_set(devices_folder, "no launcher was set up")
        installing.note_interrupted()
        return exitcodes.GO
    with installer.exclusive("install", say=installing.say):
        installing.recover()
        manifest = installer.load_manifest()
        plans = installer.plan(found, manifest, args.instance)
        _show(plans)
        pending = installer.pending(plans)
        if pending and installing.refuse_if_running([(c.launcher, c.path) for c in pending]):
            return exitcodes.STOP
        if pending and not installing.confirm(args, f"Change {len(pending)} file(s)?"):
            return exitcodes.STOP
        setting = devices_offer.change(devices_folder, devices_offer.asks(args))
        txn = installer.Transaction("install", manifest)
        try:
            with txn:
                command = installer.apply(txn, pending + ([setting] if setting else []), manifest, _said)
        except Exception as exc:  # noqa: BLE001 - said in install's own words, with what was put back
            return installing.stopped("install", exc, txn)
    if command is None:
        installing.show(f"{installer.command_path()} is not prelaunch's and was left alone: run prelaunch as "
                        f"{sys.executable} -m prelaunch")
    else:
        print("\n".join(installer.command_advice(command)))
    if setting:
        devices_offer.said(setting)
    if pending:
        installing.show(f"Done. Backups are in {installer.backups_dir()}; "
                        "`python3 install.py --uninstall` puts everything back.")
    return exitcodes.GO


def _said(change: installer.FileChange, applied: bool) -> None:
    installing.show(f"{'changed' if applied else 'unchanged'}: {change.path}")


def _no_launcher(args: Namespace) -> int:
    print("No launcher found (Prism Launcher, MultiMC, Modrinth App). Looked in:")
    for folder in installer.looked_in(args.launcher, args.dir):
        installing.show(f"  {folder}")
    print("Nothing was changed. A portable install lives elsewhere: name it with --dir DATA_DIR.")
    from prelaunch.cli import main

    print("\nHere is what `prelaunch doctor` says on this machine, as a demonstration:\n")
    main(["doctor"])
    return exitcodes.GO


def _show(plans: list[installer.LauncherPlan]) -> None:
    """Why a launcher cannot be set up, then what each other one gets."""
    for plan in plans:
        if plan.sandboxed:
            installing.show(f"{LAUNCHER_NAMES[plan.kind]} at {plan.folder}")
            print(SANDBOX_NOTE)
        elif plan.problem:
            installing.show(f"{LAUNCHER_NAMES[plan.kind]} at {plan.folder}: cannot be set up ({plan.problem}).")
    for plan in plans:
        if not plan.settable:
            continue
        installing.show(f"{LAUNCHER_NAMES[plan.kind]} at {plan.folder}")
        for change in plan.changes:
            if change.changed or change.notes:
                print("\n".join(change.describe()))
        if not any(c.changed for c in plan.changes):
            print("  already set up: nothing to change")
