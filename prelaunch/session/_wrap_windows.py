"""The wrapper on Windows: there is no exec, so the wrapper starts the game with inherited handles inside a
job object that kills it when the wrapper dies (the launcher's Kill hits only its direct child), waits, and
exits with the game's code. The wrapper keeps the account's lock for that time; the watchdog is a timer here.
"""

from __future__ import annotations

import ctypes
import subprocess
import threading
import time
from typing import Any, Callable

JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS = 9
JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000


class _IoCounters(ctypes.Structure):
    _fields_ = [(name, ctypes.c_ulonglong) for name in (
        "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
        "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]


class _BasicLimits(ctypes.Structure):
    _fields_ = [("PerProcessUserTimeLimit", ctypes.c_longlong), ("PerJobUserTimeLimit", ctypes.c_longlong),
                ("LimitFlags", ctypes.c_uint32), ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", ctypes.c_uint32),
                ("Affinity", ctypes.c_size_t), ("PriorityClass", ctypes.c_uint32),
                ("SchedulingClass", ctypes.c_uint32)]


class ExtendedLimits(ctypes.Structure):
    _fields_ = [("BasicLimitInformation", _BasicLimits), ("IoInfo", _IoCounters),
                ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]


class Win32:
    """The three kernel32 calls this path needs; tests hand in a fake kernel32."""

    def __init__(self, kernel32: Any = None) -> None:
        self.kernel32 = kernel32 if kernel32 is not None else ctypes.windll.kernel32  # type: ignore[attr-defined]

    def kill_on_close_job(self) -> int:
        job = self.kernel32.CreateJobObjectW(None, None)
        if not job:
            raise OSError("CreateJobObjectW failed")
        limits = ExtendedLimits()
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
        if not self.kernel32.SetInformationJobObject(job, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS,
                                                     ctypes.byref(limits), ctypes.sizeof(limits)):
            raise OSError("SetInformationJobObject failed")
        return job

    def assign(self, job: int, process_handle: int) -> None:
        if not self.kernel32.AssignProcessToJobObject(job, process_handle):
            raise OSError("AssignProcessToJobObject failed")


def run(command: list[str], deadline: float | None, account: str, config: Any,
        api: Win32 | None = None, popen: Callable[..., Any] = subprocess.Popen) -> int:
    """Start the game in a kill-on-close job, wait for it, and return its exit code."""
    try:
        api = api or Win32()
        job = api.kill_on_close_job()
    except OSError as exc:
        print(f"!![Warning]!prelaunch: no job object ({exc}); a Kill from the launcher may leave the game running.",
              flush=True)
        job = None
    try:
        game = popen(command)  # stdin, stdout and stderr are inherited as they are
    except OSError as exc:
        print(f"!![Error]!prelaunch: cannot start {command[0]}: {exc.strerror or exc}", flush=True)
        return 127
    if job is not None:
        try:
            api.assign(job, int(game._handle))
        except (OSError, AttributeError) as exc:
            print(f"!![Warning]!prelaunch: the game is not in the job object ({exc}).", flush=True)
    timer = None
    if deadline is not None and config is not None:
        timer = threading.Timer(max(0.0, deadline - time.time()), _notify_expired, (account, deadline, config))
        timer.daemon = True
        timer.start()
    try:
        return game.wait()
    finally:
        if timer is not None:
            timer.cancel()


def _notify_expired(account: str, deadline: float, config: Any) -> None:
    from prelaunch import ui
    from prelaunch.session import watchdog

    ui.notify(*watchdog.message(account, deadline), mode=config.ui.mode, timeout=config.ui.timeout,
              backend_name=config.ui.backend)
