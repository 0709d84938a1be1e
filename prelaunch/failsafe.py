"""Fail open: an internal error becomes one clear line (and a log entry without any message text)."""

from __future__ import annotations

import time
import traceback

from prelaunch import paths


def report(command: str, exc: BaseException) -> str:
    """Log where the error happened and return the line to print.

    Only the exception type and the code locations are kept: an exception's message could quote file
    content, and launcher files hold tokens.
    """
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
    try:
        log = paths.log_dir()
        log.mkdir(parents=True, exist_ok=True)
        stack = " <- ".join(f"{f.name}@{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in reversed(frames))
        with open(log / "prelaunch.log", "a", encoding="utf-8") as handle:
            handle.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {command}: {type(exc).__name__} at {stack}\n")
    except OSError:
        pass
    return (f"!![Warning]!prelaunch: internal error in `{command}` ({type(exc).__name__} at {where}); "
            "the launch goes on unchecked.")
