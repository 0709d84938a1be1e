"""Finding the processes a test started: the watchdog of one game, never another user's or another test's."""

from __future__ import annotations

import json
import time

import psutil


def watchdogs_of(game_pid: int) -> list[psutil.Process]:
    """The watchdogs started for the game with this pid (their one argument names it)."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        argv = proc.info["cmdline"] or []
        if len(argv) == 4 and argv[1:3] == ["-m", "prelaunch.session.watchdog"]:
            try:
                if json.loads(argv[3])["pid"] == game_pid:
                    found.append(proc)
            except (ValueError, KeyError, TypeError):
                continue
    return found


def wait_until(predicate, timeout: float = 20, step: float = 0.05) -> bool:
    """Whether `predicate()` came true within `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())
