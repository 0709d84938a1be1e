"""macOS: AppleScript dialogs through osascript (`giving up after` is the timeout) and notifications."""

from __future__ import annotations

import shutil

from prelaunch.ui import _run


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


NAME = "macos"


def available() -> bool:
    return shutil.which("osascript") is not None


def ask(title: str, message: str, choices: tuple[str, ...], default: str, timeout: float) -> str | None:
    buttons = "{" + ", ".join(_quote(c) for c in choices) + "}"
    script = (f"display dialog {_quote(message)} with title {_quote(title)} buttons {buttons} "
              f"default button {_quote(default)} with icon caution giving up after {max(1, int(timeout))}")
    result = _run.run_output(["osascript", "-e", script], timeout)
    if result is None:
        return None
    code, out = result
    if code != 0:  # the dialog could not be shown (or was closed some other way)
        return None
    if "gave up:true" in out:
        return default
    return next((c for c in choices if f"button returned:{c}" in out), default)


def notify(title: str, message: str, timeout: float) -> bool:
    script = f"display notification {_quote(message)} with title {_quote(title)}"
    result = _run.run_output(["osascript", "-e", script], timeout)
    return result is not None and result[0] == 0
