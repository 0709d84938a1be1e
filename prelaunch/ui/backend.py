"""What a popup backend is: a module (or any object) with a `NAME`, `available()`, and `ask` for questions,
`notify` for messages, or both. Each backend module is checked against these by mypy where the registry
(`prelaunch.ui.askers`, `notifiers`) lists it."""

from __future__ import annotations

from typing import Protocol

from prelaunch.ui.question import Answer, Question


class Backend(Protocol):
    NAME: str

    def available(self) -> bool:
        """Whether it can run on this computer now (its program is installed, its module imports)."""
        ...


class Asker(Backend, Protocol):
    def ask(self, question: Question, timeout: float) -> Answer | None:
        """The answer; the default one (by_player False) when nobody answered within `timeout`; the safe one
        when the dialog ended without an answer once it was up; None when no dialog could be shown at all
        (the next backend is tried)."""
        ...


class Notifier(Backend, Protocol):
    def notify(self, title: str, message: str, timeout: float, urgency: str = "normal") -> bool:
        """Whether the message was shown; it blocks no longer than `timeout`."""
        ...
