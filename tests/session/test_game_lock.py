"""The lock belongs to the game, not to what outlives it: real `prelaunch wrap` processes, a real player's
wrapper that leaves a helper behind, the launcher's Kill (SIGKILL to the pid it started), and the one watchdog
process that holds the lock while the game runs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from prelaunch.session import lock
from tests.helpers.builders import mint_jwt
from tests.helpers.launch import GAME, LAUNCH_SCRIPT, game_argv, start_wrap, wait_for, write_config
from tests.helpers.session import OWN_UUID, open_paths, prism_with_own_steve, wait_until, watchdogs_of

RELEASE_S = 1.0  # "at once": the watchdog wakes on the game's end and exits
LEAVES_A_HELPER = 'sleep 300 </dev/null >/dev/null 2>&1 & echo $! > "$HELPER"; exec "$@"'  # a player's wrapper


def block_policy(home: Path) -> None:
    write_config(home, '[session]\non_account_in_use = "block"\n[ui]\nmode = "none"\n')


def with_helper(argv: list[str]) -> list[str]:
    """The game started through a wrapper of the player's own that leaves `sleep 300` running."""
    return ["/bin/sh", "-c", LEAVES_A_HELPER, "sh", *argv]


def end_helper(pid: int) -> None:
    """End a helper this test started (through its wrapper)."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def a_second_game_starts(tmp_path: Path, cwd: Path, argv: list[str], env: dict | None = None) -> bool:
    second = start_wrap(argv, cwd, env)
    out, err = second.communicate(timeout=60)
    return second.returncode == 0 and b"launch refused" not in out


def test_a_helper_that_outlives_the_game_leaves_the_account_free(home, tmp_path):
    """Prism's way: the account from the launch context, the launch script on stdin through the player's own
    wrapper, which backgrounds a helper; the game ends, the helper stays, the account is free."""
    block_policy(home)
    inst = prism_with_own_steve(home)
    record, pidfile = tmp_path / "a.json", tmp_path / "helper.pid"
    env = {"INST_DIR": str(inst), "GAME_READS_STDIN": "1", "HELPER": str(pidfile)}
    argv = with_helper([sys.executable, GAME, str(record), "0", "0.5", "org.prismlauncher.EntryPoint"])
    proc = start_wrap(argv, inst / "minecraft", env, stdin=subprocess.PIPE)
    try:
        proc.communicate(LAUNCH_SCRIPT, timeout=30)
        assert proc.returncode == 0
        assert bytes.fromhex(wait_for(record)["stdin"]) == LAUNCH_SCRIPT
        helper = psutil.Process(int(pidfile.read_text()))
        assert helper.is_running() and helper.name() == "sleep"
        assert wait_until(lambda: not lock.is_held(OWN_UUID), timeout=RELEASE_S, step=0.01)
        prism = [sys.executable, GAME, str(tmp_path / "b.json"), "0", "0", "org.prismlauncher.EntryPoint"]
        assert a_second_game_starts(tmp_path, inst / "minecraft", prism, {"INST_DIR": str(inst)})
    finally:
        end_helper(int(pidfile.read_text()))


def test_kill_ends_the_game_and_frees_the_account_while_its_helper_lives(home, tmp_path):
    """The launcher's Kill: SIGKILL to the pid it started, which is the game's."""
    block_policy(home)
    record, pidfile = tmp_path / "a.json", tmp_path / "helper.pid"
    proc = start_wrap(with_helper(game_argv(record, sleep_s=60, uuid=OWN_UUID)), tmp_path, {"HELPER": str(pidfile)})
    try:
        assert wait_for(record)["pid"] == proc.pid  # the launcher's child is the game
        assert lock.is_held(OWN_UUID)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        assert wait_until(lambda: not lock.is_held(OWN_UUID), timeout=RELEASE_S, step=0.01)
        assert psutil.pid_exists(int(pidfile.read_text()))  # the helper lives on, holding nothing
        assert a_second_game_starts(tmp_path, tmp_path, game_argv(tmp_path / "b.json", uuid=OWN_UUID))
    finally:
        proc.kill()
        proc.communicate()
        end_helper(int(pidfile.read_text()))


def prelaunch_processes() -> list[psutil.Process]:
    """The Python processes running prelaunch (`-m prelaunch…`) with this test's HOME, whatever else runs."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        argv = proc.info["cmdline"] or []
        try:
            if argv[argv.index("-m") + 1].startswith("prelaunch") and proc.environ().get("HOME") == os.environ["HOME"]:
                found.append(proc)
        except (ValueError, IndexError, psutil.Error):
            continue
    return found


