"""Run a dialog program with a hard bound, tied to the process that asked.

The dialog gets the parent-death signal (Linux `prctl(PR_SET_PDEATHSIG)`), so a wrapper killed while its
question is on screen takes the question with it. Past the bound the program is killed and the caller takes
the default answer."""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

from prelaunch.ui.question import Answer, Question

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
GRACE_S = 2.0  # past a dialog's own timeout, for one that hangs
SHOWN = "shown"  # what a dialog child prints once its window is up
NOT_SHOWN = 3  # a dialog child's exit code when it could not show its window


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
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # type: ignore[attr-defined, unused-ignore]  # Linux
        if os.getppid() != parent:  # the asker died between fork and prctl
            os._exit(1)

    return hook


def run(argv: list[str], bound: float, feed: str | None = None, env: dict[str, str] | None = None
        ) -> Outcome | None:
    """The program's exit code and output, or None when it could not start at all. `feed`: its standard input
    (else none); `env`: variables added to this process's environment for it."""
    hook = _die_with_parent(os.getpid()) if sys.platform.startswith("linux") else None
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL if feed is None else subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace",
                                preexec_fn=hook, env=dict(os.environ, **env) if env else None)
    except OSError:
        return None
    try:
        out, err = proc.communicate(feed, timeout=bound)
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


def ask_in_child(module: str, question: Question, timeout: float) -> Answer | None:
    """Ask in a child process (`python -m module REQUEST`, see `serve`): a window toolkit that ends its process
    on an error ends the dialog, not the asker. The child's answer; the default one when it had to be killed
    at the bound; the safe one when it died without an answer once its window was up; None when it never
    showed one."""
    request = json.dumps({"question": question.as_dict(), "timeout": timeout})
    outcome = run([sys.executable, "-m", module, request], timeout + GRACE_S)
    if outcome is None or outcome.code == NOT_SHOWN:
        return None
    if outcome.code is None:
        return Answer(question.default, by_player=False)
    lines = outcome.out.splitlines()
    try:
        reply = json.loads(lines[-1]) if lines else None
    except ValueError:
        reply = None
    if isinstance(reply, dict) and reply.get("choice") in question.choices:
        return Answer(str(reply["choice"]), bool(reply.get("by_player")))
    return Answer(question.safe, by_player=False) if SHOWN in lines else None


def serve(argv: list[str], show: Callable[[Question, float, Callable[[], None]], Answer | None]) -> int:
    """The child's side of `ask_in_child`: `show(question, timeout, shown)` calls `shown()` once its window is
    up and returns the answer, or None when it could not show one."""
    request = json.loads(argv[0])
    answer = show(Question(**request["question"]), float(request["timeout"]), lambda: print(SHOWN, flush=True))
    if answer is None:
        return NOT_SHOWN
    print(json.dumps(answer.as_dict()), flush=True)
    return 0
