"""`prelaunch install` / `uninstall`: find the launchers on this machine, show what changes, ask once, and
write each launcher's files in its own format (backup first, atomic replace, idempotent); uninstall puts
every setting back from the manifest, and takes out prelaunch's commands it finds without one.

Each run is a transaction (`transaction`): one at a time, journaled before each change, rolled back when it
fails; the entry scripts are removed only when no launcher file names them any more."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import traceback
from pathlib import Path

from prelaunch import launchers, paths
from prelaunch.installer import (
    commands,
    entrypoints,
    files,
    journal,
    modrinth,
    modrinth_legacy,
    prism,
    running,
    sweep,
    transaction,
    user_command,
)
from prelaunch.installer import manifest as manifest_module
from prelaunch.installer.plan import FileChange, recorded_owns, takeout
from prelaunch.installer.plan import names as plan_names
from prelaunch.model import LAUNCHER_NAMES
from prelaunch.ui import inert


def data_dirs(args) -> list[tuple[str, Path]]:
    """The launcher data dirs this run is about: --dir, else every one found, narrowed by --launcher."""
    if args.dir:
        kinds = [args.launcher] if args.launcher else list(launchers.MODULES)
        for kind in kinds:
            if launchers.MODULES[kind].is_data_dir(args.dir):
                return [(kind, Path(args.dir))]
        return []
    return [(kind, Path(folder)) for kind, folder in launchers.find_data_dirs(args.launcher)]


def plan_for(kind: str, data_dir: Path, entry: dict[str, list[str]], manifest: dict,
             only_instance: str | None) -> list[FileChange]:
    if kind in ("prism", "multimc"):
        module = launchers.MODULES[kind]
        return prism.plan(kind, module.CONFIG_FILE, data_dir, entry, manifest, only_instance)
    if (data_dir / launchers.modrinth.DATABASE).is_file():
        return modrinth.plan(data_dir, entry, manifest, only_instance)
    return modrinth_legacy.plan(data_dir, entry, manifest, only_instance)


def _no_launcher(args) -> int:
    looked = [args.dir] if args.dir else [
        folder for kind, module in launchers.MODULES.items() if not args.launcher or kind == args.launcher
        for folder in module.known_data_dirs()]
    print("No launcher found (Prism Launcher, MultiMC, Modrinth App). Looked in:")
    for folder in looked:
        print(f"  {inert.line(str(folder))}")
    print("Nothing was changed. A portable install lives elsewhere: name it with --dir DATA_DIR.")
    if args.command == "install":
        from prelaunch.cli import main

        print("\nHere is what `prelaunch doctor` says on this machine, as a demonstration:\n")
        main(["doctor"])
    return 0


def _confirm(args, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        print("Not asked on a terminal: run again with --yes to apply.")
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def _refuse_if_running(kinds: set[str]) -> bool:
    found = running.launcher_processes(kinds)
    for kind, pid, name in found:
        print(inert.line(f"{LAUNCHER_NAMES[kind]} is running ({name}, pid {pid}): close it first, or it will "
                         "overwrite the change when it saves its settings. Nothing was changed."))
    return bool(found)


def _sandboxed(folder: Path) -> bool:
    """A Flatpak build's data folder (Prism's, or the Modrinth App's from Flathub) or a snap's (Prism's)."""
    return "/.var/app/" in folder.as_posix() or Path.home() / "snap" in folder.parents


SANDBOX_NOTE = ("  not set up: this is a Flatpak or snap build. Its sandbox sees neither prelaunch's folder nor "
                "this computer's Python, so a command pointing there would stop every launch. The same launcher "
                "installed from your distribution or as an AppImage can be set up.")


def _plans(found: list[tuple[str, Path]], entry: dict[str, list[str]], manifest: dict,
           only_instance: str | None, quiet: bool = False) -> list[tuple[str, Path, list[FileChange]]]:
    plans = []
    for kind, folder in found:
        if _sandboxed(folder):
            if not quiet:
                print(f"{LAUNCHER_NAMES[kind]} at {inert.line(str(folder))}\n{SANDBOX_NOTE}")
            continue
        try:
            plans.append((kind, folder, plan_for(kind, folder, entry, manifest, only_instance)))
        except (OSError, ValueError, sqlite3.Error) as exc:  # commands.Unsupported is a ValueError
            if not quiet:
                print(inert.line(f"{LAUNCHER_NAMES[kind]} at {folder}: cannot be set up ({exc})."))
    return plans


def _show(plans: list[tuple[str, Path, list[FileChange]]]) -> list[FileChange]:
    """Print what each launcher gets; return the changes to make."""
    for kind, folder, changes in plans:
        print(inert.line(f"{LAUNCHER_NAMES[kind]} at {folder}"))
        for change in changes:
            if change.changed or change.notes:
                print("\n".join(change.describe()))
        if not any(c.changed for c in changes):
            print("  already set up: nothing to change")
    return [c for _, _, changes in plans for c in changes if c.changed]


def run(args) -> int:
    if args.command == "uninstall":
        return uninstall(args)
    found = data_dirs(args)
    if not found:
        return _no_launcher(args)
    entry = entrypoints.commands(python=sys.executable)
    if args.dry_run or not _plans(found, entry, manifest_module.load(), args.instance, quiet=True):
        _show(_plans(found, entry, manifest_module.load(), args.instance))  # nothing can be set up: say why
        _note_interrupted()
        return 0
    with transaction.exclusive("install"):
        transaction.recover()
        manifest = manifest_module.load()
        pending = _show(_plans(found, entry, manifest, args.instance))
        if pending and _refuse_if_running({c.launcher for c in pending}):
            return 1
        if pending and not _confirm(args, f"Change {len(pending)} file(s)?"):
            return 1
        txn = transaction.Transaction("install", manifest)
        try:
            with txn:
                command = _install(txn, pending, manifest)
        except Exception as exc:  # noqa: BLE001 - said in install's own words, with what was put back
            return _stopped("install", exc, txn)
    if command is None:
        print(f"{user_command.path()} is not prelaunch's and was left alone: run prelaunch as "
              f"{sys.executable} -m prelaunch")
    else:
        print("\n".join(user_command.advice(command)))
    if pending:
        print(f"Done. Backups are in {files.backups_dir()}; "
              "`python3 install.py --uninstall` puts everything back.")
    return 0


def _install(txn: transaction.Transaction, pending: list[FileChange], manifest: dict) -> dict | None:
    """The scripts first, then each launcher file, then the `prelaunch` command; the manifest last."""
    if pending or not entrypoints.present():
        entrypoints.write(python=sys.executable)
    for change in pending:
        applied = txn.apply(change, manifest)
        print(inert.line(f"{'changed' if applied else 'unchanged'}: {change.path}"))
    command = user_command.place(sys.executable)
    if command is not None:
        manifest["command"] = command
    manifest_module.save(manifest)
    return command


def _stopped(verb: str, exc: Exception, txn: transaction.Transaction) -> int:
    """What a failed run says: why, and that what it had changed is back (or what is not, and what then)."""
    print(f"prelaunch {verb} stopped: {_reason(exc)}")
    if txn.failures:
        print(inert.line(f"These files could not be put back as they were: {'; '.join(txn.failures)}. The next "
                         "`prelaunch install` or `prelaunch uninstall` tries again (its record of them is kept)."))
    else:
        print(f"The {txn.files} launcher file(s) it had begun to change are back as they were before; "
              "prelaunch's manifest too.")
    return 1


def _reason(exc: Exception) -> str:
    """Why a run stopped, in words that cannot quote a launcher file: the system's own reason for a file or
    database error (a full disk, a locked database), else only the error's kind. The place is in the log."""
    frames = traceback.extract_tb(exc.__traceback__)
    paths.append_log("install: " + " <- ".join(f"{f.name}@{os.path.basename(f.filename)}:{f.lineno}"
                                               for f in reversed(frames)) + f" {type(exc).__name__}")
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}{f': {exc.filename}' if exc.filename else ''}"
    if isinstance(exc, sqlite3.Error) or type(exc).__module__ == "apsw":
        return f"the database refused ({type(exc).__name__}: {exc})"  # SQLite's messages name no row content
    return f"{type(exc).__name__} (where: {paths.log_file()})"


