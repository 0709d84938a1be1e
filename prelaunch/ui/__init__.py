"""One small API for talking to the player: ask() for a question with buttons, notify() for a message.

Backends are tried in order for the platform; one that fails to start falls through to the next, and the
console (stdout, the launcher's console) is always last. No path raises into the caller or waits past its
timeout.
"""

from __future__ import annotations

import os
import sys

from prelaunch.ui import console

LAUNCH, CANCEL = "Launch anyway", "Cancel"
MAX_PROBLEMS = 4  # more than this are folded into one line pointing at the console


def compose(findings, instance_name: str = "", account_name: str = "") -> tuple[str, str]:
    """A short title naming the instance and account, and each problem as sentences with numbered fixes."""
    parts = [p for p in (instance_name, account_name) if p]
    title = "prelaunch: " + " - ".join(parts) if parts else "prelaunch"
    blocks = []
    for finding in findings[:MAX_PROBLEMS]:
        lines = [finding.title + "."]
        if finding.detail:
            lines.append(finding.detail)
        lines += [f"  {number}. {fix}" for number, fix in enumerate(finding.fixes, 1)]
        blocks.append("\n".join(lines))
    if len(findings) > MAX_PROBLEMS:
        blocks.append(f"…and {len(findings) - MAX_PROBLEMS} more: see the launcher's console.")
    return title, "\n\n".join(blocks)


def ask(title: str, message: str, choices: tuple[str, ...], default: str, timeout: float,
        mode: str = "auto", backend_name: str = "auto") -> str:
    """The choice the player made, or `default` when nobody answers within `timeout` or no popup can be shown.

    Escape or closing the dialog picks the last choice (Cancel); Alt + a button's first letter presses it.
    """
    if mode in ("auto", "gui"):
        for backend in backends(preferred=backend_name):
            try:
                answer = backend.ask(title, message, choices, default, timeout)
            except Exception:  # noqa: BLE001 - a backend that fails falls through to the next
                continue
            if answer in choices:
                return answer
    if mode == "none":
        return default
    return console.ask(title, message, choices, default, timeout)


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


def backends(notifying: bool = False, preferred: str = "auto") -> list:
    """Popup backends for this platform that can run now, in the order they are tried; a preferred one first."""
    if sys.platform == "win32":
        from prelaunch.ui import windows

        candidates = [windows]
    elif sys.platform == "darwin":
        from prelaunch.ui import macos

        candidates = [macos]
    elif has_display():
        from prelaunch.ui import kdialog, notify_send, tk, zenity

        candidates = [notify_send, zenity, kdialog, tk] if notifying else [zenity, kdialog, tk]
    else:
        candidates = []
    if preferred != "auto":
        candidates.sort(key=lambda backend: backend.NAME != preferred)
    return [backend for backend in candidates if backend.available()]
