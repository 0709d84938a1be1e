"""KDE's kdialog. It has no timeout of its own: the bound (exactly the configured timeout) kills it and the
default applies. `--print-winid` prints the window's id as soon as it is up, which tells a dialog that was
shown and then died (the safe answer) from one that never appeared (the next backend is tried). Its left
button is "yes" (exit 0) and has the focus; the right one is "no" (exit 1); Escape answers 2."""

from __future__ import annotations

import shutil

from prelaunch.ui import _run

NAME = "kdialog"


def available() -> bool:
    return shutil.which("kdialog") is not None


def _mnemonic(label: str) -> str:
    """Alt + the first letter presses the button."""
    return "&" + label.replace("&", "&&")


def _shown(outcome: _run.Outcome) -> bool:
    return "winId" in outcome.out


def ask(title: str, message: str, buttons: tuple[str, ...], safe: str, default: str,
        timeout: float) -> str | None:
    """The button pressed; `safe` when the dialog died without an answer; `default` when nobody answered
    within `timeout`; None when no dialog could be shown. `buttons` are in screen order (two of them)."""
    left, right = buttons
    argv = ["kdialog", "--print-winid", "--title", title, "--warningyesno", message,
            "--yes-label", _mnemonic(left), "--no-label", _mnemonic(right)]
    outcome = _run.run(argv, timeout)
    if outcome is None or not _shown(outcome):
        return None
    if outcome.code is None:
        return default
    return {0: left, 1: right}.get(outcome.code, safe)


def notify(title: str, message: str, timeout: float) -> bool:
    argv = ["kdialog", "--title", title, "--passivepopup", message, str(max(1, int(timeout)))]
    outcome = _run.run(argv, timeout + _run.GRACE_S)
    return outcome is not None and outcome.code == 0