def _note_interrupted() -> None:
    """A dry run changes nothing, not even an interrupted run's files: it says they are put back first."""
    if os.path.lexists(journal.path()):
        print(f"An interrupted install or uninstall left its journal in {journal.folder()}: the next "
              "`prelaunch install` or `prelaunch uninstall` first puts the files it changed back as they were.")


def _known_dirs(args) -> list[tuple[str, Path]]:
    """Every launcher data dir on this machine, and the one named by --dir: where scripts may be named."""
    found = [(kind, Path(folder)) for kind, folder in launchers.find_data_dirs(None)]
    if args.dir:
        found += [d for d in data_dirs(args) if d not in found]
    return found


def _sweep(found: list[tuple[str, Path]], manifest: dict) -> list[FileChange]:
    """prelaunch's commands found in launcher files, each to be taken out (with or without a manifest)."""
    entry = entrypoints.commands(python=sys.executable)
    owns = {commands.join(entry["check"]), commands.join(entry["wrap"])}
    owns = owns.union(*(recorded_owns(manifest, path) for path in manifest["files"]))
    changes = []
    for kind, folder in found:
        if _sandboxed(folder):
            continue
        if kind in sweep.KINDS:
            changes += sweep.takeouts(kind, folder, owns)
            continue
        if (folder / launchers.modrinth.DATABASE).is_file():
            changes += sweep.modrinth_takeouts(folder, owns)
            continue
        for _, _, planned in _plans([(kind, folder)], entry, manifest, None, quiet=True):
            changes += [takeout(change, owns) for change in planned]
    return [c for c in changes if c.changed]


