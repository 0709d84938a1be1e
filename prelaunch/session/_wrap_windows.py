"""The wrapper on Windows: there is no exec, so the wrapper starts the game with inherited handles inside a
job object that kills it when the wrapper dies (the launcher's Kill hits only its direct child), waits, and
exits with the game's code. The wrapper keeps the account's lock for that time (its descriptor is not inherited,
so nothing the game starts holds it); the watchdog is a thread here (`_Watcher`), with the POSIX watchdog's
notice and duties, reading the wall clock every `[session] wake_seconds` at most as it does.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable

from prelaunch import failsafe

if TYPE_CHECKING:
    from prelaunch.config import Config
    from prelaunch.session.duties import Duties
    from prelaunch.session.orders import Orders
    from prelaunch.session.wrapper import Launch

JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS = 9
JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000
END_WAIT_S = 2.0  # for the watcher's thread at the game's end (it may be showing a notice); then the duties end


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
        if kernel32 is None and sys.platform == "win32":
            kernel32 = ctypes.windll.kernel32
        self.kernel32 = kernel32

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


def run(command: list[str], fd: int | None, launch: Launch | None, config: Config, api: Win32 | None = None,
        popen: Callable[..., Any] = subprocess.Popen, fixes: Sequence[str] = ()) -> int:
    """Start the game in a kill-on-close job, wait for it holding the lock's descriptor `fd`, and return its
    exit code. `launch` (None: not known) is whose game it is, for the expiry timer, whose notice gives `fixes`
    (the pre-launch check's own for this launcher)."""
    job = _kill_on_close_job(api)
    watcher = _Watcher.planned(launch, config, fixes)  # before the game starts: the sign-in and its log as they were
    try:
        game = popen(command)  # stdin, stdout and stderr are inherited as they are
    except OSError as exc:
        from prelaunch.ui import inert

        failsafe.say(f"!![Error]!prelaunch: cannot start '{inert.line(command[0])}': {exc.strerror or exc}")
        return 127
    if job is not None:
        try:
            job[0].assign(job[1], int(game._handle))
        except (OSError, AttributeError) as exc:
            failsafe.say(f"!![Warning]!prelaunch: the game is not in the job object ({exc}).")
    if watcher is not None:
        watcher.start(game.pid)
    try:
        return game.wait()
    finally:
        if watcher is not None:
            watcher.end()
        if fd is not None:
            os.close(fd)


def _kill_on_close_job(api: Win32 | None) -> tuple[Win32, int] | None:
    """(the calls, a job that kills the game when the wrapper dies), or None, having said so, when there is none."""
    try:
        api = api or Win32()
        return api, api.kill_on_close_job()
    except OSError as exc:
        failsafe.say(f"!![Warning]!prelaunch: no job object ({exc}); a Kill from the launcher may leave the game "
                     "running.")
        return None


class _Watcher:
    """The watchdog of this path: a thread in the wrapper, which waits on the game anyway. It does what the POSIX
    watchdog does (`watchdog.watch_game`): the expiry notice, and the duties (`duties.Duties`: the renewal watch,
    the game's record, the lease, the network verdict) at each wake-up; at the game's end it stops without a
    word and the duties end (the lease released, the record kept)."""

    def __init__(self, orders: Orders, duties: Duties) -> None:
        self.orders, self.duties = orders, duties
        self.game_over = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def planned(cls, launch: Launch | None, config: Config, fixes: Sequence[str]) -> _Watcher | None:
        """The watcher of this launch's game; None when there is no account to watch, or it could not be made
        (the game matters more: it starts all the same)."""
        if launch is None or not launch.uuid:
            return None
        from prelaunch.session import orders, watchdog

        try:
            notice = watchdog.planned(launch, config, list(fixes))
        except Exception as exc:  # noqa: BLE001
            failsafe.say(f"!![Warning]!prelaunch: no sign-in expiry notice while playing: it could not be planned "
                         f"({type(exc).__name__}).")
            notice = None
        try:
            from prelaunch.session.duties import Duties

            told = watchdog.orders_for(notice, orders.ui_settings(config), orders.for_watchdog(launch, config))
            return cls(told, Duties(told, config.session.wake_seconds))
        except Exception as exc:  # noqa: BLE001
            failsafe.say(failsafe.report("wrap (watchdog)", exc))
            return None

    def start(self, pid: int) -> None:
        """Watch the game with this pid from now on; a thread that cannot start loses the watch, not the game."""
        thread = threading.Thread(target=self._run, args=(pid,), name="prelaunch-watchdog", daemon=True)
        try:
            thread.start()
        except RuntimeError as exc:
            failsafe.say(failsafe.report("wrap (watchdog)", exc))
            return
        self._thread = thread

    def _run(self, pid: int) -> None:
        from prelaunch.session import watchdog

        try:
            self.duties.start()
            watchdog.watch_game(self.game_over.wait, pid, self.orders, self.duties)
        except Exception:  # noqa: BLE001 - the notice and the duties are lost, never the game
            pass

    def end(self) -> None:
        """The game has ended: the thread stops (within `END_WAIT_S`: it may be showing a notice), then the
        duties end. Never raises: the game's exit code is the wrapper's."""
        self.game_over.set()
        try:
            if self._thread is not None:
                self._thread.join(END_WAIT_S)
            self.duties.end()
        except Exception as exc:  # noqa: BLE001
            failsafe.say(failsafe.report("wrap (watchdog)", exc))
