"""Process identity without heavy imports: a pid plus its start time tells the original from a reused pid."""

from __future__ import annotations

import os
import sys


def _linux_boot_time() -> float:
    with open("/proc/stat", "rb") as handle:
        for line in handle:
            if line.startswith(b"btime "):
                return float(line.split()[1])
    raise OSError("no btime in /proc/stat")


def start_time(pid: int) -> float | None:
    """When the process started, in epoch seconds (exec keeps it), or None when there is no such process."""
    if sys.platform.startswith("linux"):
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                stat = handle.read()
            ticks = int(stat[stat.rindex(b")") + 2:].split()[19])  # field 22, counted after the comm field
            return round(_linux_boot_time() + ticks / os.sysconf("SC_CLK_TCK"), 2)
        except (OSError, ValueError, IndexError):
            return None
    import psutil

    try:
        return round(psutil.Process(pid).create_time(), 2)
    except (psutil.Error, OSError):
        return None


def same_process(pid: int, started: float | None) -> bool:
    """Whether `pid` still runs and is the very process that started at `started` (not a reused pid)."""
    now = start_time(pid)
    return now is not None and started is not None and abs(now - started) < 1.0
