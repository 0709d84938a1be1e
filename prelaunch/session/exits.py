"""Waiting for one process to end, without spending CPU while it runs: a pidfd on Linux (5.3+), a kqueue
`NOTE_EXIT` on macOS and the BSDs, else the process table asked every `POLL_S`. Either way the end is seen
at once (or within `POLL_S`), however the process ends, SIGKILL included; a pid reused by another process is
not the one watched."""

from __future__ import annotations

import os
import time

POLL_S = 1.0  # where the system cannot wake us on the exit
_MAX_POLL_MS = 2**31 - 1


class Watch:
    """The end of process `pid`, started at `started` (epoch seconds as `processes.start_time` gives it; None:
    the process that has the pid now, asked only where the process table is what tells the end)."""

    def __init__(self, pid: int, started: float | None = None) -> None:
        self.pid, self.started = pid, started
        self._pidfd: int | None = None
        self._kqueue = None
        self.gone = False
        try:
            self._pidfd = os.pidfd_open(pid)  # type: ignore[attr-defined, unused-ignore]  # Linux 5.3+
            return
        except ProcessLookupError:
            self.gone = True
            return
        except (AttributeError, OSError):
            pass
        try:
            import select

            kqueue = select.kqueue()  # type: ignore[attr-defined, unused-ignore]  # macOS, BSD
        except (AttributeError, OSError):
            self._use_process_table()
            return
        try:
            event = select.kevent(pid, select.KQ_FILTER_PROC,  # type: ignore[attr-defined, unused-ignore]
                                  select.KQ_EV_ADD, select.KQ_NOTE_EXIT)  # type: ignore[attr-defined, unused-ignore]
            kqueue.control([event], 0, 0)
            self._kqueue = kqueue
            return
        except ProcessLookupError:
            kqueue.close()
            self.gone = True
            return
        except OSError:
            kqueue.close()
        self._use_process_table()

    def fall_back(self) -> None:
        """Ask the process table from now on (the system's wait failed)."""
        self.close()
        self._use_process_table()

    def _use_process_table(self) -> None:
        if self.started is None:
            from prelaunch.session import processes

            self.started = processes.start_time(self.pid)
            self.gone = self.started is None

    def wait(self, timeout: float | None) -> bool:
        """True when the process has ended (now or within `timeout` seconds; None: however long it takes),
        False when the time ran out with it still running."""
        if self.gone:
            return True
        if self._pidfd is not None:
            import select

            poller = select.poll()  # type: ignore[attr-defined, unused-ignore]  # a pidfd: Linux
            poller.register(self._pidfd, select.POLLIN)  # type: ignore[attr-defined, unused-ignore]
            self.gone = bool(poller.poll(-1 if timeout is None else min(_MAX_POLL_MS, int(timeout * 1000) + 1)))
        elif self._kqueue is not None:
            self.gone = bool(self._kqueue.control(None, 1, timeout))
        else:
            self.gone = self._poll(timeout)
        return self.gone

    def _poll(self, timeout: float | None) -> bool:
        end = None if timeout is None else time.monotonic() + timeout
        if self._ended():
            return True
        while end is None or (left := end - time.monotonic()) > 0:
            time.sleep(POLL_S if end is None else min(POLL_S, left))
            if self._ended():
                return True
        return False

    def _ended(self) -> bool:
        """Whether the process watched is gone, another under its pid, or ended and not yet reaped."""
        import psutil  # only where nothing else can tell

        from prelaunch.session import processes

        try:
            return (not processes.same_process(self.pid, self.started)
                    or psutil.Process(self.pid).status() == psutil.STATUS_ZOMBIE)
        except psutil.Error:
            return True

    def close(self) -> None:
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None
        if self._kqueue is not None:
            self._kqueue.close()
            self._kqueue = None
