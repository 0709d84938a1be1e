"""How the watchdog tells the player something while the game runs: a desktop notification when one can be
shown, else the launcher's console (the watchdog writes to the game's own output, which Prism Launcher and
MultiMC show in the instance console). Every notice of the watchdog goes this one way."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prelaunch.session.orders import UiSettings


def to_launcher_console(title: str, body: str) -> bool:
    """Write the notice to standard output, which is the game's: the launcher shows it in the instance console."""
    lines = [f"!![Warning]!prelaunch: {title}"] + [f"!![Warning]!prelaunch: {line}" for line in body.splitlines()]
    try:
        os.write(1, ("\n".join(lines) + "\n").encode("utf-8", "replace"))
        return True
    except OSError:
        return False


def show(title: str, body: str, ui_settings: UiSettings, urgency: str = "normal") -> str:
    """Tell the player, and say for the log where: a desktop notification when one can be shown, else the
    launcher's console; not at all under `[ui] mode = "none"` or when neither works. `ui_settings`: the `[ui]`
    mode, backend and timeout; `urgency` "critical" keeps the notification up until it is closed (only for a
    game that can no longer join)."""
    mode, preferred, timeout = str(ui_settings["mode"]), str(ui_settings["backend"]), float(ui_settings["timeout"])
    if mode == "none":
        return 'not shown: [ui] mode = "none"'
    if mode in ("auto", "gui"):
        from prelaunch import ui

        for backend in ui.backends(notifying=True, preferred=preferred):
            try:
                if backend.notify(title, body, timeout, urgency):
                    return f"shown as a desktop notification ({backend.NAME})"
            except Exception:  # noqa: BLE001 - a backend that fails falls through to the next
                continue
    if to_launcher_console(title, body):
        return "written to the launcher's console (the game's output)"
    return "not shown: no notification could be shown and the game's output is closed"
