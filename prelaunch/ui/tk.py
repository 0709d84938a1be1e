"""Tk from the standard library: a small window kept above the others, with a timeout."""

from __future__ import annotations

NAME = "tk"


def available() -> bool:
    try:
        import tkinter  # noqa: F401
    except ImportError:
        return False
    return True


def _window(title: str, message: str, buttons: tuple[str, ...], default: str, timeout: float) -> str | None:
    import tkinter

    root = tkinter.Tk()  # raises TclError without a display: the caller falls through
    answer = {"value": default}
    root.title(title)
    root.attributes("-topmost", True)
    root.resizable(False, False)
    frame = tkinter.Frame(root, padx=16, pady=12)
    frame.pack(fill="both", expand=True)
    tkinter.Label(frame, text=message, justify="left", anchor="w", wraplength=520).pack(fill="x")
    row = tkinter.Frame(frame, pady=10)
    row.pack(anchor="e")

    def choose(value: str) -> None:
        answer["value"] = value
        root.destroy()

    for label in buttons:
        button = tkinter.Button(row, text=label, command=lambda value=label: choose(value), underline=0,
                                default="active" if label == default else "normal")
        button.pack(side="left", padx=4)
        root.bind(f"<Alt-KeyPress-{label[0].lower()}>", lambda _event, value=label: choose(value))
        if label == default:
            button.focus_set()
    root.bind("<Return>", lambda event: event.widget.invoke() if isinstance(event.widget, tkinter.Button)
              else choose(default))
    root.bind("<Escape>", lambda _event: choose(buttons[-1]))
    root.protocol("WM_DELETE_WINDOW", lambda: choose(buttons[-1]))
    root.after(max(1, int(timeout * 1000)), lambda: choose(default))
    root.lift()
    root.focus_force()
    root.mainloop()
    return answer["value"]


def ask(title: str, message: str, choices: tuple[str, ...], default: str, timeout: float) -> str | None:
    return _window(title, message, choices, default, timeout)


def notify(title: str, message: str, timeout: float) -> bool:
    _window(title, message, ("OK",), "OK", timeout)
    return True
