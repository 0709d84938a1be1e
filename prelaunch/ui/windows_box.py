"""Windows' message box through ctypes, topmost, with a timeout (MessageBoxTimeoutW, exported by user32 since
Windows XP though not documented): the notifications, and the question when the task dialog (`windows`) could
not be shown. A message box cannot relabel its buttons nor hold a Details button, so the question is worded
for Yes (launch anyway) and No (cancel) and its details follow its text; the default button has the focus."""

from __future__ import annotations

import ctypes
from typing import Any

from prelaunch.ui.question import CANCEL, LAUNCH, Answer, Question

NAME = "windows-box"
MB_OK, MB_YESNO = 0x0, 0x4
MB_ICONWARNING, MB_ICONINFORMATION = 0x30, 0x40
MB_DEFBUTTON2 = 0x100
MB_SETFOREGROUND, MB_TOPMOST = 0x10000, 0x40000
IDYES, IDNO, IDTIMEOUT = 6, 7, 32000


def _user32() -> Any:
    return ctypes.windll.user32  # type: ignore[attr-defined, unused-ignore]


def available() -> bool:
    return hasattr(ctypes, "windll")


def ask(question: Question, timeout: float, user32: Any = None) -> Answer | None:
    """Yes is "Launch anyway", No (on the right, where Windows puts it) "Cancel"; Enter presses the default."""
    flags = (MB_YESNO | MB_ICONWARNING | MB_SETFOREGROUND | MB_TOPMOST
             | (MB_DEFBUTTON2 if question.default == CANCEL else 0))
    text = "\n\n".join(part for part in (question.text(timeout), f"Yes: {LAUNCH}.  No: {CANCEL}.",
                                         question.details) if part)
    result = (user32 or _user32()).MessageBoxTimeoutW(None, text, question.title, flags, 0, int(timeout * 1000))
    if result == 0:
        return None  # the box could not be shown
    if result == IDTIMEOUT:
        return Answer(question.default, by_player=False)
    return Answer({IDYES: LAUNCH, IDNO: CANCEL}.get(result, question.safe))


def notify(title: str, message: str, timeout: float, urgency: str = "normal", user32: Any = None) -> bool:
    """A box that closes at the timeout: a warning sign when `urgency` is critical."""
    flags = (MB_OK | MB_SETFOREGROUND | MB_TOPMOST
             | (MB_ICONWARNING if urgency == "critical" else MB_ICONINFORMATION))
    return bool((user32 or _user32()).MessageBoxTimeoutW(None, message, title, flags, 0, int(timeout * 1000)))
