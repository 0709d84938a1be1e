"""GNOME's zenity (also on most other Linux desktops): a question with our own button labels and a timeout."""

from __future__ import annotations

import math
import shutil

from prelaunch.ui import _run

_TIMED_OUT = 5


NAME = "zenity"


def available() -> bool:
    return shutil.which("zenity") is not None


def _mnemonic(label: str) -> str:
    """Alt + the first letter presses the button."""
    return "_" + label.replace("_", "__")


def ask(title: str, message: str, choices: tuple[str, ...], default: str, timeout: float) -> str | None:
    launch, cancel = choices
    argv = ["zenity", "--question", "--no-markup", "--width=520", f"--title={title}", f"--text={message}",
            f"--ok-label={_mnemonic(launch)}", f"--cancel-label={_mnemonic(cancel)}",
            f"--timeout={max(1, math.ceil(timeout))}"]
    if default == cancel:
        argv.append("--default-cancel")
    code = _run.run(argv, timeout)
    return {0: launch, 1: cancel, _TIMED_OUT: default}.get(code)  # type: ignore[arg-type]


def notify(title: str, message: str, timeout: float) -> bool:
    argv = ["zenity", "--warning", "--no-markup", "--width=520", f"--title={title}", f"--text={message}",
            f"--timeout={max(1, math.ceil(timeout))}"]
    return _run.run(argv, timeout) in (0, 1, _TIMED_OUT)
