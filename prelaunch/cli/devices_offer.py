"""What `prelaunch install` offers for `[devices] folder`, the folder the player's computers sync, where each says
which account it plays: at a terminal, the folders sync apps keep in step on this computer, one picked by number
(Enter: none; prelaunch's files go in a `prelaunch` folder inside it); `--devices-folder DIR` sets DIR without
asking. Nothing is offered in a run that asks nothing (no terminal, `--yes`, `--dry-run`) or under
`--no-devices-folder`, and a folder already set is said, not asked about again. The choice is one more file change
of the install's transaction (`installer.plan_setting`); a configuration file that cannot take it is left alone,
and the lines to add by hand are shown instead."""

from __future__ import annotations

import os
import sys
from argparse import Namespace

from prelaunch import config, installer, paths
from prelaunch.cli import installing
from prelaunch.session import devices, syncfolders
from prelaunch.ui import config_edit, inert

ASKS = 3  # an answer that is not on the list is asked again, this many times in all


def given(args: Namespace) -> str | None:
    """--devices-folder's folder as [devices] folder names it (`~/…` inside the home folder); None without it.
    ValueError, saying why, when it is not a folder."""
    if args.devices_folder is None:
        return None
    if not args.devices_folder.strip():
        raise ValueError("--devices-folder: no folder was named")
    folder = os.path.abspath(os.path.expanduser(args.devices_folder))
    if not os.path.isdir(folder):
        raise ValueError(f"--devices-folder: there is no folder {folder}")
    return devices.written(folder)


def asks(args: Namespace) -> bool:
    """Whether this run may ask about [devices] folder: at a terminal, in a run that asks."""
    return not (args.yes or args.dry_run or args.no_devices_folder) and bool(sys.stdin) and sys.stdin.isatty()


def _asked() -> str | None:
    """The folder the player picks from the sync folders found, as [devices] folder names it; None for none."""
    now = config.load()
    if now.devices.folder:
        installing.show(f"Your computers say which account each plays in {now.devices.folder} ([devices] folder "
                        f"in {now.path}); to change it, edit that file.")
        return None
    found = syncfolders.found()
    if not found:
        return None
    print("Do you play on another computer too? If both keep a folder in step with a sync app, prelaunch can tell "
          "you before a launch here signs out the same account's game there. Your sync folders:")
    for number, folder in enumerate(found, 1):
        installing.show(f"  {number}) {devices.written(folder.path)}  ({folder.app})")
    for _ in range(ASKS):
        try:
            answer = input(f"Pick one by its number (1-{len(found)}), or press Enter for none: ").strip()
        except EOFError:
            return None
        if not answer:
            return None
        if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= len(found):
            return devices.written(os.path.join(found[int(answer) - 1].path, syncfolders.SUBFOLDER))
        installing.show(f"{answer} is not a number from the list.")
    return None


def change(folder: str | None, ask: bool) -> installer.FileChange | None:
    """The configuration file's change for [devices] folder: `folder` (--devices-folder's), else, when this run
    may `ask`, the one the player picks; None when nothing changes. A file that cannot take it is said, with the
    lines to add by hand."""
    if folder is None and ask:
        folder = _asked()
    if folder is None:
        return None
    try:
        planned = installer.plan_setting("devices", "folder", folder)
    except (installer.SettingUnchangeable, OSError) as exc:
        not_set(folder, str(exc) if isinstance(exc, installer.SettingUnchangeable) else f"{exc.strerror or exc}")
        return None
    return planned if planned.changed else None


def not_set(folder: str, reason: str) -> None:
    """Say that [devices] folder was not set to `folder`, and why, with the lines that set it by hand."""
    installing.show(f"[devices] folder was not set: {reason}. To set it, add these lines to {paths.config_file()} "
                    "yourself:")
    print("  [devices]")
    print(f"  {inert.toml(config_edit.line('folder', folder))}")


def said(planned: installer.FileChange) -> None:
    """After the install: where this computer now says what it plays, and what the others need."""
    folder = planned.settings[0].after
    installing.show(f"This computer now says which account it plays in {folder}. Set the same folder on your other "
                    "computers ([devices] folder, or `--devices-folder` when you install there).")