@pytest.mark.parametrize("token_left_s", [3600, -3600], ids=["expiry-ahead", "expired-at-start"])
def test_one_small_watchdog_holds_the_lock_and_the_game_does_not(home, tmp_path, token_left_s):
    record = tmp_path / "a.json"
    proc = start_wrap(game_argv(record, sleep_s=60, uuid=OWN_UUID, token=mint_jwt(time.time() + token_left_s)),
                      tmp_path)
    try:
        wait_for(record)
        lock_path = os.path.realpath(lock.lock_file(OWN_UUID))
        assert lock_path not in open_paths(proc.pid).values()
        ours = prelaunch_processes()
        assert [p.pid for p in ours] == [w.pid for w in watchdogs_of(proc.pid)] and len(ours) == 1
        watchdog = ours[0]
        assert lock_path in open_paths(watchdog.pid).values()
        assert watchdog.ppid() == proc.pid
        assert watchdog.memory_info().rss <= 15 * 2**20
    finally:
        proc.kill()
        proc.communicate()


@pytest.mark.parametrize("closed", [(0,), (1,), (2,), (0, 1, 2)], ids=["stdin", "stdout", "stderr", "all"])
def test_closed_standard_descriptors_stay_closed_and_nothing_of_ours_takes_them(home, tmp_path, closed):
    """A launcher that starts the wrapper with stdin, stdout or stderr closed: the game gets them closed too,
    and no file prelaunch opens (the lock above all) becomes descriptor 0, 1 or 2 of the game or the watchdog."""
    record = tmp_path / "a.json"
    shut = " ".join(f"{fd}>&-" if fd else "0<&-" for fd in closed)
    argv = ["/bin/sh", "-c", f'exec "$@" {shut}', "sh", sys.executable, "-m", "prelaunch", "wrap", "--",
            *game_argv(record, sleep_s=60, uuid=OWN_UUID)]
    proc = subprocess.Popen(argv, cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        game = wait_for(record)
        assert [game["std"][fd] is None for fd in range(3)] == [fd in closed for fd in range(3)], game["std"]
        assert lock.is_held(OWN_UUID)
        state = os.path.realpath(home / ".local/state")
        (watchdog,) = watchdogs_of(proc.pid)
        std = {fd: path for fd, path in open_paths(watchdog.pid).items() if fd < 3}
        assert not [path for path in std.values() if path.startswith(state)], std
        assert os.path.realpath(lock.lock_file(OWN_UUID)) in open_paths(watchdog.pid).values()
    finally:
        proc.kill()
        proc.wait()


NO_PIDFD = "import os\nif hasattr(os, 'pidfd_open'):\n    del os.pidfd_open\n"  # Linux before 5.3, as Python sees it


def test_without_pidfds_the_watchdog_holds_the_lock_for_the_games_life(home, tmp_path):
    """Where the system cannot wake the watchdog on the game's exit (no pidfd: Linux before 5.3), it asks the
    process table whether the process with the game's pid and start time still runs: the lock stays held while
    the game runs, and is free within a poll of the table once it has ended."""
    from prelaunch.session import exits

    site = tmp_path / "no-pidfd"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_PIDFD, encoding="utf-8")  # in every Python the wrapper starts
    record = tmp_path / "a.json"
    proc = start_wrap(game_argv(record, sleep_s=3 * exits.POLL_S + 1, uuid=OWN_UUID), tmp_path,
                      {"PYTHONPATH": os.pathsep.join(filter(None, (str(site), os.environ.get("PYTHONPATH"))))})
    try:
        wait_for(record)
        (watchdog,) = watchdogs_of(proc.pid)
        assert "anon_inode:[pidfd]" not in open_paths(watchdog.pid).values()  # it asks the process table
        time.sleep(exits.POLL_S + 0.5)  # the watchdog has asked the process table
        assert lock.is_held(OWN_UUID) and watchdog.is_running()
        assert proc.wait(timeout=30) == 0
        assert wait_until(lambda: not lock.is_held(OWN_UUID), timeout=exits.POLL_S + 1, step=0.05)
    finally:
        proc.kill()
        proc.communicate()


OLD_STYLE_GAME = """
import os, subprocess, sys
from prelaunch.session import lock
fd = lock.acquire(sys.argv[1])
lock.write_holder(sys.argv[1], lock.Holder.for_this_process(account_name="Steve", instance_name="Vanilla"))
os.set_inheritable(fd, True)
helper = subprocess.Popen(["sleep", "300"], close_fds=False, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
print(helper.pid)
"""


