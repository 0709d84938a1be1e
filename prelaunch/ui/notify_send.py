"""Desktop notifications through notify-send (needs a notification service; fails fast without one).

The summary is plain text (the notification specification's), shown as it is. The body is markup (Pango in
most services), so it is escaped (`inert.markup`); notify-send then reads C escapes in it (`g_strcompress`,
GNOME libnotify tools/notify-send.c), so every backslash is doubled last."""

from __future__ import annotations

import shutil

from prelaunch.ui import _run, inert

NAME = "notify-send"


def available() -> bool:
    return shutil.which("notify-send") is not None


def ask(title: str, message: str, buttons: tuple[str, ...], safe: str, default: str,
        timeout: float) -> str | None:
    return None  # a notification cannot ask


def notify(title: str, message: str, timeout: float) -> bool:
    body = inert.markup(message).replace("\\", "\\\\")
    argv = ["notify-send", "--urgency=critical", "--app-name=prelaunch", "--", title, body]
    outcome = _run.run(argv, min(timeout, 5.0))
    return outcome is not None and outcome.code == 0
