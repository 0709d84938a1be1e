"""Fail open: an internal error becomes one clear line (and a log entry without any message text), and a
console that is gone never becomes an error."""

from __future__ import annotations

import os
import re
import sys
import traceback
from typing import TextIO

from prelaunch import paths

# What is never shown as it is: C0, DEL and C1 (Unicode's Cc), the line and paragraph separators (Zl, Zp: Qt
# and Python break lines there), and the bidirectional embeddings, overrides and isolates (UAX #9's explicit
# formatting characters, which reorder what follows them on screen; the implicit marks U+200E, U+200F and
# U+061C reorder nothing and stay). WIDE_CONTROL: those above ASCII, which JSON leaves raw.
_WIDE = r"\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(rf"[\x00-\x1f{_WIDE}]")
WIDE_CONTROL = re.compile(rf"[{_WIDE}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

LAUNCH_PATHS = ("check", "wrap")  # what a launcher runs: an internal error there lets the launch go on

# What an internal error leaves undone, by command (the launch paths say "the launch goes on unchecked").
_AFTERMATH = {
    "doctor": "the diagnosis stopped before its end",
    "status": "the accounts playing now could not be listed",
    "explain": "the text could not be looked up",
    "install": "the install stopped before changing any launcher file",
    "uninstall": "the uninstall stopped before changing any launcher file",
}


def _escape(found: re.Match) -> str:
    character = found.group()
    code = ord(character)
    return _NAMED.get(character) or (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")


def inert_line(text: str) -> str:
    """`text` as one line of plain text, every control character in it shown as its escape (`\\n`, `\\x1b`,
    `\\u202e`); everything else (letters of any script, emoji, a backslash) as it is. Applying it twice changes
    nothing more. What launchers, modpacks and players wrote goes through it on every console (`ui.inert.line`)."""
    return CONTROL.sub(_escape, text)


def is_launch_path(command: str) -> bool:
    return command.split(" ", 1)[0] in LAUNCH_PATHS


def report(command: str, exc: BaseException, aftermath: str = "") -> str:
    """Log where the error happened and return the line to print: what happens next is `aftermath`, else the
    command's own (a launch goes on unchecked).

    Only the exception type and the code locations are kept: an exception's message could quote file
    content, and launcher files hold tokens.
    """
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
    stack = " <- ".join(f"{f.name}@{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in reversed(frames))
    paths.append_log(f"{command}: {type(exc).__name__} at {stack}")
    if is_launch_path(command):
        return (f"!![Warning]!prelaunch: internal error in `{command}` ({type(exc).__name__} at {where}); "
                f"{aftermath or 'the launch goes on unchecked'}.")
    aftermath = aftermath or _AFTERMATH.get(command, "the command stopped")
    return (f"prelaunch: internal error in `{command}` ({type(exc).__name__} at {where}): {aftermath}. "
            f"Where it happened is in {inert_line(paths.log_file())}.")


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
