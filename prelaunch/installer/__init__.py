"""`prelaunch install` / `uninstall`: find the launchers on this machine, show what changes, ask once, and
write each launcher's files in its own format (backup first, atomic replace, idempotent); uninstall puts
every setting back from the manifest."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from prelaunch import launchers, paths
from prelaunch.installer import entrypoints, files, modrinth, modrinth_legacy, prism, running
from prelaunch.installer import manifest as manifest_module
from prelaunch.installer.plan import FileChange
from prelaunch.model import LAUNCHER_NAMES

WRITERS = {"ini": prism, "sqlite": modrinth, "json": modrinth_legacy}


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
        print(f"  {folder}")
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
        print(f"{LAUNCHER_NAMES[kind]} is running ({name}, pid {pid}): close it first, or it will overwrite "
              "the change when it saves its settings. Nothing was changed.")
    return bool(found)


def _sandboxed(folder: Path) -> bool:
    """A Flatpak build's data folder (Prism's, or the Modrinth App's from Flathub) or a snap's (Prism's)."""
    return "/.var/app/" in folder.as_posix() or Path.home() / "snap" in folder.parents


SANDBOX_NOTE = ("  not set up: this is a Flatpak or snap build. Its sandbox sees neither prelaunch's folder nor "
                "this computer's Python, so a command pointing there would stop every launch. The same launcher "
                "installed from your distribution or as an AppImage can be set up.")


def run(args) -> int:
    if args.command == "uninstall":
        return uninstall(args)
    found = data_dirs(args)
    if not found:
        return _no_launcher(args)
    manifest = manifest_module.load()
    entry = entrypoints.commands(python=sys.executable)
    plans: list[tuple[str, Path, list[FileChange]]] = []
    for kind, folder in found:
        if _sandboxed(folder):
            print(f"{LAUNCHER_NAMES[kind]} at {folder}\n{SANDBOX_NOTE}")
            continue
        try:
            plans.append((kind, folder, plan_for(kind, folder, entry, manifest, args.instance)))
        except (OSError, ValueError) as exc:  # commands.Unsupported is a ValueError
            print(f"{LAUNCHER_NAMES[kind]} at {folder}: cannot be set up ({exc}).")
    pending = [c for _, _, changes in plans for c in changes if c.changed]
    for kind, folder, changes in plans:
        print(f"{LAUNCHER_NAMES[kind]} at {folder}")
        for change in changes:
            if change.changed or change.notes:
                print("\n".join(change.describe()))
        if not any(c.changed for c in changes):
            print("  already set up: nothing to change")
    if args.dry_run or not pending:
        return 0
    if _refuse_if_running({c.launcher for c in pending}):
        return 1
    if not _confirm(args, f"Change {len(pending)} file(s)?"):
        return 1
    entrypoints.write(python=sys.executable)
    for change in pending:
        applied = WRITERS[change.kind].apply(change, manifest)
        print(f"{'changed' if applied else 'unchanged'}: {change.path}")
    manifest_module.save(manifest)
    print(f"Done. Backups are in {files.backups_dir()}; "
          "`python3 install.py --uninstall` puts everything back.")
    return 0


def uninstall(args) -> int:
    manifest = manifest_module.load()
    entries = {path: entry for path, entry in manifest["files"].items()
               if not args.launcher or entry.get("launcher") == args.launcher}
    if not entries:
        print("prelaunch changed no launcher file (no manifest entries); nothing to restore.")
    else:
        for path, entry in entries.items():
            print(f"  {path}")
        if args.dry_run:
            return 0
        if _refuse_if_running({e.get("launcher", "") for e in entries.values()} & set(running.PROCESS_NAMES)):
            return 1
        if not _confirm(args, f"Restore {len(entries)} file(s)?"):
            return 1
        for path, entry in entries.items():
            print(WRITERS[entry["kind"]].restore(path, entry))
            del manifest["files"][path]
    if manifest["files"]:
        manifest_module.save(manifest)
        return 0
    manifest_module.forget()
    _remove_own_files()
    return 0


def _remove_own_files() -> None:
    """Everything prelaunch keeps for itself, but its log (and the environment, which install.py removes)."""
    shutil.rmtree(entrypoints.bin_dir(), ignore_errors=True)
    shutil.rmtree(files.backups_dir(), ignore_errors=True)
    shutil.rmtree(paths.cache_dir(), ignore_errors=True)
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
