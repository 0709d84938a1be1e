"""Processes through psutil, one code path on every OS: a pid plus its start time tells the original from a
reused pid; the process table is read in a background thread so that waiting for it has a bound.

Every scan takes the processes to look at as a parameter (`None`: every process of this machine), so that a
caller, a test above all, can hand it exactly the processes it is about."""

from __future__ import annotations

import os
import threading
import time
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


def name_of(proc: psutil.Process) -> str | None:
    """A process's executable name as the OS keeps it, lower case and without ".exe"; None when it is gone or
    may not be read. Reading it is cheap: on Linux one line of /proc/PID/stat, no lock of the process's memory."""
    try:
        name = (proc.name() or "").lower()
    except (psutil.Error, OSError):
        return None
    return name[:-4] if name.endswith(".exe") else name


def is_java(name: str) -> bool:
    """Whether a process of this name can be a Java runtime, so a game: `java` and `javaw` (every launcher
    starts the game with the JVM's own launcher binary, its own runtime's or the system's), and their renamed
    forms (`java17`, `.java-wrapped`)."""
    return "java" in name


def java_command_lines(processes: Iterable[psutil.Process] | None = None,
                       ) -> Iterator[tuple[int, list[str]] | None]:
    """For each process (default: every process of this machine): (pid, argv) when its name is a Java
    runtime's, else None, after its name alone was read. No other process's command line is read: it is
    slower, it waits on a process stuck in the kernel, and it may hold another program's secrets."""
    for proc in psutil.process_iter() if processes is None else processes:
        name = name_of(proc)
        if name is None or not is_java(name):
            yield None
            continue
        try:
            yield proc.pid, proc.cmdline()
        except (psutil.Error, OSError):
            yield None


class Outcome(Generic[T]):
    """What a Reading gathered by the end of its wait. `looked`: how many items were read (kept or not);
    `complete`: all of them; else `stalled` says whether the reading stopped moving (one read did not come
    back) rather than ran out of time while still moving."""

    def __init__(self, found: list[T], looked: int, complete: bool, stalled: bool) -> None:
        self.found, self.looked, self.complete, self.stalled = found, looked, complete, stalled


class Reading(Generic[T]):
    """What `produce` yields (None: one more item looked at, nothing to keep), gathered in a daemon thread so
    that waiting for it has a bound: the details of a process stuck in the kernel cannot be read until it
    wakes. `result` gives what was gathered by the end of its wait; the thread never keeps the interpreter
    from exiting."""

    def __init__(self, produce: Callable[[], Iterable[T | None]]) -> None:
        self._found: list[T] = []
        self._looked = 0
        self._started = self._moved = time.monotonic()
        self._done = threading.Event()
        thread = threading.Thread(target=self._read, args=(produce,), name="prelaunch-processes", daemon=True)
        try:
            thread.start()
        except RuntimeError:  # no thread to be had: read here and now
            self._read(produce)

    def _read(self, produce: Callable[[], Iterable[T | None]]) -> None:
        try:
            for item in produce():
                if item is not None:
                    self._found.append(item)
                self._looked += 1
                self._moved = time.monotonic()
        except Exception:  # noqa: BLE001 - what was read so far still counts; the launch must go on
            pass
        finally:
            self._done.set()

    def result(self, stall_s: float, limit_s: float) -> Outcome[T]:
        """What was read, after waiting while the reading goes on: at most `limit_s` from its start, and no
        longer than `stall_s` after the last item it read (a read that does not come back)."""
        while not self._done.is_set():
            now = time.monotonic()
            wait = min(self._started + limit_s, self._moved + stall_s) - now
            if wait <= 0 or self._done.wait(wait):
                break
        complete = self._done.is_set()
        stalled = not complete and time.monotonic() - self._moved >= stall_s
        return Outcome(list(self._found), self._looked, complete, stalled)
