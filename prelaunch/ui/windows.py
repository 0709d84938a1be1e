"""Windows: a task dialog (comctl32 `TaskDialogIndirect`, Windows Vista and newer; python.exe's manifest asks for
the common controls 6 that export it): the headline as its main instruction, our own buttons, the details
behind its own "Details" expander, the default button focused, kept on top, and a timer that presses the
default button when the time is up. It runs in a child process (`python -m prelaunch.ui.windows`, see
`_run.ask_in_child`), so a failure inside the system call ends the child, never the launch; a child that could
not show the dialog lets the caller try the next backend (the message box, `windows_box`).

Escape, Alt+F4 and the close box answer IDCANCEL, which is our Cancel button's id."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any

from prelaunch.ui import _run
from prelaunch.ui.question import CANCEL, DETAILS, LAUNCH, Answer, Question, marked

NAME = "windows"
IDCANCEL = 2  # <winuser.h>: what Escape and the close box answer
LAUNCH_ID, SILENCE_ID = 100, 101
TDF_ALLOW_DIALOG_CANCELLATION, TDF_CALLBACK_TIMER, TDF_POSITION_RELATIVE_TO_WINDOW = 0x8, 0x800, 0x1000
TDN_CREATED, TDN_TIMER = 0, 4  # <commctrl.h> notifications
TDM_CLICK_BUTTON = 0x0400 + 102  # WM_USER + 102
TD_WARNING_ICON, TD_ERROR_ICON = 0xFFFF, 0xFFFE  # MAKEINTRESOURCEW(-1), (-2)
HWND_TOPMOST, SWP_NOSIZE, SWP_NOMOVE = -1, 0x1, 0x2
WIDTH_DLU = 280  # the dialog's width in dialog units (about 420 px at 100 %)

_FUNCTYPE = getattr(ctypes, "WINFUNCTYPE", ctypes.CFUNCTYPE)  # stdcall on Windows; the tests' fakes run elsewhere
CALLBACK = _FUNCTYPE(ctypes.c_long, ctypes.c_void_p, ctypes.c_uint, ctypes.c_size_t, ctypes.c_ssize_t,
                     ctypes.c_ssize_t)


class TaskDialogButton(ctypes.Structure):
    _pack_ = 1  # <commctrl.h> declares the task dialog's structures inside pshpack1.h
    _fields_ = [("nButtonID", ctypes.c_int), ("pszButtonText", ctypes.c_wchar_p)]


class TaskDialogConfig(ctypes.Structure):
    """TASKDIALOGCONFIG (160 bytes on 64-bit Windows, 96 on 32-bit)."""

    _pack_ = 1
    _fields_ = [("cbSize", ctypes.c_uint), ("hwndParent", ctypes.c_void_p), ("hInstance", ctypes.c_void_p),
                ("dwFlags", ctypes.c_int), ("dwCommonButtons", ctypes.c_int), ("pszWindowTitle", ctypes.c_wchar_p),
                ("pszMainIcon", ctypes.c_void_p), ("pszMainInstruction", ctypes.c_wchar_p),
                ("pszContent", ctypes.c_wchar_p), ("cButtons", ctypes.c_uint),
                ("pButtons", ctypes.POINTER(TaskDialogButton)), ("nDefaultButton", ctypes.c_int),
                ("cRadioButtons", ctypes.c_uint), ("pRadioButtons", ctypes.POINTER(TaskDialogButton)),
                ("nDefaultRadioButton", ctypes.c_int), ("pszVerificationText", ctypes.c_wchar_p),
                ("pszExpandedInformation", ctypes.c_wchar_p), ("pszExpandedControlText", ctypes.c_wchar_p),
                ("pszCollapsedControlText", ctypes.c_wchar_p), ("pszFooterIcon", ctypes.c_void_p),
                ("pszFooter", ctypes.c_wchar_p), ("pfCallback", CALLBACK), ("lpCallbackData", ctypes.c_ssize_t),
                ("cxWidth", ctypes.c_uint)]


def available() -> bool:
    return hasattr(ctypes, "windll")


def _libraries() -> tuple[Any, Any]:
    return ctypes.windll.comctl32, ctypes.windll.user32  # type: ignore[attr-defined, unused-ignore]


def show(question: Question, timeout: float, shown: Callable[[], None],
         libraries: tuple[Any, Any] | None = None) -> Answer | None:
    """The task dialog, in this process: the answer, or None when it could not be shown."""
    comctl32, user32 = libraries or _libraries()
    ids = {LAUNCH_ID: LAUNCH, IDCANCEL: CANCEL, SILENCE_ID: question.silence}
    order = [LAUNCH_ID, SILENCE_ID, IDCANCEL] if question.silence else [LAUNCH_ID, IDCANCEL]
    buttons = (TaskDialogButton * len(order))(*[TaskDialogButton(i, marked(ids[i], "&")) for i in order])
    default_id = next(i for i, label in ids.items() if label == question.default)
    state = {"timed_out": False}

    def callback(hwnd: int, note: int, elapsed_ms: int, _lparam: int, _data: int) -> int:
        window = ctypes.c_void_p(hwnd)  # a handle is pointer-sized: never passed as a C int
        if note == TDN_CREATED:
            user32.SetWindowPos(window, ctypes.c_void_p(HWND_TOPMOST), 0, 0, 0, 0, SWP_NOMOVE | SWP_NOSIZE)
            user32.SetForegroundWindow(window)
            shown()
        elif note == TDN_TIMER and elapsed_ms >= timeout * 1000 and not state["timed_out"]:
            state["timed_out"] = True
            user32.SendMessageW(window, TDM_CLICK_BUTTON, ctypes.c_size_t(default_id), ctypes.c_ssize_t(0))
        return 0

    config = TaskDialogConfig(
        cbSize=ctypes.sizeof(TaskDialogConfig), dwFlags=TDF_ALLOW_DIALOG_CANCELLATION | TDF_CALLBACK_TIMER,
        pszWindowTitle=question.title, pszMainIcon=TD_ERROR_ICON if question.default == CANCEL else TD_WARNING_ICON,
        pszMainInstruction=question.headline, pszContent=question.below_headline(timeout),
        cButtons=len(order), pButtons=buttons, nDefaultButton=default_id,
        pszExpandedInformation=question.details or None, pszCollapsedControlText=DETAILS,
        pszExpandedControlText=f"Hide {DETAILS.lower()}", pfCallback=CALLBACK(callback), cxWidth=WIDTH_DLU)
    pressed = ctypes.c_int(0)
    if comctl32.TaskDialogIndirect(ctypes.byref(config), ctypes.byref(pressed), None, None) != 0:
        return None  # an HRESULT other than S_OK: not shown
    if state["timed_out"]:
        return Answer(question.default, by_player=False)
    return Answer(ids.get(pressed.value) or question.safe)


def ask(question: Question, timeout: float) -> Answer | None:
    return _run.ask_in_child(__name__, question, timeout)


if __name__ == "__main__":
    sys.exit(_run.serve(sys.argv[1:], show))
