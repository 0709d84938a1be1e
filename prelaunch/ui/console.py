"""The console fallback: the question goes to stdout (the launcher's console); the default answer applies."""

from __future__ import annotations

from prelaunch.ui.question import Answer, Question

PREFIX = "!![Warning]!"
POPUPS_OFF = 'popups are off ("console" mode)'
NO_POPUP = "no popup could be shown"


def ask(question: Question, printed: bool = False, reason: str = NO_POPUP) -> Answer:
    """`printed`: the findings are already in the console above, so only the decision is said; `reason`: why
    no popup asks."""
    if not printed:
        print(f"{PREFIX}prelaunch: {question.title}")
        for line in "\n".join(part for part in (question.headline, question.body, question.details)
                              if part).splitlines():
            print(f"{PREFIX}  {line}")
    print(f"{PREFIX}prelaunch: {reason}; taking the default answer: {question.default}")
    return Answer(question.default, by_player=False)


def notify(title: str, message: str) -> None:
    print(f"{PREFIX}prelaunch: {title}: {message}")
