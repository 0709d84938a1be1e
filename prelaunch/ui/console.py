"""The console fallback: the message goes to stdout (the launcher's console); the default answer applies."""

from __future__ import annotations

PREFIX = "!![Warning]!"


def ask(title: str, message: str, choices: tuple[str, ...], default: str, timeout: float,
        printed: bool = False) -> str:
    """`printed`: the findings are already in the console above, so only the decision is said."""
    if not printed:
        print(f"{PREFIX}prelaunch: {title}")
        for line in message.splitlines():
            print(f"{PREFIX}  {line}")
    print(f"{PREFIX}prelaunch: no popup could be shown; taking the default answer: {default}")
    return default


def notify(title: str, message: str) -> None:
    print(f"{PREFIX}prelaunch: {title}: {message}")
