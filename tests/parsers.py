"""The launchers' command splitters, as oracles: Qt's own QProcess.splitCommand (PySide6), and faithful
reimplementations of Prism's Commandline::splitArgs and of the Modrinth App's older split(' ')."""

from __future__ import annotations

import shlex


def qprocess_split(command: str) -> list[str]:
    from PySide6.QtCore import QProcess

    return list(QProcess.splitCommand(command))


def prism_split_args(command: str) -> list[str]:
    """Prism's Commandline::splitArgs (9.1): only a space separates; "..." and '...' group; inside quotes a
    backslash escapes the next character and is dropped; outside quotes it is literal."""
    args: list[str] = []
    current, quote, escaped, started = "", None, False, False
    for character in command.strip():
        if escaped:
            current += character
            escaped = False
        elif quote is not None:
            if character == "\\":
                escaped = True
            elif character == quote:
                quote = None
            else:
                current += character
        elif character in "\"'":
            quote, started = character, True
        elif character == " ":
            if current or started:
                args.append(current)
            current, started = "", False
        else:
            current += character
    if current or started:
        args.append(current)
    return args


def modrinth_old_split(command: str) -> list[str]:
    """Modrinth App 0.10.15 and older: split on every single space, no quoting."""
    return command.split(" ")


def modrinth_shlex(command: str) -> list[str]:
    return shlex.split(command)


SPLITTERS = {"QProcess::splitCommand": qprocess_split, "Commandline::splitArgs": prism_split_args,
             "POSIX shlex": modrinth_shlex}
