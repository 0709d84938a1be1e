"""Tk from the standard library: a window of a fixed width kept above the others, the headline in bold, the
countdown counting, the details behind a "Details" expander (they scroll), the buttons at the bottom and on
screen, the default one focused: Enter presses the focused button, Escape and closing the window cancel.

The window lives in a child process (`python -m prelaunch.ui.tk`, see `_run.ask_in_child`): Xlib ends a
process on an X error (a window destroyed from outside), and that must end the dialog, not the asker. The
child dies with the asker like every other dialog program."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any, Literal

from prelaunch.ui import _run
from prelaunch.ui.question import CANCEL, DETAILS, LAUNCH, Answer, Question, countdown, key_index

NAME = "tk"
WIDTH_PX = 460  # the text's width
MARGIN_PX = 120  # room for the window's title bar and a panel
DETAIL_LINES = (4, 14)  # the details' height in lines: at least, at most (less on a small screen)


def available() -> bool:
    try:
        import tkinter  # noqa: F401
    except ImportError:
        return False
    return True


class _Window:
    """One dialog window; `answer` is set when it ends."""

    def __init__(self, root: Any, title: str, timeout: float) -> None:
        import tkinter
        from tkinter import font as tkfont

        self.tk, self.root = tkinter, root
        self.answer: Answer | None = None
        self.end = time.monotonic() + timeout
        root.title(title)
        root.attributes("-topmost", True)
        root.resizable(False, False)
        self.font = tkfont.nametofont("TkDefaultFont")
        self.bold = self.font.copy()
        self.bold.configure(weight="bold", size=self.font.cget("size") + 1)
        self.row = tkinter.Frame(root, padx=12, pady=10)  # the buttons first, at the bottom: always on screen
        self.row.pack(side="bottom", fill="x")
        self.body = tkinter.Frame(root, padx=16, pady=12)
        self.body.pack(side="top", fill="both", expand=True)

    def label(self, text: str, bold: bool = False) -> Any:
        shown = self.tk.Label(self.body, text=text, justify="left", anchor="w", wraplength=WIDTH_PX,
                              font=self.bold if bold else self.font)
        shown.pack(side="top", fill="x", pady=(0, 6))
        return shown

    def button(self, label: str, command: Callable[[], None], default: bool = False,
               side: Literal["left", "right"] = "right") -> Any:
        button = self.tk.Button(self.row, text=label, command=command, underline=key_index(label),
                                default="active" if default else "normal")
        button.pack(side=side, padx=4)
        self.root.bind(f"<Alt-KeyPress-{label[key_index(label)].lower()}>", lambda _event: command())
        return button

    def choose(self, choice: str, by_player: bool = True) -> None:
        self.answer = Answer(choice, by_player)
        self.root.destroy()

    def place(self) -> None:
        """Centred across, a third down, never taller than the screen."""
        root = self.root
        root.update_idletasks()
        height = min(root.winfo_reqheight(), root.winfo_screenheight() - MARGIN_PX // 2)
        left = max(0, (root.winfo_screenwidth() - root.winfo_reqwidth()) // 2)
        root.geometry(f"{root.winfo_reqwidth()}x{height}+{left}+{max(0, (root.winfo_screenheight() - height) // 3)}")

    def run(self, default: str, safe: str, shown: Callable[[], None], tick: Callable[[float], None]) -> None:
        """Enter presses the focused button, Escape and the window's close are `safe`, the end of the time
        `default`; `tick(seconds left)` every second."""
        root = self.root
        root.bind("<Return>", lambda event: event.widget.invoke() if isinstance(event.widget, self.tk.Button)
                  else self.choose(default))
        root.bind("<Escape>", lambda _event: self.choose(safe))
        root.protocol("WM_DELETE_WINDOW", lambda: self.choose(safe))

        def count() -> None:
            left = self.end - time.monotonic()
            if left <= 0:
                self.choose(default, by_player=False)
                return
            tick(left)
            root.after(min(1000, max(1, int(left * 1000))), count)

        self.place()
        root.lift()
        root.focus_force()
        shown()
        count()
        root.mainloop()


def _details_box(window: _Window, text: str) -> Any:
    """The details: a read-only text that scrolls, as tall as the screen leaves room for."""
    tk = window.tk
    frame = tk.Frame(window.body)
    line_px = max(1, window.font.metrics("linespace"))
    window.root.update_idletasks()
    room = (window.root.winfo_screenheight() - MARGIN_PX - window.root.winfo_reqheight()) // line_px
    box = tk.Text(frame, wrap="word", width=1, height=max(DETAIL_LINES[0], min(DETAIL_LINES[1], room)),
                  font=window.font, relief="sunken", borderwidth=1, highlightthickness=0)
    bar = tk.Scrollbar(frame, command=box.yview)
    box.configure(yscrollcommand=bar.set)
    box.insert("1.0", text)
    box.configure(state="disabled")
    bar.pack(side="right", fill="y")
    box.pack(side="left", fill="both", expand=True)
    return frame


def _chooser(window: _Window, label: str) -> Callable[[], None]:
    return lambda: window.choose(label)


def _question(question: Question, timeout: float, shown: Callable[[], None]) -> Answer | None:
    import tkinter

    try:
        root = tkinter.Tk()
    except tkinter.TclError:
        return None  # no display
    window = _Window(root, question.title, timeout)
    try:
        if question.headline:
            window.label(question.headline, bold=True)
        if question.body:
            window.label(question.body)
        clock = window.label(countdown(question.default, timeout))
        buttons = {label: window.button(label, _chooser(window, label), default=label == question.default)
                   for label in (LAUNCH, CANCEL, question.silence) if label}  # right to left
        if question.details:
            box = _details_box(window, question.details)
            toggle = window.button(DETAILS, lambda: None, side="left")

            def flip() -> None:
                if box.winfo_ismapped():
                    box.pack_forget()
                    toggle.configure(text=DETAILS, underline=0)
                else:
                    box.pack(side="top", fill="both", expand=True, pady=(6, 0))
                    toggle.configure(text=f"Hide {DETAILS.lower()}", underline=len("Hide "))  # Alt+D still
                window.place()

            toggle.configure(command=flip)
            root.bind(f"<Alt-KeyPress-{DETAILS[0].lower()}>", lambda _event: flip())
        buttons[question.default].focus_set()
        window.run(question.default, question.safe, shown,
                   lambda left: clock.configure(text=countdown(question.default, left)))
    except tkinter.TclError:  # the window was destroyed from outside: shown, then died
        pass
    return window.answer or Answer(question.safe, by_player=False)


def _notice(title: str, message: str, timeout: float, shown: Callable[[], None]) -> bool:
    """A message with an OK button that goes away by itself."""
    import tkinter

    try:
        root = tkinter.Tk()
    except tkinter.TclError:
        return False
    window = _Window(root, title, timeout)
    try:
        window.label(message)
        window.button("OK", lambda: window.choose("OK"), default=True).focus_set()
        window.run("OK", "OK", shown, lambda _left: None)
    except tkinter.TclError:
        pass
    return True


def ask(question: Question, timeout: float) -> Answer | None:
    return _run.ask_in_child(__name__, question, timeout)


def notify(title: str, message: str, timeout: float, urgency: str = "normal") -> bool:
    """A window of its own that closes at the timeout; `urgency` changes nothing."""
    request = json.dumps({"notice": [title, message], "timeout": timeout})
    outcome = _run.run([sys.executable, "-m", __name__, request], timeout + _run.GRACE_S)
    return outcome is not None and outcome.code != _run.NOT_SHOWN


def main(argv: list[str]) -> int:
    request = json.loads(argv[0])
    if "notice" in request:
        title, message = request["notice"]
        return 0 if _notice(title, message, float(request["timeout"]), lambda: None) else _run.NOT_SHOWN
    return _run.serve(argv, _question)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
