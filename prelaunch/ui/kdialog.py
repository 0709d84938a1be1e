"""KDE's kdialog. It has no timeout of its own: the bound (exactly the configured timeout) kills it and the
default applies. `--print-winid` prints the window's id as soon as it is up, which tells a dialog that was
shown and then died (the safe answer) from one that never appeared (the next backend is tried). Its left
button is "yes" (exit 0) and has the focus; the right one is "no" (exit 1); Escape answers 2.

Its texts are markup: a question's is shown by a Qt label that takes anything looking like HTML for rich text,
so it is given as rich text with every character escaped (`inert.qt_rich_text`); a notification's goes to the
desktop's notification service as the body (markup) and its title as the summary, or, when there is none, to
two Qt labels that guess as above: both are escaped as notification markup (`inert.markup`), which no reader
takes for anything but text (a reader of plain text shows an `&amp;` as written: rare, and harmless). kdialog
then reads `\\` and `\n` in them as escapes (`Utils::parseString`, KDE kdialog src/utils.cpp:46-75 in
v22.12.3), so every backslash is doubled last."""

from __future__ import annotations

import shutil

from prelaunch.ui import _run, inert

NAME = "kdialog"


def available() -> bool:
    return shutil.which("kdialog") is not None


def _mnemonic(label: str) -> str:
    """Alt + the first letter presses the button."""
    return "&" + label.replace("&", "&&")


def _argument(text: str) -> str:
    """`text` as kdialog reads it back: its own escapes undone, every backslash stays one."""
    return text.replace("\\", "\\\\")


def _shown(outcome: _run.Outcome) -> bool:
    return "winId" in outcome.out


def ask(title: str, message: str, buttons: tuple[str, ...], safe: str, default: str,
        timeout: float) -> str | None:
    """The button pressed; `safe` when the dialog died without an answer; `default` when nobody answered
    within `timeout`; None when no dialog could be shown. `buttons` are in screen order (two of them)."""
    left, right = buttons
    argv = ["kdialog", "--print-winid", "--title", title, "--warningyesno", _argument(inert.qt_rich_text(message)),
            "--yes-label", _mnemonic(left), "--no-label", _mnemonic(right)]
    outcome = _run.run(argv, timeout)
    if outcome is None or not _shown(outcome):
        return None
    if outcome.code is None:
        return default
    return {0: left, 1: right}.get(outcome.code, safe)


def notify(title: str, message: str, timeout: float) -> bool:
    argv = ["kdialog", "--title", inert.markup(title), "--passivepopup", _argument(inert.markup(message)),
            str(max(1, int(timeout)))]
    outcome = _run.run(argv, timeout + _run.GRACE_S)
    return outcome is not None and outcome.code == 0
