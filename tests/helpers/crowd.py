"""Many real processes at once, cheaply: shells forked from one small shell, each blocked reading a pipe
that only this test process holds open. About 120 KiB of memory each (20,000: about 2.4 GB, made in a few
seconds). They end when the pipe closes: at the end of the `with` block, whatever happened in it, and also
when this process dies, since the kernel then closes the pipe."""

from __future__ import annotations

import contextlib
import os
import select
import subprocess
import time
from collections.abc import Iterator

# Each shell of the first level forks `per` readers, so no shell keeps a long table of children.
_SCRIPT = r'''
exec 3<&0 0</dev/null
group() { i=0; while [ $i -lt "$1" ]; do { read x <&3; } & i=$((i+1)); done; echo up; wait; }
left=$1
while [ "$left" -gt 0 ]; do
  k=$2; [ "$left" -lt "$k" ] && k=$left
  group "$k" &
  left=$((left-k))
done
exec 3<&-
wait
'''


@contextlib.contextmanager
def crowd(count: int, per: int = 250, timeout: float = 120) -> Iterator[subprocess.Popen]:
    """`count` more processes for the life of the block (the shell that started them is yielded); all of
    them ended and reaped when it ends."""
    read_end, write_end = os.pipe()
    shell = subprocess.Popen(["/bin/sh", "-c", _SCRIPT, "crowd", str(count), str(per)], stdin=read_end,
                             stdout=subprocess.PIPE, bufsize=0, start_new_session=True)
    os.close(read_end)
    try:
        _wait_until_up(shell, -(-count // per), timeout)
        yield shell
    finally:
        os.close(write_end)  # every reader reads its end of file and exits; each shell reaps its own
        shell.stdout.close()
        shell.wait(timeout)


def _wait_until_up(shell: subprocess.Popen, groups: int, timeout: float) -> None:
    """Until each group's shell said it forked all its readers."""
    end = time.monotonic() + timeout
    said = b""
    while said.count(b"up\n") < groups:
        ready, _, _ = select.select([shell.stdout], [], [], max(0.0, end - time.monotonic()))
        chunk = os.read(shell.stdout.fileno(), 65536) if ready else b""
        if not chunk:
            raise AssertionError(f"{said.count(b'up')} of {groups} groups of processes started within {timeout:g} s")
        said += chunk
