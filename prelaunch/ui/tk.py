"""Tk from the standard library: a window kept above the others that fits the screen (long text scrolls, the
buttons stay at the bottom), with a timeout.

The window lives in a child process (`python -m prelaunch.ui.tk`) that prints the label pressed: Xlib ends a
process on an X error (a window destroyed from outside), and that must end the dialog, not the asker. The child
dies with the asker like every other dialog program."""

from __future__ import annotations

import json
import sys

from prelaunch.ui import _run

NAME = "tk"
NO_DISPLAY = 3  # the child's exit code when it could not open a window
WIDTH_CHARS = 72
MARGIN_PX = 120  # room for the window's title bar, the buttons and a panel


def available() -> bool:
    try:
        import tkinter  # noqa: F401
    except ImportError:
        return False
    return True


def _window(title: str, message: str, buttons: tuple[str, ...], safe: str, default: str,
            timeout: float) -> str | None:
    import tkinter
    from tkinter import font as tkfont

    try:
        root = tkinter.Tk()
    except tkinter.TclError:
        return None  # no display
    answer: dict[str, str | None] = {"value": None}  # None: the window died unanswered

    def choose(value: str) -> None:
        answer["value"] = value
        root.destroy()

    try:
        root.title(title)
        root.attributes("-topmost", True)
        # The buttons are packed first, at the bottom, so they stay visible whatever the text's length.
        row = tkinter.Frame(root, padx=16, pady=10)
        row.pack(side="bottom", fill="x")
        inner = tkinter.Frame(row)
        inner.pack(anchor="e")
        for label in buttons:
            button = tkinter.Button(inner, text=label, command=lambda value=label: choose(value), underline=0,
                                    default="active" if label == default else "normal")
            button.pack(side="left", padx=4)
            root.bind(f"<Alt-KeyPress-{label[0].lower()}>", lambda _event, value=label: choose(value))
            if label == safe:
                button.focus_set()
        body = tkinter.Frame(root, padx=16, pady=12)
        body.pack(side="top", fill="both", expand=True)
        line_px = tkfont.nametofont("TkTextFont").metrics("linespace")
        fits = max(5, (root.winfo_screenheight() - MARGIN_PX - 60) // max(1, line_px))
        wanted = sum(1 + len(line) // WIDTH_CHARS for line in message.splitlines())
        text = tkinter.Text(body, wrap="word", width=WIDTH_CHARS, height=min(wanted, fits), relief="flat",
                            background=root.cget("background"), font="TkTextFont", highlightthickness=0)
        if wanted > fits:
            bar = tkinter.Scrollbar(body, command=text.yview)
            text.configure(yscrollcommand=bar.set)
            bar.pack(side="right", fill="y")
        text.insert("1.0", message)
        text.configure(state="disabled")
        text.pack(side="left", fill="both", expand=True)
        root.bind("<Return>", lambda event: event.widget.invoke() if isinstance(event.widget, tkinter.Button)
                  else choose(safe))
        root.bind("<Escape>", lambda _event: choose(safe))
        root.protocol("WM_DELETE_WINDOW", lambda: choose(safe))
        root.after(max(1, int(timeout * 1000)), lambda: choose(default))
        root.update_idletasks()
        width = root.winfo_reqwidth()
        height = min(root.winfo_reqheight(), root.winfo_screenheight() - MARGIN_PX // 2)
        left = max(0, (root.winfo_screenwidth() - width) // 2)
        root.geometry(f"{width}x{height}+{left}+{max(0, (root.winfo_screenheight() - height) // 3)}")
        root.lift()
        root.focus_force()
        root.mainloop()
    except tkinter.TclError:  # the window was destroyed from outside: shown, then died
        return safe
    return answer["value"] or safe


def _in_child(title: str, message: str, buttons: tuple[str, ...], safe: str, default: str,
              timeout: float) -> str | None:
    """The label pressed in a child process; `safe` when it died without one; None when it had no display."""
    request = json.dumps([title, message, list(buttons), safe, default, timeout])
    outcome = _run.run([sys.executable, "-m", "prelaunch.ui.tk", request], timeout + _run.GRACE_S)
    if outcome is None or outcome.code == NO_DISPLAY:
        return None
    if outcome.code is None:
        return default  # hung past its own timeout: nobody answered
    pressed = outcome.out.strip()
    return pressed if pressed in buttons else safe


def ask(title: str, message: str, buttons: tuple[str, ...], safe: str, default: str,
        timeout: float) -> str | None:
    return _in_child(title, message, buttons, safe, default, timeout)


def notify(title: str, message: str, timeout: float) -> bool:
    return _in_child(title, message, ("OK",), "OK", "OK", timeout) is not None


def main(argv: list[str]) -> int:
    title, message, buttons, safe, default, timeout = json.loads(argv[0])
    answer = _window(title, message, tuple(buttons), safe, default, float(timeout))
    if answer is None:
        return NO_DISPLAY
    print(answer, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
