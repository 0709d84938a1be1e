"""KDE's kdialog: a warning with our own buttons, the details behind its own "Details" expander (kdialog 19.12
and newer show a message box's second argument there; older ones leave it out), and no timeout of its own:
the bound (exactly the configured timeout) kills it and the default applies. `--print-winid` prints the
window's id as soon as it is up, which tells a dialog that was shown and then died (the safe answer) from one
that never appeared (the next backend is tried).

Its left button is "yes" (exit 0) and has the focus, so the default answer goes there: "Launch anyway" for a
warning, "Cancel" for an error; the next one, "no", exits 1. Escape and closing the window answer 2, which is
the third button of `--warningyesnocancel` (Cancel, when "Don't warn…" is offered as "no") or no button at all.

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
from prelaunch.ui.question import CANCEL, LAUNCH, Answer, Question, marked

NAME = "kdialog"


def available() -> bool:
    return shutil.which("kdialog") is not None


def _argument(text: str) -> str:
    """`text` as kdialog reads it back: its own escapes undone, every backslash stays one."""
    return text.replace("\\", "\\\\")


def _shown(outcome: _run.Outcome) -> bool:
    return "winId" in outcome.out


def _buttons(question: Question) -> tuple[str, list[str]]:
    """(the message box kind, its buttons left to right: yes, no and maybe cancel)."""
    if question.default == CANCEL:
        return "--warningyesno", [CANCEL, LAUNCH]
    if question.silence:
        return "--warningyesnocancel", [LAUNCH, question.silence, CANCEL]
    return "--warningyesno", [LAUNCH, CANCEL]


def ask(question: Question, timeout: float) -> Answer | None:
    kind, buttons = _buttons(question)
    text = inert.qt_rich_text(question.below_headline(timeout), question.headline)
    argv = ["kdialog", "--print-winid", "--title", question.title, kind, _argument(text)]
    for option, label in zip(("--yes-label", "--no-label", "--cancel-label"), buttons):
        argv += [option, marked(label, "&")]
    if question.details:
        argv += ["--", _argument(inert.qt_rich_text(question.details))]
    outcome = _run.run(argv, timeout)
    if outcome is None or not _shown(outcome):
        return None
    if outcome.code is None:
        return Answer(question.default, by_player=False)
    if outcome.code in (0, 1) or (outcome.code == 2 and len(buttons) == 3):
        return Answer(buttons[outcome.code])
    return Answer(question.safe)


def notify(title: str, message: str, timeout: float, urgency: str = "normal") -> bool:
    """A passive popup (through the notification service when there is one); it goes away by itself whatever
    the `urgency`."""
    argv = ["kdialog", "--title", inert.markup(title), "--passivepopup", _argument(inert.markup(message)),
            str(max(1, int(timeout)))]
    outcome = _run.run(argv, timeout + _run.GRACE_S)
    return outcome is not None and outcome.code == 0
