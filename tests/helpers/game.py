"""A stand-in for the Java game: reads the launch script from stdin until `launch`, records what it read and
its own pid, then sleeps or exits with a chosen code. Its command line looks like a Minecraft one.

usage: game.py RECORD_FILE EXIT_CODE SLEEP_S [net.minecraft.client.main.Main --username N --uuid U ...]
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time


def _target(fd: int) -> str | None:
    """What a descriptor of this process is (a path, `pipe:[…]`), or None when it is closed. Read from /proc by
    hand: psutil's open_files lists regular files only, and the tests need to tell a pipe from a closed one."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None


def main() -> None:
    std = [_target(fd) for fd in (0, 1, 2)]  # before this process opens anything
    record, code, sleep_s = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])

    def on_term(signum, frame):
        with open(record + ".signal", "w") as handle:
            handle.write(str(signum))
        sys.exit(143)

    signal.signal(signal.SIGTERM, on_term)
    script = b""
    if os.environ.get("GAME_READS_STDIN") == "1":
        while True:
            line = sys.stdin.buffer.readline()
            script += line
            if not line or line.strip() == b"launch":
                break
    with open(record, "w") as handle:
        json.dump({"pid": os.getpid(), "ppid": os.getppid(), "stdin": script.hex(), "std": std,
                   "fds": sorted(int(fd) for fd in os.listdir("/proc/self/fd"))}, handle)
    time.sleep(sleep_s)
    sys.exit(code)


if __name__ == "__main__":
    main()
