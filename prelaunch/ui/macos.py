"""macOS: AppleScript dialogs through osascript (`giving up after` is the timeout) and notifications."""

from __future__ import annotations

import shutil

from prelaunch.ui import _run


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


NAME = "macos"


def available() -> bool:
    return shutil.which("osascript") is not None


def ask(title: str, message: str, buttons: tuple[str, ...], safe: str, default: str,
        timeout: float) -> str | None:
    """`buttons` in screen order (macOS puts Cancel left of the default button). A button named "Cancel"
    makes osascript fail with error -128: that is the safe answer, not a dialog that could not be shown."""
    listed = "{" + ", ".join(_quote(c) for c in buttons) + "}"
    script = (f"display dialog {_quote(message)} with title {_quote(title)} buttons {listed} "
              f"default button {_quote(default)} with icon caution giving up after {max(1, int(timeout))}")
    outcome = _run.run(["osascript", "-e", script], timeout + _run.GRACE_S)
    if outcome is None:
        return None
    if outcome.code is None:
        return default  # killed at the bound: nobody answered
    if outcome.code != 0:
        return safe if "(-128)" in outcome.err else None
    if "gave up:true" in outcome.out:
        return default
    return next((c for c in buttons if f"button returned:{c}," in outcome.out + ","), safe)


def notify(title: str, message: str, timeout: float) -> bool:
    script = f"display notification {_quote(message)} with title {_quote(title)}"
    result = _run.run_output(["osascript", "-e", script], timeout)
    return result is not None and result[0] == 0
