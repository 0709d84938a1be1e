"""The session check on a crowded machine: 20,000 more processes running (a desktop has a few hundred), one
game of the account among them. The scan reads every process's name and only a Java runtime's command line,
and goes on as long as it moves, up to the launch's network deadline: the game is found, and nothing says the
scan was cut short. The deadline is set long here, so that the result does not hang on how busy this machine is
(with 20,000 processes the scan takes about 1-3 s on two shared cores); bench/crowd.py measures it against the
default deadline."""

import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from prelaunch.checks import session
from prelaunch.config import Config
from prelaunch.model import AccountInfo, InstanceInfo, LaunchContext, LauncherInfo
from tests.helpers import process_table
from tests.helpers.crowd import crowd
from tests.helpers.launch import game_argv, wait_for
from tests.helpers.session import OWN_UUID, prism_with_own_steve

CROWD = 20_000
DEADLINE_S = 10


# 20,000 processes are most of Linux's default pid space (32,768), and they slow every other test's process scan
@pytest.mark.fills_the_process_table
def test_another_game_of_the_account_is_found_among_20000_processes(cli, home, tmp_path):
    inst = prism_with_own_steve(home, "V")
    (home / "prelaunch.toml").write_text(f"[network]\nenabled = false\ndeadline = {DEADLINE_S}\n", encoding="utf-8")
    config = Config()
    config.network.deadline = DEADLINE_S
    context = LaunchContext(launcher=LauncherInfo("prism", Path("/d"), "x"),
                            instance=InstanceInfo("w", "Elsewhere", tmp_path / "elsewhere"),
                            account=AccountInfo("Steve", OWN_UUID, "msa", None))
    record = tmp_path / "game.json"
    with pytest.raises(TimeoutError):  # no other test may start meanwhile (the marker)
        with process_table.shared(timeout=0.2):
            pass
    with crowd(CROWD):
        game = subprocess.Popen(game_argv(record, sleep_s=300, uuid=OWN_UUID), cwd=tmp_path)
        try:
            wait_for(record)
            running = len(psutil.pids())
            assert running > CROWD
            started = time.monotonic()
            found = session.run(context, config)  # every process of the machine
            scan_s = time.monotonic() - started
            assert [(f.severity, f.title) for f in found] == [("error", "'Steve' is already playing in another game")]
            assert f"process ID {game.pid}" in found[0].detail
            started = time.monotonic()
            result = cli("check", "--ui", "none", cwd=inst / "minecraft")
            check_s = time.monotonic() - started
            assert result.code == 1, result.out + result.err
            assert "!![Error]!prelaunch: 'Steve' is already playing in another game" in result.out
            assert "Not every running program" not in result.out
            print(f"{running} processes (load {os.getloadavg()[0]:.1f}): scan {scan_s:.2f} s, check {check_s:.2f} s")
        finally:
            game.kill()
            game.wait()


def _members(session_id: int) -> list[int]:
    """The live processes of a session (a crowd is one: its first shell started a new one)."""
    members = []
    for pid in psutil.pids():
        try:
            if os.getsid(pid) == session_id and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                members.append(pid)
        except (OSError, psutil.Error):
            continue
    return members


def test_a_crowd_ends_with_its_block_even_when_the_test_fails():
    try:
        with crowd(600, per=200) as shell:
            assert len(_members(shell.pid)) > 600  # the readers and their shells
            raise AssertionError("the test failed")
    except AssertionError as exc:
        assert str(exc) == "the test failed"
    assert shell.returncode == 0 and _members(shell.pid) == []


def test_a_crowd_ends_when_its_test_process_is_killed(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time; from tests.helpers.crowd import crowd\n"
                               "with crowd(600, per=200) as shell:\n"
                               "    print(shell.pid, flush=True); time.sleep(300)"],
                              stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    session_id = int(holder.stdout.readline())
    assert len(_members(session_id)) > 600
    holder.kill()
    holder.wait()
    end = time.monotonic() + 30
    while _members(session_id) and time.monotonic() < end:
        time.sleep(0.1)
    assert _members(session_id) == []
