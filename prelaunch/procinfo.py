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


def command_lines() -> list[tuple[int, list[str]]]:
    """(pid, argv) of every process this user may read. Linux reads /proc (importing psutil costs more than
    the whole warm pre-launch check); elsewhere psutil."""
    if sys.platform.startswith("linux"):
        found = []
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                raw = _read_proc_file(f"/proc/{name}/cmdline")
            except OSError:
                continue
            found.append((int(name), [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]))
        return found
    import psutil

    found = []
    for proc in psutil.process_iter(["cmdline"]):
        found.append((proc.pid, proc.info["cmdline"] or []))
    return found


def _read_proc_file(path: str) -> bytes:
    """The whole of a /proc file. Plain descriptor reads: half the cost of open(), which counts when every
    process of a desktop (several hundred) is read before each launch."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        os.close(fd)


def _parent(pid: int) -> int | None:
    if sys.platform.startswith("linux"):
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                stat = handle.read()
            return int(stat[stat.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            return None
    import psutil

    try:
        return psutil.Process(pid).ppid()
    except (psutil.Error, OSError):
        return None


def lineage(pid: int) -> set[int]:
    """The process and all its ancestors."""
    found = set()
    while pid and pid not in found:
        found.add(pid)
        pid = _parent(pid) or 0
    return found


def instance_dir(pid: int) -> str | None:
    """The launcher instance a process belongs to: INST_DIR in its environment, else its working dir."""
    if sys.platform.startswith("linux"):
        try:
            with open(f"/proc/{pid}/environ", "rb") as handle:
                for entry in handle.read().split(b"\0"):
                    if entry.startswith(b"INST_DIR="):
                        return os.path.realpath(entry[9:].decode("utf-8", "replace"))
            return os.path.realpath(os.readlink(f"/proc/{pid}/cwd"))
        except OSError:
            return None
    import psutil

    try:
        proc = psutil.Process(pid)
        return os.path.realpath(proc.environ().get("INST_DIR") or proc.cwd())
    except (psutil.Error, OSError):
        return None


def same_process(pid: int, started: float | None) -> bool:
    """Whether `pid` still runs and is the very process that started at `started` (not a reused pid)."""
    now = start_time(pid)
    return now is not None and started is not None and abs(now - started) < 1.0
