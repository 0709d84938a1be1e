"""Shared helpers for the benchmarks: wall time of commands, interleaved so noise hits both sides alike."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time


def wall(argv: list[str], env: dict | None = None, cwd: str | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def ratio(subject: list[str], baseline: list[str], runs: int = 41, **kwargs) -> tuple[float, float, float]:
    """(median subject s, median baseline s, ratio of medians), runs interleaved after one warm-up each."""
    wall(subject, **kwargs)
    wall(baseline, **kwargs)
    subject_times, baseline_times = [], []
    for _ in range(runs):
        subject_times.append(wall(subject, **kwargs))
        baseline_times.append(wall(baseline, **kwargs))
    s, b = statistics.median(subject_times), statistics.median(baseline_times)
    return s, b, s / b


def machine() -> str:
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()} ({sys.executable})")


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used: the scheduler's nanosecond count on Linux (`/proc/PID/schedstat`: psutil
    reads only the 10 ms ticks of /proc/PID/stat, too coarse for a process that wakes for microseconds), else
    psutil's user + system times."""
    try:
        with open(f"/proc/{pid}/schedstat", encoding="ascii") as handle:
            return int(handle.read().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        import psutil

        times = psutil.Process(pid).cpu_times()
        return times.user + times.system
