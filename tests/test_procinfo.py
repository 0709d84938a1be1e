import subprocess
import sys

import pytest

from prelaunch import procinfo


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_long_command_line_is_read_whole():
    """A modded game's class path is longer than one read of /proc; its account flags come after it."""
    class_path = ":".join(f"/libraries/lib{n:05d}/artifact-{n}.jar" for n in range(3000))
    argv = ["sh", "-c", "sleep 30", "java", "-cp", class_path, "net.minecraft.client.main.Main", "--uuid", "abc"]
    proc = subprocess.Popen(argv)
    try:
        found = dict(procinfo.command_lines())
        assert 65_536 < len(class_path) < 131_072 and found[proc.pid] == argv
    finally:
        proc.kill()
        proc.wait()
