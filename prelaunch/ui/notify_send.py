"""Desktop notifications through notify-send (needs a notification service; fails fast without one). It only
tells: it is a `Notifier`, never an `Asker`.

The summary is plain text (the notification specification's), shown as it is. The body is markup (Pango in
most services), so it is escaped (`inert.markup`); notify-send then reads C escapes in it (`g_strcompress`,
GNOME libnotify tools/notify-send.c), so every backslash is doubled last. A normal notification goes away by
itself after `timeout` (it must not cover a later dialog); a critical one stays until it is closed."""

from __future__ import annotations

import shutil

from prelaunch.ui import _run, inert

NAME = "notify-send"


def available() -> bool:
    return shutil.which("notify-send") is not None


def notify(title: str, message: str, timeout: float, urgency: str = "normal") -> bool:
    body = inert.markup(message).replace("\\", "\\\\")
    argv = ["notify-send", f"--urgency={'critical' if urgency == 'critical' else 'normal'}", "--app-name=prelaunch"]
    if urgency != "critical":
        argv.append(f"--expire-time={max(1, int(timeout * 1000))}")
    outcome = _run.run([*argv, "--", title, body], min(timeout, 5.0))
    return outcome is not None and outcome.code == 0
