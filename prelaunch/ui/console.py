"""The console fallback: the message goes to stdout (the launcher's console); the default answer applies."""

from __future__ import annotations


def ask(title: str, message: str, choices: tuple[str, ...], default: str, timeout: float) -> str:
    print(f"!![Warning]!prelaunch: {title}")
    for line in message.splitlines():
        print(f"!![Warning]!  {line}")
    print(f"!![Warning]!prelaunch: no popup could be shown; taking the default answer: {default}")
    return default


def notify(title: str, message: str) -> None:
    print(f"!![Warning]!prelaunch: {title}: {message}")
