"""Processes through psutil, with real processes; the bounded read of the process table."""

import os
import subprocess
import sys
import time

import psutil

from prelaunch.session import processes as procinfo
from tests.helpers.launch import java

SLEEPER = "import time; print('ready', flush=True); time.sleep(30)"


def start_sleeper(argv_tail: list[str] | None = None, python: str = sys.executable, **popen) -> subprocess.Popen:
    """A sleeping Python that has finished its exec (its command line and environment are its own)."""
    proc = subprocess.Popen([python, "-c", SLEEPER, *(argv_tail or [])], stdout=subprocess.PIPE, **popen)
    assert proc.stdout.readline() == b"ready\n"
    return proc


def test_a_long_command_line_is_read_whole():
    """A modded game's class path is longer than one page; its account flags come after it."""
    class_path = ":".join(f"/libraries/lib{n:05d}/artifact-{n}.jar" for n in range(3000))
    tail = ["-cp", class_path, "net.minecraft.client.main.Main", "--uuid", "abc"]
    proc = start_sleeper(tail, python=java())
    try:
        listing = list(procinfo.java_command_lines([psutil.Process(proc.pid)]))
        assert 65_536 < len(class_path) and listing == [(proc.pid, [java(), "-c", SLEEPER, *tail])]
    finally:
        proc.kill()
        proc.wait()


def test_only_a_java_runtimes_command_line_is_read():
    """Of any other program only the name is read (None: looked at, nothing to keep); a program that ended
    meanwhile is passed over the same way."""
    tail = ["net.minecraft.client.main.Main", "--uuid", "abc"]
    other, game, gone = start_sleeper(tail), start_sleeper(tail, python=java()), start_sleeper(python=java())
    procs = [psutil.Process(p.pid) for p in (other, game, gone)]
    gone.kill()
    gone.wait()
    try:
        assert list(procinfo.java_command_lines(procs)) == [None, (game.pid, [java(), "-c", SLEEPER, *tail]), None]
    finally:
        for proc in (other, game):
            proc.kill()
            proc.wait()


def test_the_names_of_a_java_runtime():
    assert all(procinfo.is_java(name) for name in ("java", "javaw", "java17", ".java-wrapped"))
    assert not any(procinfo.is_java(name) for name in ("python3", "prismlauncher", "modrinthapp", "jav"))


def test_a_stuck_read_holds_nobody_up():
    """What was read before a process that cannot be read is kept; the wait ends once nothing moved for the
    stall bound, long before the overall limit."""

    def stuck():
        yield 1
        time.sleep(30)  # as a read of a process blocked in the kernel would
        yield 2

    started = time.monotonic()
    outcome = procinfo.Reading(stuck).result(stall_s=0.3, limit_s=20)
    assert time.monotonic() - started < 5
    assert (outcome.found, outcome.looked, outcome.complete, outcome.stalled) == ([1], 1, False, True)


def test_a_reading_that_moves_is_waited_for_past_the_stall_bound():
    """Many items, each read well within the stall bound, all of them taking longer than it: all are read."""

    def steady():
        for n in range(12):
            time.sleep(0.1)
            yield n if n % 3 == 0 else None

    outcome = procinfo.Reading(steady).result(stall_s=0.5, limit_s=20)
    assert (outcome.found, outcome.looked, outcome.complete, outcome.stalled) == ([0, 3, 6, 9], 12, True, False)


def test_a_reading_that_moves_ends_at_the_limit():
    def endless():
        for _ in range(1000):
            time.sleep(0.02)
            yield None

    started = time.monotonic()
    outcome = procinfo.Reading(endless).result(stall_s=5, limit_s=0.4)
    assert 0.4 <= time.monotonic() - started < 4
    assert not outcome.complete and not outcome.stalled and 1 <= outcome.looked <= 20


def test_a_failing_read_keeps_what_it_had():
    def failing():
        yield 1
        raise PermissionError("denied")

    outcome = procinfo.Reading(failing).result(5, 5)
    assert (outcome.found, outcome.looked, outcome.complete) == ([1], 1, True)


def test_identity_of_a_process_and_of_a_reused_pid(tmp_path):
    proc = start_sleeper(cwd=tmp_path, env=dict(os.environ, INST_DIR=""))
    try:
        started = procinfo.start_time(proc.pid)
        assert started == round(psutil.Process(proc.pid).create_time(), 2)
        assert procinfo.same_process(proc.pid, started)
        assert not procinfo.same_process(proc.pid, started - 3600)  # same pid, another process
        assert procinfo.instance_dir(proc.pid) == os.path.realpath(tmp_path)  # no INST_DIR: its working dir
        assert {os.getpid(), os.getppid()} <= procinfo.lineage(os.getpid())
    finally:
        proc.kill()
        proc.wait()
    assert procinfo.start_time(proc.pid) is None and not procinfo.same_process(proc.pid, started)


def test_the_instance_of_a_process_is_its_inst_dir(tmp_path):
    inst = tmp_path / "inst"
    inst.mkdir()
    proc = start_sleeper(cwd=tmp_path, env=dict(os.environ, INST_DIR=str(inst)))
    try:
        assert procinfo.instance_dir(proc.pid) == os.path.realpath(inst)
    finally:
        proc.kill()
        proc.wait()
