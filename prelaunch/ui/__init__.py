"""One small API for talking to the player: ask() for a question with buttons, notify() for a message.

Backends are tried in order for the platform. Only a backend that could not show its dialog at all falls
through to the next; once a dialog was shown, its answer is final (a dialog that died without an answer is
the safe one, the last choice). The console (stdout, the launcher's console) is always last. No path raises
into the caller or waits past its timeout, and every dialog dies with the process that asked."""

from __future__ import annotations

import os
import sys

from prelaunch.ui import console
from prelaunch.ui.composer import compose, quieted  # noqa: F401 - the API callers use

LAUNCH, CANCEL = "Launch anyway", "Cancel"


def screen_order(choices: tuple[str, ...], platform: str | None = None) -> tuple[str, ...]:
    """The buttons left to right, the same on every backend of a platform: the safe one (the last choice) on
    the left on Linux and macOS (GNOME's and Apple's place for Cancel), on the right on Windows."""
    safe, others = choices[-1], tuple(c for c in choices[:-1])
    return others + (safe,) if (platform or sys.platform) == "win32" else (safe,) + others


def countdown(default: str, timeout: float) -> str:
    """The line that says what happens when nobody answers."""
    return f"No answer within {timeout:g} s means \u201c{default}\u201d."


def ask(title: str, message: str, choices: tuple[str, ...], default: str, timeout: float,
        mode: str = "auto", backend_name: str = "auto", printed: bool = False) -> str:
    """The choice the player made, or `default` when nobody answers within `timeout` or no popup can be shown.

    Escape or closing the dialog picks the last choice (Cancel); Alt + a button's first letter presses it.
    `printed`: the message is already in the console, so the console fallback only says what it decided."""
    if mode in ("auto", "gui"):
        buttons = screen_order(choices)
        shown = f"{message}\n\n{countdown(default, timeout)}"
        for backend in backends(preferred=backend_name):
            try:
                answer = backend.ask(title, shown, buttons, choices[-1], default, timeout)
            except Exception:  # noqa: BLE001 - a backend that fails before showing falls through to the next
                continue
            if answer is None:
                continue
            return answer if answer in choices else choices[-1]
    if mode == "none":
        return default
    return console.ask(title, message, choices, default, timeout, printed)


def notify(title: str, message: str, mode: str = "auto", timeout: float = 60.0, backend_name: str = "auto") -> None:
    """Show a message; it blocks nothing but the caller, and no longer than `timeout`."""
    if mode in ("auto", "gui"):
        for backend in backends(notifying=True, preferred=backend_name):
            try:
                if backend.notify(title, message, timeout):
                    return
            except Exception:  # noqa: BLE001 - a backend that fails falls through to the next
                continue
    if mode != "none":
        console.notify(title, message)


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def candidates(notifying: bool = False, platform: str | None = None, display: bool | None = None) -> list:
    """Every popup backend of a platform, in the order they are tried, whether or not it can run here."""
    platform = platform or sys.platform
    if platform == "win32":
        from prelaunch.ui import windows

        return [windows]
    if platform == "darwin":
        from prelaunch.ui import macos

        return [macos]
    if not (has_display() if display is None else display):
        return []
    from prelaunch.ui import kdialog, notify_send, tk, zenity

    return [notify_send, zenity, kdialog, tk] if notifying else [zenity, kdialog, tk]


def backends(notifying: bool = False, preferred: str = "auto") -> list:
    """Popup backends for this platform that can run now, in the order they are tried; a preferred one first."""
    found = candidates(notifying)
    if preferred != "auto":
        found.sort(key=lambda backend: backend.NAME != preferred)
    return [backend for backend in found if backend.available()]
