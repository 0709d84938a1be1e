"""One small API for talking to the player: `ask_question()` for a question with buttons, `notify()` for a
message, and what a dialog says (`question()`, from findings).

Backends (`backend.Asker`, `backend.Notifier`; one module each) are tried in order for the platform. Only a
backend that could not show its dialog at all falls through to the next; once a dialog was shown, its answer
is final (a dialog that died without an answer is the safe one, Cancel). The console (stdout, the launcher's
console) is always last. No path raises into the caller or waits past its timeout, and every dialog dies with
the process that asked."""

from __future__ import annotations

import os
import sys
from typing import Literal, TypeVar, overload

from prelaunch.ui import console
from prelaunch.ui.backend import Asker, Notifier
from prelaunch.ui.composer import question, quieted  # noqa: F401 - the API callers use
from prelaunch.ui.question import CANCEL, LAUNCH, Answer, Question, countdown  # noqa: F401 - the API callers use

_B = TypeVar("_B", Asker, Notifier)  # `_ready` gives back the kind of backend it is given


def ask_question(asked: Question, timeout: float, mode: str = "auto", backend_name: str = "auto",
                 printed: bool = False) -> Answer:
    """The player's answer, or the default one (by_player False) when nobody answers within `timeout` or no
    popup can be shown. Escape or closing the dialog is Cancel; Alt + a button's underlined letter presses it.
    `printed`: the findings are already in the console, so the console fallback only says what it decided."""
    if mode in ("auto", "gui"):
        for backend in backends(preferred=backend_name):
            try:
                answer = backend.ask(asked, timeout)
            except Exception:  # noqa: BLE001 - a backend that fails before showing falls through to the next
                continue
            if answer is None:
                continue
            return answer if answer.choice in asked.choices else Answer(asked.safe, by_player=False)
    if mode == "none":
        return Answer(asked.default, by_player=False)
    return console.ask(asked, printed, console.POPUPS_OFF if mode == "console" else console.NO_POPUP)


def notify(title: str, message: str, mode: str = "auto", timeout: float = 60.0, backend_name: str = "auto",
           urgency: str = "normal") -> str:
    """Show a message; it blocks nothing but the caller, and no longer than `timeout`. `urgency` "critical"
    only when the player cannot play online until they act (a critical notification stays until closed).
    Where it was shown: a backend's name, "console", or "" (mode "none")."""
    if mode in ("auto", "gui"):
        for backend in backends(notifying=True, preferred=backend_name):
            try:
                if backend.notify(title, message, timeout, urgency):
                    return backend.NAME
            except Exception:  # noqa: BLE001 - a backend that fails falls through to the next
                continue
    if mode == "none":
        return ""
    console.notify(title, message)
    return "console"


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def askers(platform: str | None = None, display: bool | None = None) -> list[Asker]:
    """Every backend that asks, for a platform, in the order they are tried, whether or not it can run here."""
    platform = platform or sys.platform
    if platform == "win32":
        from prelaunch.ui import windows, windows_box

        return [windows, windows_box]
    if platform == "darwin":
        from prelaunch.ui import macos

        return [macos]
    if not (has_display() if display is None else display):
        return []
    from prelaunch.ui import kdialog, tk, zenity

    return [zenity, kdialog, tk]


def notifiers(platform: str | None = None, display: bool | None = None) -> list[Notifier]:
    """Every backend that notifies, for a platform, in the order they are tried."""
    platform = platform or sys.platform
    if platform == "win32":
        from prelaunch.ui import windows_box

        return [windows_box]
    if platform == "darwin":
        from prelaunch.ui import macos

        return [macos]
    if not (has_display() if display is None else display):
        return []
    from prelaunch.ui import kdialog, notify_send, tk, zenity

    return [notify_send, zenity, kdialog, tk]


@overload
def backends(notifying: Literal[False] = ..., preferred: str = ...) -> list[Asker]: ...
@overload
def backends(notifying: Literal[True], preferred: str = ...) -> list[Notifier]: ...
def backends(notifying: bool = False, preferred: str = "auto") -> list[Asker] | list[Notifier]:
    """The backends for this platform that can run now, in the order they are tried; a preferred one first."""
    return _ready(notifiers(), preferred) if notifying else _ready(askers(), preferred)


def _ready(found: list[_B], preferred: str) -> list[_B]:
    """Those of `found` that can run now, in their order, the preferred one first."""
    found.sort(key=lambda backend: preferred != "auto" and backend.NAME != preferred)
    return [backend for backend in found if backend.available()]
