"""Fail open: an internal error becomes one clear line (and a log entry without any message text), and a
console that is gone never becomes an error."""

from __future__ import annotations

import os
import sys
import traceback
from typing import TextIO

from prelaunch import paths

LAUNCH_PATHS = ("check", "wrap")  # what a launcher runs: an internal error there lets the launch go on

# What an internal error leaves undone, by command (the launch paths say "the launch goes on unchecked").
_AFTERMATH = {
    "doctor": "the diagnosis stopped before its end",
    "status": "the accounts playing now could not be listed",
    "explain": "the text could not be looked up",
    "install": "the install stopped before changing any launcher file",
    "uninstall": "the uninstall stopped before changing any launcher file",
}


def is_launch_path(command: str) -> bool:
    return command.split(" ", 1)[0] in LAUNCH_PATHS


def report(command: str, exc: BaseException) -> str:
    """Log where the error happened and return the line to print.

    Only the exception type and the code locations are kept: an exception's message could quote file
    content, and launcher files hold tokens.
    """
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
    stack = " <- ".join(f"{f.name}@{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in reversed(frames))
    paths.append_log(f"{command}: {type(exc).__name__} at {stack}")
    if is_launch_path(command):
        return (f"!![Warning]!prelaunch: internal error in `{command}` ({type(exc).__name__} at {where}); "
                "the launch goes on unchecked.")
    from prelaunch.ui import inert  # only here: a launch's line names no path

    aftermath = _AFTERMATH.get(command, "the command stopped")
    return (f"prelaunch: internal error in `{command}` ({type(exc).__name__} at {where}): {aftermath}. "
            f"Where it happened is in {inert.line(paths.log_file())}.")


def say(text: str, stream: TextIO | None = None) -> None:
    """Print `text` and a newline to `stream` (stdout by default), at once. A stream that is gone (a closed
    pipe: `prelaunch status | head -1`, a closed descriptor) is not an error: it is silenced, and what is
    still to print goes nowhere."""
    stream = sys.stdout if stream is None else stream
    if stream is None:  # pythonw (Windows) has no console streams at all
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):  # ValueError: the stream was closed
        silence(stream)


def tolerate_unshowable(errors: str) -> None:
    """Let stdout and stderr write characters their console cannot show (`errors`: "replace" or
    "backslashreplace") instead of raising: an instance name on a cp1252 console must not cost a line."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # none: no stream (pythonw), or not a text stream
        try:
            if reconfigure is not None:
                reconfigure(errors=errors)
        except (AttributeError, OSError, ValueError):
            pass


def silence(stream: TextIO) -> None:
    """Send later output meant for `stream` (sys.stdout or sys.stderr) nowhere. The descriptor stays as it
    is, so a command started afterwards (`check --then`) gets the stdio the launcher gave."""
    sink = open(os.devnull, "w", encoding="utf-8")  # lives as long as the process
    if stream is sys.stdout:
        sys.stdout = sink
    elif stream is sys.stderr:
        sys.stderr = sink


def flush_all() -> None:
    """Flush stdout and stderr; one that is gone is silenced (see `say`)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            silence(stream)
