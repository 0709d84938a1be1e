import subprocess
import sys
import time

import pytest

from prelaunch.session import processes as procinfo


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_long_command_line_is_read_whole():
    """A modded game's class path is longer than one read of /proc; its account flags come after it."""
    class_path = ":".join(f"/libraries/lib{n:05d}/artifact-{n}.jar" for n in range(3000))
    argv = ["sh", "-c", "sleep 30", "java", "-cp", class_path, "net.minecraft.client.main.Main", "--uuid", "abc"]
    proc = subprocess.Popen(argv)
    try:
        listing, complete = procinfo.CommandLines().result(5)
        assert complete and 65_536 < len(class_path) < 131_072 and dict(listing)[proc.pid] == argv
    finally:
        proc.kill()
        proc.wait()


def test_a_stuck_read_holds_nobody_up():
    """What was read before a process that cannot be read is kept; the wait ends at its bound."""

    def stuck():
        yield 1, ["init"]
        time.sleep(30)  # as a read of a process blocked in the kernel would
        yield 2, ["never"]

    started = time.monotonic()
    listing, complete = procinfo.CommandLines(stuck).result(0.3)
    assert listing == [(1, ["init"])] and not complete
    assert time.monotonic() - started < 1.0


def test_a_failing_read_keeps_what_it_had():
    def failing():
        yield 1, ["init"]
        raise PermissionError("denied")

    assert procinfo.CommandLines(failing).result(5) == ([(1, ["init"])], True)
