"""Fail open: an internal error becomes one clear line (and a log entry without any message text)."""

from __future__ import annotations

import traceback

from prelaunch import paths


def report(command: str, exc: BaseException) -> str:
    """Log where the error happened and return the line to print.

    Only the exception type and the code locations are kept: an exception's message could quote file
    content, and launcher files hold tokens.
    """
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
    stack = " <- ".join(f"{f.name}@{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in reversed(frames))
    paths.append_log(f"{command}: {type(exc).__name__} at {stack}")
    return (f"!![Warning]!prelaunch: internal error in `{command}` ({type(exc).__name__} at {where}); "
            "the launch goes on unchecked.")
