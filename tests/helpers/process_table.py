"""The machine's process table, shared by every test on it, in this run and in any other copy of the suite.

Every test holds it shared (`tests/conftest.py`); a test that fills it with thousands of processes holds it
alone (`alone()`), so that no other test's process scan, which has a deadline of about a second, runs while
that crowd is up. A gate lets a test that waits to be alone go first: while it waits for the running tests to
end, no test starts. POSIX `flock` locks: they are released by the kernel when their process dies.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

_TABLE = Path(tempfile.gettempdir()) / "prelaunch-tests-process-table.lock"
_GATE = Path(tempfile.gettempdir()) / "prelaunch-tests-process-table.gate"
WAIT_S = 600.0  # longest a test waits for its turn (a crowd is up for about 10 s)


def _open(path: Path) -> int:
    """A descriptor of the lock file, read-only: `flock` needs no more, and another user's suite may have made it
    (a sticky /tmp refuses O_CREAT on a file of someone else's)."""
    try:
        return os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)
        os.fchmod(fd, 0o644)  # readable by the other users' suites whatever our umask
        return fd


@contextlib.contextmanager
def _held(path: Path, mode: int, timeout: float) -> Iterator[None]:
    fd = _open(path)
    try:
        end = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > end:
                    raise TimeoutError(f"{path} was not free within {timeout:g} s") from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing the only descriptor releases the lock


def shared(timeout: float = WAIT_S) -> contextlib.AbstractContextManager[None]:
    """The process table shared with the other tests that share it; none holds it alone meanwhile."""
    return _through_the_gate(fcntl.LOCK_SH, timeout)


def alone(timeout: float = WAIT_S) -> contextlib.AbstractContextManager[None]:
    """The process table with no other test of any copy of the suite running; they wait at the gate."""
    return _through_the_gate(fcntl.LOCK_EX, timeout)


@contextlib.contextmanager
def _through_the_gate(mode: int, timeout: float) -> Iterator[None]:
    """The table held in `mode`, taken while holding the gate in the same mode: a test waiting to be alone
    holds the gate, so that no test passes it to share the table until that test has had its turn."""
    with contextlib.ExitStack() as stack:
        with _held(_GATE, mode, timeout):
            stack.enter_context(_held(_TABLE, mode, timeout))
        yield
