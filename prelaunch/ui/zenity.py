"""GNOME's zenity (also on most other Linux desktops): a question with our own buttons and a timeout.

Both answers are `--extra-button`s (`--switch` hides OK and Cancel), so a pressed button prints its label:
the answer is read from the output, never from the exit code alone. zenity exits 0 with no output when its
window is destroyed, 1 on Escape, 5 at its timeout; every way of ending without a label, once the dialog was
up, is the safe answer. Only a zenity that could not show anything (no display, an option it lacks) lets the
caller try the next backend."""

from __future__ import annotations

import math
import shutil

from prelaunch.ui import _run

NAME = "zenity"
_TIMED_OUT = 5
_NOT_SHOWN = ("cannot open display", "Unknown option", "unknown option")


def available() -> bool:
    return shutil.which("zenity") is not None


def _mnemonic(label: str) -> str:
    """Alt + the first letter presses the button."""
    return "_" + label.replace("_", "__")


def _unmnemonic(label: str) -> str:
    return label.replace("__", "\0").replace("_", "").replace("\0", "_")


def _shown(outcome: _run.Outcome) -> bool:
    """False when zenity ended before showing anything."""
    if outcome.code in (255, -1):
        return False
    return bool(outcome.out.strip()) or not any(sign in outcome.err for sign in _NOT_SHOWN)


def ask(title: str, message: str, buttons: tuple[str, ...], safe: str, default: str,
        timeout: float) -> str | None:
    """The label pressed; `safe` when the dialog ended without one; `default` at the timeout; None when no
    dialog could be shown. `buttons` are in screen order, left to right."""
    argv = ["zenity", "--question", "--switch", "--no-markup", "--width=560", f"--title={title}",
            f"--text={message}", f"--timeout={max(1, math.ceil(timeout))}"]
    argv += [f"--extra-button={_mnemonic(label)}" for label in buttons]
    outcome = _run.run(argv, timeout + _run.GRACE_S)
    if outcome is None or not _shown(outcome):
        return None
    pressed = _unmnemonic(outcome.out.strip().splitlines()[-1]) if outcome.out.strip() else ""
    if pressed in buttons:
        return pressed
    if outcome.code in (_TIMED_OUT, None):  # its own timeout, or killed at the bound: nobody answered
        return default
    return safe


def notify(title: str, message: str, timeout: float) -> bool:
    argv = ["zenity", "--warning", "--no-markup", "--width=560", f"--title={title}", f"--text={message}",
            f"--timeout={max(1, math.ceil(timeout))}"]
    outcome = _run.run(argv, timeout + _run.GRACE_S)
    return outcome is not None and _shown(outcome)
