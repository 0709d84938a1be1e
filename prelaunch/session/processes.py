"""Processes through psutil, one code path on every OS: a pid plus its start time tells the original from a
reused pid; the process table is read in a background thread so that waiting for it has a bound."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

import psutil

T = TypeVar("T")


def start_time(pid: int) -> float | None:
    """When the process started, in epoch seconds (exec keeps it), or None when there is no such process."""
    try:
        return round(psutil.Process(pid).create_time(), 2)
    except (psutil.Error, OSError, ValueError):
        return None


def same_process(pid: int, started: float | None) -> bool:
    """Whether `pid` still runs and is the very process that started at `started` (not a reused pid)."""
    now = start_time(pid)
    return now is not None and started is not None and abs(now - started) < 1.0


def lineage(pid: int) -> set[int]:
    """The process and all its ancestors."""
    try:
        return {pid, *(parent.pid for parent in psutil.Process(pid).parents())}
    except (psutil.Error, OSError):
        return {pid}


def instance_dir(pid: int) -> str | None:
    """The launcher instance a process belongs to: INST_DIR in its environment, else its working dir."""
    try:
        proc = psutil.Process(pid)
        return os.path.realpath(proc.environ().get("INST_DIR") or proc.cwd())
    except (psutil.Error, OSError):
        return None


def command_lines() -> Iterator[tuple[int, list[str]]]:
    """(pid, argv) of every process this user may read, one at a time (a process that may not be read gives
    an empty argv)."""
    for proc in psutil.process_iter(["cmdline"]):
        yield proc.pid, proc.info["cmdline"] or []


class Reading(Generic[T]):
    """What `produce` yields, gathered in a daemon thread so that waiting for it has a bound: the details of
    a process stuck in the kernel cannot be read until it wakes. `result` gives what was gathered by the end
    of its wait; the thread never keeps the interpreter from exiting."""

    def __init__(self, produce: Callable[[], Iterable[T]]) -> None:
        self._found: list[T] = []
        self._done = threading.Event()
        thread = threading.Thread(target=self._read, args=(produce,), name="prelaunch-processes", daemon=True)
        try:
            thread.start()
        except RuntimeError:  # no thread to be had: read here and now
            self._read(produce)

    def _read(self, produce: Callable[[], Iterable[T]]) -> None:
        try:
            for item in produce():
                self._found.append(item)
        except Exception:  # noqa: BLE001 - what was read so far still counts; the launch must go on
            pass
        finally:
            self._done.set()

    def result(self, wait_s: float) -> tuple[list[T], bool]:
        """(what was read, whether that is all of it), after waiting at most wait_s for the reading."""
        complete = self._done.wait(wait_s)
        return list(self._found), complete
