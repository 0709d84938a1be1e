"""Run a dialog program with a hard bound: past the timeout it is killed and the caller takes the default."""

from __future__ import annotations

import subprocess

GRACE_S = 5.0  # a dialog's own timeout fires first; this bound is for one that hangs


def run(argv: list[str], timeout: float) -> int | None:
    """The program's exit code, or None when it could not start or had to be killed."""
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    except OSError:
        return None
    try:
        return proc.wait(timeout=timeout + GRACE_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return None


def run_output(argv: list[str], timeout: float) -> tuple[int, str] | None:
    """(exit code, stdout) of a program, or None when it could not start or had to be killed."""
    try:
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=timeout + GRACE_S)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.returncode, proc.stdout
