"""macOS: AppleScript dialogs through osascript (`giving up after` is the timeout) and notifications.

`display dialog` holds three buttons at most: the question has "Details", "Cancel" and "Launch anyway" (Cancel
left of the default button, where macOS puts it); its `default button` (Enter) is the answer the timeout takes
and its `cancel button` (Escape) is Cancel. "Details" opens a second dialog with the details, where "Back"
(Enter) returns to the question, Cancel cancels, and "Don't warn…" is offered when it may be."""

from __future__ import annotations

import shutil
import time

from prelaunch.ui import _run
from prelaunch.ui.question import BACK, CANCEL, DETAILS, LAUNCH, Answer, Question

NAME = "macos"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def available() -> bool:
    return shutil.which("osascript") is not None


def _dialog(title: str, text: str, buttons: tuple[str, ...], default: str, timeout: float,
            icon: str = "caution") -> tuple[str, bool] | None:
    """(the button pressed, by the player?) of one dialog; (Cancel, True) for Escape; None when it could not
    be shown. The button named "Cancel" makes osascript fail with error -128: that is an answer."""
    listed = "{" + ", ".join(_quote(c) for c in buttons) + "}"
    script = (f"display dialog {_quote(text)} with title {_quote(title)} buttons {listed} "
              f"default button {_quote(default)} cancel button {_quote(CANCEL)} with icon {icon} "
              f"giving up after {max(1, int(timeout))}")
    outcome = _run.run(["osascript", "-e", script], timeout + _run.GRACE_S)
    if outcome is None:
        return None
    if outcome.code is None:
        return default, False  # killed at the bound: nobody answered
    if outcome.code != 0:
        return (CANCEL, True) if "(-128)" in outcome.err else None
    if "gave up:true" in outcome.out:
        return default, False
    pressed = next((c for c in buttons if f"button returned:{c}," in outcome.out + ","), "")
    return (pressed, True) if pressed else (CANCEL, False)


def ask(question: Question, timeout: float) -> Answer | None:
    end = time.monotonic() + timeout
    left = timeout
    while True:
        buttons = ((DETAILS,) if question.details else ()) + (CANCEL, LAUNCH)
        got = _dialog(question.title, question.text(left), buttons, question.default, left)
        if got is None:
            return None
        if got[0] != DETAILS:
            return Answer(*got)
        more = ((question.silence,) if question.silence else ()) + (CANCEL, BACK)
        got = _dialog(question.title, question.details, more, BACK, max(1.0, end - time.monotonic()), "note")
        if got is not None and got[0] != BACK:
            return Answer(*got)
        left = end - time.monotonic()
        if left < 1:
            return Answer(question.default, by_player=False)


def notify(title: str, message: str, timeout: float, urgency: str = "normal") -> bool:
    """A notification of the Notification Center, which goes away by itself whatever the `urgency`."""
    script = f"display notification {_quote(message)} with title {_quote(title)}"
    result = _run.run_output(["osascript", "-e", script], timeout)
    return result is not None and result[0] == 0
