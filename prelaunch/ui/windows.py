"""Windows: the system message box through ctypes, topmost, with a timeout (MessageBoxTimeoutW, exported by
user32 since Windows XP though not documented). Message boxes cannot relabel their buttons, so the question
is worded for Yes (launch anyway) and No (cancel)."""

from __future__ import annotations

import ctypes
from typing import Any

MB_OK, MB_YESNO = 0x0, 0x4
MB_ICONWARNING = 0x30
MB_DEFBUTTON2 = 0x100
MB_SETFOREGROUND, MB_TOPMOST = 0x10000, 0x40000
IDYES, IDNO, IDTIMEOUT = 6, 7, 32000


def _user32() -> Any:
    return ctypes.windll.user32  # type: ignore[attr-defined]


NAME = "windows"


def available() -> bool:
    return hasattr(ctypes, "windll")


def ask(title: str, message: str, buttons: tuple[str, ...], safe: str, default: str, timeout: float,
        user32: Any = None) -> str | None:
    """Yes carries the answer that is not the safe one; No (on the right, where Windows puts it) the safe one."""
    cancel = safe
    launch = next(label for label in buttons if label != safe)
    flags = MB_YESNO | MB_ICONWARNING | MB_SETFOREGROUND | MB_TOPMOST | (MB_DEFBUTTON2 if default == cancel else 0)
    text = f"{message}\n\nYes: {launch}.  No: {cancel}."
    result = (user32 or _user32()).MessageBoxTimeoutW(None, text, title, flags, 0, int(timeout * 1000))
    if result == 0:
        return None  # the box could not be shown
    return {IDYES: launch, IDNO: cancel, IDTIMEOUT: default}.get(result, cancel)


def notify(title: str, message: str, timeout: float, user32: Any = None) -> bool:
    flags = MB_OK | MB_ICONWARNING | MB_SETFOREGROUND | MB_TOPMOST
    return bool((user32 or _user32()).MessageBoxTimeoutW(None, message, title, flags, 0, int(timeout * 1000)))
