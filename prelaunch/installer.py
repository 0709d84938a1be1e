"""`prelaunch install` / `uninstall`: find the launchers on this machine and register prelaunch in them."""

from __future__ import annotations

import argparse
from pathlib import Path

from prelaunch import launchers
from prelaunch.doctor import LAUNCHER_NAMES


def data_dirs(args: argparse.Namespace) -> list[tuple[str, Path]]:
    """The launcher data dirs this run is about: --dir, else every one found, narrowed by --launcher."""
    if args.dir:
        kinds = [args.launcher] if args.launcher else list(launchers.MODULES)
        for kind in kinds:
            if launchers.MODULES[kind].is_data_dir(args.dir):
                return [(kind, args.dir)]
        return []
    return launchers.find_data_dirs(args.launcher)


def run(args: argparse.Namespace) -> int:
    found = data_dirs(args)
    if not found:
        looked = args.dir and [args.dir] or [
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
    for kind, folder in found:
        print(f"Found {LAUNCHER_NAMES[kind]} at {folder}")
    print("This version cannot register itself in launchers yet; nothing was changed.")
    return 1
