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


def _stat_fields(pid: int) -> list[bytes]:
    """The fields of /proc/PID/stat after the command name (which may hold spaces): field 3 comes first."""
    stat = _read_proc_file(f"/proc/{pid}/stat")
    return stat[stat.rindex(b")") + 2:].split()


def start_time(pid: int) -> float | None:
    """When the process started, in epoch seconds (exec keeps it), or None when there is no such process."""
    if sys.platform.startswith("linux"):
        try:
            ticks = int(_stat_fields(pid)[19])  # field 22
            return round(_linux_boot_time() + ticks / os.sysconf("SC_CLK_TCK"), 2)
        except (OSError, ValueError, IndexError):
            return None
    import psutil

    try:
        return round(psutil.Process(pid).create_time(), 2)
    except (psutil.Error, OSError):
        return None


def iter_command_lines():
    """(pid, argv) of every process this user may read, one at a time. Linux reads /proc (importing psutil
    costs more than the whole warm pre-launch check); elsewhere psutil."""
    if sys.platform.startswith("linux"):
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                raw = _read_proc_file(f"/proc/{name}/cmdline")
            except OSError:
                continue
            yield int(name), [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]
        return
    import psutil

    for proc in psutil.process_iter(["cmdline"]):
        yield proc.pid, proc.info["cmdline"] or []


class CommandLines:
    """Every process's command line, read in a background thread so that waiting for it has a bound: the
    command line of a process stuck in the kernel cannot be read until it wakes. `result` gives what was read
    by the end of its wait."""

    def __init__(self, source=iter_command_lines) -> None:
        import _thread  # the threading module costs a warm launch more to import than this read takes

        self._found: list[tuple[int, list[str]]] = []
        self._done = _thread.allocate_lock()
        self._done.acquire()
        try:
            _thread.start_new_thread(self._read, (source,))
        except RuntimeError:  # no thread to be had: read here and now
            self._read(source)

    def _read(self, source) -> None:
        try:
            for item in source():
                self._found.append(item)
        except Exception:  # noqa: BLE001 - what was read so far still counts; the launch must go on
            pass
        finally:
            self._done.release()

    def result(self, wait_s: float) -> tuple[list[tuple[int, list[str]]], bool]:
        """(what was read, whether that is every process), after waiting at most wait_s for the reading."""
        complete = self._done.acquire(timeout=wait_s)
        return list(self._found), complete


_READ_SIZE = 65536


def _read_proc_file(path: str) -> bytes:
    """The whole of a /proc file. Plain descriptor reads: half the cost of open(), which counts when every
    process of a desktop (several hundred) is read before each launch."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = [os.read(fd, _READ_SIZE)]
        while len(chunks[-1]) == _READ_SIZE:  # /proc answers a read in full until the end: short means done
            chunks.append(os.read(fd, _READ_SIZE))
    finally:
        os.close(fd)
    return b"".join(chunks)


def _parent(pid: int) -> int | None:
    if sys.platform.startswith("linux"):
        try:
            return int(_stat_fields(pid)[1])  # field 4
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
