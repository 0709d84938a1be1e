"""Processes through psutil, with real processes; the bounded read of the process table."""

import os
import subprocess
import sys
import time

import psutil

from prelaunch.session import processes as procinfo

SLEEPER = "import time; print('ready', flush=True); time.sleep(30)"


def start_sleeper(argv_tail: list[str] | None = None, **popen) -> subprocess.Popen:
    """A sleeping Python that has finished its exec (its command line and environment are its own)."""
    proc = subprocess.Popen([sys.executable, "-c", SLEEPER, *(argv_tail or [])], stdout=subprocess.PIPE, **popen)
    assert proc.stdout.readline() == b"ready\n"
    return proc


def test_a_long_command_line_is_read_whole():
    """A modded game's class path is longer than one page; its account flags come after it."""
    class_path = ":".join(f"/libraries/lib{n:05d}/artifact-{n}.jar" for n in range(3000))
    tail = ["-cp", class_path, "net.minecraft.client.main.Main", "--uuid", "abc"]
    argv = [sys.executable, "-c", SLEEPER, *tail]
    proc = start_sleeper(tail)
    try:
        listing, complete = procinfo.Reading(procinfo.command_lines).result(10)
        assert complete and 65_536 < len(class_path) and dict(listing)[proc.pid] == argv
    finally:
        proc.kill()
        proc.wait()


def test_a_stuck_read_holds_nobody_up():
    """What was read before a process that cannot be read is kept; the wait ends at its bound."""

    def stuck():
        yield 1, ["init"]
        time.sleep(30)  # as a read of a process blocked in the kernel would
        yield 2, ["never"]

    listing, complete = procinfo.Reading(stuck).result(0.3)
    assert listing == [(1, ["init"])] and not complete


def test_a_failing_read_keeps_what_it_had():
    def failing():
        yield 1, ["init"]
        raise PermissionError("denied")

    assert procinfo.Reading(failing).result(5) == ([(1, ["init"])], True)


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
