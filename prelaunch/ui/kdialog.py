"""KDE's kdialog. It has no timeout of its own (the bound kills it) and its default button is always its
"yes" button, so "yes" carries whichever answer is the default; Escape or closing the window answers 2,
which is the last choice (Cancel)."""

from __future__ import annotations

import shutil

from prelaunch.ui import _run

NAME = "kdialog"


def available() -> bool:
    return shutil.which("kdialog") is not None


def _mnemonic(label: str) -> str:
    """Alt + the first letter presses the button."""
    return "&" + label.replace("&", "&&")


def ask(title: str, message: str, choices: tuple[str, ...], default: str, timeout: float) -> str | None:
    other = next(c for c in choices if c != default)
    argv = ["kdialog", "--title", title, "--warningyesno", message, "--yes-label", _mnemonic(default),
            "--no-label", _mnemonic(other)]
    code = _run.run(argv, timeout)
    if code is None:
        return default  # killed at the bound: nobody answered
    return {0: default, 1: other, 2: choices[-1]}.get(code)


def notify(title: str, message: str, timeout: float) -> bool:
    argv = ["kdialog", "--title", title, "--passivepopup", message, str(max(1, int(timeout)))]
    return _run.run(argv, timeout) == 0
