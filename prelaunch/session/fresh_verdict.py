"""The watchdog's side of a fresh network verdict: the probing process (`python -m prelaunch.checks.verdict`,
which probes exactly as `check` does) started without waiting for it, and its one JSON line read once it has
ended. The probes need `requests`, which would more than double the watchdog's memory, so they never run in the
watchdog itself; the watchdog names the process by its module and imports no check."""

from __future__ import annotations

import json
import math
import sys
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    import subprocess


class Verdict(TypedDict):
    """What the probing process prints: when it probed (epoch seconds), whether the network is fine, and the
    titles of what is wrong."""

    at: float
    ok: bool
    problems: list[str]


CHILD_ARGV = [sys.executable, "-m", "prelaunch.checks.verdict"]
CHILD_WAIT_S = 45.0  # the longest deadline the configuration allows (30 s), the start-up and the judging


def start_child() -> subprocess.Popen[bytes]:
    """The probing process started, not waited for (the watchdog goes on waking up meanwhile): a
    `subprocess.Popen` whose standard output `read()` takes once it has ended."""
    import subprocess

    return subprocess.Popen(CHILD_ARGV, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)


def read(output: bytes) -> Verdict | None:
    """The verdict the probing process printed, or None (none printed, or not a whole verdict)."""
    try:
        printed = json.loads(output.decode("utf-8", "replace").strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None
    if not isinstance(printed, dict):
        return None
    ok, at, problems = printed.get("ok"), printed.get("at"), printed.get("problems")
    if (not isinstance(ok, bool) or isinstance(at, bool) or not isinstance(at, (int, float))
            or not math.isfinite(at) or not isinstance(problems, list)):
        return None
    return {"at": float(at), "ok": ok, "problems": [str(problem) for problem in problems]}
