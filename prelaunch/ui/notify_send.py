"""Desktop notifications through notify-send (needs a notification service; fails fast without one)."""

from __future__ import annotations

import shutil

from prelaunch.ui import _run

NAME = "notify-send"


def available() -> bool:
    return shutil.which("notify-send") is not None


def ask(title: str, message: str, buttons: tuple[str, ...], safe: str, default: str,
        timeout: float) -> str | None:
    return None  # a notification cannot ask


def notify(title: str, message: str, timeout: float) -> bool:
    argv = ["notify-send", "--urgency=critical", "--app-name=prelaunch", title, message]
    outcome = _run.run(argv, min(timeout, 5.0))
    return outcome is not None and outcome.code == 0
