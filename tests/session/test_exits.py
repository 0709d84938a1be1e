"""Waiting for a process's end with real processes: the pidfd (Linux), the process-table fallback (forced by
taking the pidfd away), and the macOS kqueue calls (faked: they cannot run here)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time

import pytest

from prelaunch.session import exits, processes


def orphan(seconds: float) -> int:
    """A `sleep` that is not our child (its shell ended), so that its end is its end, with nobody to reap."""
    shell = subprocess.run(["/bin/sh", "-c", f"sleep {seconds} </dev/null >/dev/null 2>&1 & echo $!"],
                           capture_output=True, text=True, check=True)
    return int(shell.stdout)


def no_pidfd(monkeypatch) -> None:
    """A system without pidfds (Linux before 5.3): the process table is asked."""
    def refuse(pid: int) -> int:
        raise OSError(errno.ENOSYS, "no pidfd here")

    monkeypatch.setattr(os, "pidfd_open", refuse)


@pytest.fixture(params=["pidfd", "process table"])
def how(request, monkeypatch):
    if request.param == "process table":
        no_pidfd(monkeypatch)
    return request.param


def test_the_end_is_seen_when_it_comes(how):
    pid = orphan(1.5)
    watch = exits.Watch(pid, processes.start_time(pid))
    try:
        assert (watch._pidfd is not None) == (how == "pidfd")
        assert watch.wait(0.2) is False
        started = time.monotonic()
        assert watch.wait(30) is True
        late = time.monotonic() - started
        assert late < 1.5 + (0.2 if how == "pidfd" else exits.POLL_S + 0.3)
        assert watch.wait(0) is True
    finally:
        watch.close()


def test_a_process_already_gone_is_gone(how):
    pid = orphan(0)
    assert exits.Watch(pid, None).wait(5) is True  # psutil or the pidfd: no such process any more


def test_a_reused_pid_is_not_the_process_watched(monkeypatch):
    """Another process under the pid watched (another start time): for the process table, the one watched has
    ended (a pidfd names the process itself, not its number)."""
    no_pidfd(monkeypatch)
    pid = orphan(5)
    try:
        assert exits.Watch(pid, processes.start_time(pid) - 100).wait(2) is True
    finally:
        os.kill(pid, 9)


def test_watched_by_pid_alone_the_process_that_has_it_now_is_the_one_watched(monkeypatch):
    """The watchdog watches its game by pid alone (`Watch(pid)`): where the process table tells the end, the
    watch takes the start time of the process that has the pid as it starts, so that process running is no
    end, and its end is."""
    no_pidfd(monkeypatch)
    pid = orphan(2)
    watch = exits.Watch(pid)
    assert watch.wait(0.3) is False
    assert watch.wait(30) is True


class FakeKqueue:
    """macOS's kqueue as the watch uses it: one registration, then waits that report the exit."""

    def __init__(self, ends_after: int):
        self.registered, self.waits, self.ends_after, self.closed = [], [], ends_after, False

    def control(self, changes, max_events, timeout=None):
        if changes:
            self.registered.extend(changes)
            return []
        self.waits.append(timeout)
        return ["exit"] if len(self.waits) >= self.ends_after else []

    def close(self):
        self.closed = True


class FakeSelect:
    KQ_FILTER_PROC, KQ_EV_ADD, KQ_NOTE_EXIT = -5, 1, 0x80000000

    def __init__(self, kqueue: FakeKqueue):
        self._kqueue = kqueue

    def kqueue(self):
        return self._kqueue

    @staticmethod
    def kevent(ident, filter, flags, fflags):  # noqa: A002 - select.kevent's own names
        return (ident, filter, flags, fflags)


def test_on_macos_the_kqueue_reports_the_exit(monkeypatch):
    kqueue = FakeKqueue(ends_after=2)
    monkeypatch.delattr(os, "pidfd_open")
    monkeypatch.setitem(sys.modules, "select", FakeSelect(kqueue))
    watch = exits.Watch(4242, 1.0)
    assert kqueue.registered == [(4242, FakeSelect.KQ_FILTER_PROC, FakeSelect.KQ_EV_ADD, FakeSelect.KQ_NOTE_EXIT)]
    assert watch.wait(15) is False and watch.wait(None) is True
    assert kqueue.waits == [15, None]
    watch.close()
    assert kqueue.closed
