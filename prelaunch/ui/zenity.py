"""GNOME's zenity (also on most other Linux desktops): a question with our own buttons, a timeout, and the
details in a second, scrolling window.

The question is zenity's own: OK is "Launch anyway", Cancel is "Cancel", GTK puts Cancel left of OK, and
`--default-cancel` gives Cancel the focus for an error (else OK has it), so Enter presses what the timeout
picks. "Details" and "Don't warn…" are `--extra-button`s, which print their label. OK exits with the code
`ZENITY_OK` in its environment says (zenity reads ZENITY_OK, DIALOG_OK for it: src/util.c
`zenity_util_return_exit_code`), because a window destroyed from outside also exits 0, with no output: only
that code is "Launch anyway". Escape and Cancel exit 1, the timeout 5; every way of ending without an answer,
once the dialog was up, is the safe answer. Only a zenity that could not show anything (no display, an option
it lacks) lets the caller try the next backend."""

from __future__ import annotations

import math
import shutil
import time

from prelaunch.ui import _run
from prelaunch.ui.question import BACK, CANCEL, DETAILS, LAUNCH, Answer, Question, marked, unmarked

NAME = "zenity"
WIDTH_PX = 480  # a notice's text; a question's wraps at zenity's own 60 characters (src/msg.c)
DETAILS_SIZE_PX = (600, 420)  # the details window: fits a 1024x600 screen with its buttons
OK_CODE = 42
_TIMED_OUT = 5
_NOT_SHOWN = ("cannot open display", "Unknown option", "unknown option")


def available() -> bool:
    return shutil.which("zenity") is not None


def _shown(outcome: _run.Outcome) -> bool:
    """False when zenity ended before showing anything."""
    if outcome.code in (255, -1):
        return False
    return bool(outcome.out.strip()) or not any(sign in outcome.err for sign in _NOT_SHOWN)


def _pressed(outcome: _run.Outcome) -> str:
    """The extra button's label zenity printed, if any."""
    lines = outcome.out.strip().splitlines()
    return unmarked(lines[-1], "_") if lines else ""


def _seconds(timeout: float) -> str:
    return f"--timeout={max(1, math.ceil(timeout))}"


def _question(question: Question, timeout: float) -> Answer | None:
    argv = ["zenity", "--question", "--no-markup", f"--title={question.title}",
            f"--text={question.text(timeout)}", _seconds(timeout), f"--ok-label={marked(LAUNCH, '_')}",
            f"--cancel-label={marked(CANCEL, '_')}"]
    argv += [f"--extra-button={marked(label, '_')}" for label in (DETAILS, question.silence) if label]
    if question.default == CANCEL:
        argv.append("--default-cancel")
    outcome = _run.run(argv, timeout + _run.GRACE_S, env={"ZENITY_OK": str(OK_CODE)})
    if outcome is None or not _shown(outcome):
        return None
    if outcome.code == OK_CODE:
        return Answer(LAUNCH)
    pressed = _pressed(outcome)
    if pressed in (DETAILS, question.silence) and pressed:
        return Answer(pressed)
    if outcome.code in (_TIMED_OUT, None):  # its own timeout, or killed at the bound: nobody answered
        return Answer(question.default, by_player=False)
    return Answer(question.safe)


def _details(question: Question, timeout: float) -> Answer | None:
    """The details in a scrolling window: Back (Enter) returns to the question, Cancel or Escape cancel."""
    width, height = DETAILS_SIZE_PX
    argv = ["zenity", "--text-info", f"--title={question.title}", f"--width={width}", f"--height={height}",
            _seconds(timeout), f"--ok-label={BACK}", f"--cancel-label={CANCEL}"]  # these buttons take no "_"
    outcome = _run.run(argv, timeout + _run.GRACE_S, feed=question.details, env={"ZENITY_OK": str(OK_CODE)})
    if outcome is None or not _shown(outcome):
        return None
    if outcome.code == OK_CODE:
        return Answer(BACK)
    if outcome.code in (_TIMED_OUT, None):
        return Answer(question.default, by_player=False)
    return Answer(question.safe)


def ask(question: Question, timeout: float) -> Answer | None:
    """The question, and its details as often as the player asks for them, within `timeout` in all."""
    end = time.monotonic() + timeout
    left = timeout
    while True:
        answer = _question(question, left)
        if answer is None or answer.choice != DETAILS:
            return answer
        shown = _details(question, end - time.monotonic()) if end - time.monotonic() >= 1 else None
        if shown is not None and shown.choice != BACK:
            return shown
        left = end - time.monotonic()
        if left < 1:  # the time ran out while the details were read
            return Answer(question.default, by_player=False)


def notify(title: str, message: str, timeout: float, urgency: str = "normal") -> bool:
    """A window of its own (zenity has no notification that ends by itself); `urgency` changes nothing."""
    argv = ["zenity", "--warning", "--no-markup", f"--width={WIDTH_PX}", f"--title={title}", f"--text={message}",
            _seconds(timeout)]
    outcome = _run.run(argv, timeout + _run.GRACE_S)
    return outcome is not None and _shown(outcome)