def test_a_program_that_holds_the_lock_after_its_game_is_named_with_how_to_end_it(cli, home, tmp_path):
    """What a game that held the lock itself (an earlier prelaunch, or a watchdog that could not start) leaves:
    it has ended, and the helper it started holds the lock. `status`, `check` and the wrapper name the helper,
    with its process ID and how to end it."""
    from prelaunch import ui
    from prelaunch.checks import session

    write_config(home, '[session]\non_account_in_use = "block"\n[ui]\nmode = "none"\n')
    inst = prism_with_own_steve(home)
    started = subprocess.run([sys.executable, "-c", OLD_STYLE_GAME, OWN_UUID], capture_output=True, text=True,
                             timeout=30, check=True)
    pid = int(started.stdout)
    try:
        assert lock.is_held(OWN_UUID)
        assert lock.current_holder(OWN_UUID).programs == ((pid, "sleep"),)
        status = cli("status")
        assert status.out.strip() == (f"Steve: no game runs, but held by sleep (pid {pid}); ending it frees the "
                                      f"account: kill {pid}")
        assert cli("status", "--json").json()["held"][0]["held_by"] == [{"pid": pid, "name": "sleep"}]
        checked = cli("check", "--json", "--ui", "none", cwd=inst / "minecraft", env={"INST_DIR": str(inst)})
        document, _ = json.JSONDecoder().raw_decode(checked.out)  # then the line saying it refused the launch
        finding = next(f for f in document["findings"] if f["check"] == "session")
        assert finding["title"] == "'Steve' still counts as playing: \u201csleep\u201d is still running"
        assert f"(process ID {pid})" in finding["detail"] and f"in a terminal: kill {pid}" in finding["detail"]
        asked = ui.question([session.in_use("Steve", lock.live_holder(OWN_UUID))], "Vanilla", "Steve", blocking=True)
        assert asked.body == f"First: Close \u201csleep\u201d, or end it in your system monitor (process ID {pid}), " \
            "then launch again."  # the dialog's first step
        refused = start_wrap(game_argv(tmp_path / "b.json", uuid=OWN_UUID), tmp_path)
        out, _ = refused.communicate(timeout=60)
        assert refused.returncode == 1 and "Steve still counts as playing: \u201csleep\u201d".encode() in out
    finally:
        end_helper(pid)
    assert wait_until(lambda: not lock.is_held(OWN_UUID), timeout=5)


def test_a_game_whose_watchdog_was_killed_still_counts_as_playing(cli, home, tmp_path):
    block_policy(home)
    record = tmp_path / "a.json"
    proc = start_wrap(game_argv(record, sleep_s=60, uuid=OWN_UUID), tmp_path)
    try:
        wait_for(record)
        (watchdog,) = watchdogs_of(proc.pid)
        watchdog.kill()
        assert wait_until(lambda: not lock.is_held(OWN_UUID), timeout=5)
        status = cli("status")
        assert f"pid {proc.pid}" in status.out and "its watchdog has ended" in status.out
        assert cli("status", "--json").json()["held"][0]["locked"] is False
        second = start_wrap(game_argv(tmp_path / "b.json", uuid=OWN_UUID), tmp_path)
        out, _ = second.communicate(timeout=60)
        assert second.returncode == 1 and b"Steve is already playing in" in out and b"launch refused" in out
        assert not (tmp_path / "b.json").exists()
    finally:
        proc.kill()
        proc.communicate()


@pytest.mark.parametrize("platform, command", [("linux", "kill 4242 4243"), ("darwin", "kill 4242 4243"),
                                               ("win32", "taskkill /PID 4242 /PID 4243 /F")])
def test_several_programs_are_named_with_the_command_that_ends_them(monkeypatch, platform, command):
    from prelaunch import ui
    from prelaunch.checks import session

    monkeypatch.setattr(sys, "platform", platform)
    holder = lock.Holder(pid=0, process_start=None)
    holder.programs = ((4242, "sleep"), (4243, "bash"))
    finding = session.in_use("Steve", holder)
    assert finding.title == "Steve still counts as playing: \u201csleep\u201d and \u201cbash\u201d are still running"
    assert finding.detail.endswith(f"Ending them frees the account (in a terminal: {command}).")
    assert session.is_account_in_use(finding)  # [session] on_account_in_use decides, asked once per launch
    asked = ui.question([finding], blocking=True)
    monitor = {"linux": "your system monitor", "darwin": "Activity Monitor", "win32": "Task Manager"}[platform]
    assert asked.body.startswith(f"First: Close \u201csleep\u201d and \u201cbash\u201d, or end them in {monitor}")