def _restore(txn: transaction.Transaction, entries: dict[str, dict], found: list[tuple[str, Path]],
             manifest: dict) -> None:
    """Each recorded file from its manifest entry, then prelaunch's commands wherever they still are."""
    for path, entry in entries.items():
        print(inert.line(txn.restore(path, entry)))
        del manifest["files"][path]
    for change in _sweep(found, manifest):  # not recorded (manifest lost, or a second install's), or re-saved
        txn.apply(change, {"version": 1, "files": {}})
        print(inert.line(f"{change.path}: prelaunch's commands taken out"))
    manifest_module.save(manifest)


def _still_named(found: list[tuple[str, Path]]) -> list[str]:
    """Launcher files whose settings still name prelaunch's entry scripts."""
    entry = entrypoints.commands(python=sys.executable)
    named = []
    for kind, folder in found:
        if _sandboxed(folder):
            continue
        if kind in sweep.KINDS:
            named += sweep.naming(kind, folder, entrypoints.bin_dir())
            continue
        if (folder / launchers.modrinth.DATABASE).is_file():
            named += sweep.modrinth_naming(folder)
            continue
        for _, _, planned in _plans([(kind, folder)], entry, {"version": 1, "files": {}}, None, quiet=True):
            named += [change.path for change in planned
                      if any(plan_names(s.before, entrypoints.bin_dir()) for s in change.settings)]
    return named


def uninstall(args) -> int:
    found = data_dirs(args)
    if args.dry_run:
        _note_interrupted()
        return _uninstall(args, found, manifest_module.load(), dry_run=True)
    with transaction.exclusive("uninstall"):
        transaction.recover()
        return _uninstall(args, found, manifest_module.load(), dry_run=False)


def _uninstall(args, found: list[tuple[str, Path]], manifest: dict, dry_run: bool) -> int:
    entries = {path: entry for path, entry in manifest["files"].items()
               if not args.launcher or entry.get("launcher") == args.launcher}
    swept = _sweep(found, manifest)
    unrecorded = [c for c in swept if c.path not in entries]
    if entries or unrecorded:
        for path in entries:
            print(inert.line(f"  {path}"))
        for change in unrecorded:
            print("\n".join(change.describe()) + "\n    (not in prelaunch's manifest: found by its commands)")
        if dry_run:
            return 0
        launchers_touched = {e.get("launcher", "") for e in entries.values()} | {c.launcher for c in unrecorded}
        if _refuse_if_running(launchers_touched & set(running.PROCESS_NAMES)):
            return 1
        if not _confirm(args, f"Restore {len(entries) + len(unrecorded)} file(s)?"):
            return 1
        txn = transaction.Transaction("uninstall", manifest)
        try:
            with txn:
                _restore(txn, entries, found, manifest)
        except Exception as exc:  # noqa: BLE001 - said in uninstall's own words, with what was put back
            return _stopped("uninstall", exc, txn)
    else:
        print("prelaunch's commands are in no launcher file; nothing to restore.")
        if dry_run:
            return 0
    if manifest["files"]:
        return 0
    still = _still_named(_known_dirs(args))
    if still:
        print(f"prelaunch's scripts in {entrypoints.bin_dir()} are kept: these files still name them")
        for path in still:
            print(inert.line(f"  {path}"))
        return 0
    command = manifest.get("command") or user_command.wanted(sys.executable)  # without a manifest: this one's
    if not user_command.remove(command) and manifest.get("command") and os.path.lexists(command["path"]):
        print(f"{command['path']} was changed since install and is left alone.")
    manifest_module.forget()
    _remove_own_files()
    return 0


def _remove_own_files() -> None:
    """Everything prelaunch keeps for itself, but its log (and the environment, which install.py removes)."""
    shutil.rmtree(entrypoints.bin_dir(), ignore_errors=True)
    shutil.rmtree(files.backups_dir(), ignore_errors=True)
    shutil.rmtree(paths.cache_dir(), ignore_errors=True)
    for own in (transaction.lock_path(), transaction.holder_path()):
        try:
            os.unlink(own)  # held by this run until it ends; unlinking it does not free it (POSIX)
        except OSError:
            pass
    try:
        os.rmdir(paths.data_dir())  # when nothing is left in it (install.py's environment may be)
    except OSError:
        pass
    log = os.path.realpath(paths.log_dir())
    try:
        for name in os.listdir(paths.state_dir()):
            full = os.path.join(paths.state_dir(), name)
            if os.path.realpath(full) == log:
                continue
            if os.path.isdir(full):
                shutil.rmtree(full, ignore_errors=True)
            else:
                os.unlink(full)
    except OSError:
        pass
