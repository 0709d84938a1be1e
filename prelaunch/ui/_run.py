"""Run a dialog program with a hard bound, tied to the process that asked.

The dialog gets the parent-death signal (Linux `prctl(PR_SET_PDEATHSIG)`), so a wrapper killed while its
question is on screen takes the question with it. Past the bound the program is killed and the caller takes
the default answer."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from dataclasses import dataclass

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
GRACE_S = 2.0  # past a dialog's own timeout, for one that hangs


@dataclass(frozen=True)
class Outcome:
    """How a dialog program ended: `code` is None when it had to be killed at the bound."""

    code: int | None
    out: str
    err: str


def _die_with_parent(parent: int):
    """A pre-exec hook: the child gets SIGKILL when `parent` dies (and exits at once if it already has)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)

    def hook() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the asker died between fork and prctl
            os._exit(1)

    return hook


def run(argv: list[str], bound: float) -> Outcome | None:
    """The program's exit code and output, or None when it could not start at all."""
    hook = _die_with_parent(os.getpid()) if sys.platform.startswith("linux") else None
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, errors="replace", preexec_fn=hook)
    except OSError:
        return None
    try:
        out, err = proc.communicate(timeout=bound)
        return Outcome(proc.returncode, out, err)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        return Outcome(None, out, err)


def run_output(argv: list[str], timeout: float) -> tuple[int, str] | None:
    """(exit code, stdout) of a program, or None when it could not start or had to be killed."""
    outcome = run(argv, timeout)
    if outcome is None or outcome.code is None:
        return None
    return outcome.code, outcome.out
