"""The wrapper with real processes: a small Python "game" stands in for Java."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prelaunch.session import lock
from tests.helpers.builders import FIXTURE_UUID, mint_jwt, prism_with_steve
from tests.helpers.launch import GAME, LAUNCH_SCRIPT, game_argv, start_wrap, wait_for, write_config
from tests.helpers.session import EXPIRES_IN_S, ended, wait_until, watchdogs_of


@pytest.mark.parametrize("code", [0, 1, 137])
def test_exit_code_and_pid_are_the_games(home, tmp_path, code):
    record = tmp_path / "record.json"
    proc = start_wrap(game_argv(record, code), tmp_path)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    seen = json.loads(record.read_text())
    assert seen["pid"] == proc.pid  # exec: the launcher's child is the game itself
    assert seen["ppid"] == os.getpid()


def test_stdin_reaches_the_game_byte_for_byte_with_prism_context(home, tmp_path):
    inst = prism_with_steve(home, "Vanilla")
    record = tmp_path / "record.json"
    argv = [sys.executable, GAME, str(record), "0", "0", "org.prismlauncher.EntryPoint"]
    proc = start_wrap(argv, inst / "minecraft", env={"INST_DIR": str(inst), "GAME_READS_STDIN": "1"},
                      stdin=subprocess.PIPE)
    out, err = proc.communicate(LAUNCH_SCRIPT, timeout=30)
    assert proc.returncode == 0, err
    assert bytes.fromhex(json.loads(record.read_text())["stdin"]) == LAUNCH_SCRIPT
    assert out == b"" and err == b""  # quiet when healthy


def test_lock_is_held_exactly_while_the_game_lives(home, tmp_path):
    record = tmp_path / "record.json"
    proc = start_wrap(game_argv(record, sleep_s=60), tmp_path)
    try:
        wait_for(record)
        assert lock.is_held(FIXTURE_UUID)
        holder = lock.current_holder(FIXTURE_UUID)
        assert holder.pid == proc.pid and holder.account_name == "Steve"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        started = time.monotonic()
        assert wait_until(lambda: not lock.is_held(FIXTURE_UUID), timeout=1.0, step=0.01)  # its watchdog ended with it
        second = start_wrap(game_argv(tmp_path / "second.json"), tmp_path)
        assert second.wait(timeout=30) == 0
        assert time.monotonic() - started < 20
    finally:
        proc.kill()


def test_sigterm_to_the_launchers_pid_reaches_the_game(home, tmp_path):
    record = tmp_path / "record.json"
    proc = start_wrap(game_argv(record, sleep_s=60), tmp_path)
    wait_for(record)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 143
    assert Path(str(record) + ".signal").read_text() == str(int(signal.SIGTERM))


@pytest.mark.parametrize("policy", ["block", "ask"])
def test_two_wrappers_at_the_same_instant_run_one_game(home, tmp_path, policy):
    write_config(home, f'[session]\non_account_in_use = "{policy}"\n[ui]\nmode = "console"\n')
    env = {"DISPLAY": "", "WAYLAND_DISPLAY": ""}
    records = [tmp_path / "a.json", tmp_path / "b.json"]
    procs = [start_wrap(game_argv(r, sleep_s=3), tmp_path, env) for r in records]
    results = [p.communicate(timeout=60) for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes == [0, 1], results
    assert sum(r.exists() for r in records) == 1
    refused = next(out for p, (out, err) in zip(procs, results) if p.returncode == 1)
    assert b"Steve is already playing" in refused


def test_stale_holder_records_are_ignored(home, tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    os.makedirs(lock.locks_dir())
    lock.write_holder(FIXTURE_UUID, lock.Holder(pid=dead.pid, process_start=1.0, instance_name="Gone"))
    assert lock.current_holder(FIXTURE_UUID) is None
    # a live pid with another start time is a reused pid: also stale
    reused = lock.Holder(pid=os.getpid(), process_start=12345.0, instance_name="Reused")
    lock.write_holder(FIXTURE_UUID, reused)
    assert not reused.alive()
    proc = start_wrap(game_argv(tmp_path / "r.json"), tmp_path)
    assert proc.wait(timeout=30) == 0


def test_missing_lock_dir_is_created(home, tmp_path):
    shutil.rmtree(home / ".local/state", ignore_errors=True)
    assert start_wrap(game_argv(tmp_path / "r.json"), tmp_path).wait(timeout=30) == 0
    assert os.path.exists(os.path.join(lock.locks_dir(), f"{FIXTURE_UUID}.lock"))


UNSHARE = shutil.which("unshare")


@pytest.mark.parametrize("how", ["read-only", "full"])
def test_unusable_lock_dir_warns_and_the_game_starts(home, tmp_path, how):
    """A read-only or full state dir, made for real in a private mount namespace."""
    assert UNSHARE, "util-linux unshare is needed for this test"
    state = home / ".local/state"
    state.mkdir(parents=True, exist_ok=True)
    if how == "read-only":
        setup = f"mount --bind {state} {state} && mount -o remount,bind,ro {state}"
    else:
        setup = (f"mount -t tmpfs -o size=8k tmpfs {state} && "
                 f"(head -c 1048576 /dev/zero > {state}/filler 2>/dev/null; true) && mkdir -p {state}/prelaunch")
    record = tmp_path / "r.json"
    argv = " ".join(f"'{a}'" for a in game_argv(record))
    script = f"{setup} && exec {sys.executable} -m prelaunch wrap -- {argv}"
    proc = subprocess.run([UNSHARE, "-rm", "sh", "-c", script], cwd=tmp_path, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert b"launching without it" in proc.stdout or b"could not write who holds" in proc.stdout, proc.stdout
    assert record.exists()


def test_watchdog_fires_when_the_token_expires_mid_game(home, tmp_path):
    write_config(home, '[ui]\nmode = "console"\n')
    record = tmp_path / "r.json"
    proc = start_wrap(game_argv(record, sleep_s=EXPIRES_IN_S + 4, token=mint_jwt(time.time() + EXPIRES_IN_S)), tmp_path)
    try:
        wait_for(record)
        assert len(watchdogs_of(proc.pid)) == 1
        log = home / ".local/state/prelaunch/log/prelaunch.log"
        assert wait_until(lambda: log.exists() and "ran out" in log.read_text(), timeout=20)
        assert ("the sign-in of Steve ran out while its game (pid %d) was running; the notice was written to the "
                "launcher's console" % proc.pid) in log.read_text()
    finally:
        proc.kill()
        out, _ = proc.communicate()
    assert b"!![Warning]!prelaunch: Minecraft session expired (Steve)" in out


def test_watchdog_uses_lifetime_when_expiry_is_unknown_and_is_silent_when_game_ends_first(home, tmp_path):
    write_config(home, '[ui]\nmode = "console"\n[token]\nlifetime_hours = 0.0015\n')  # 5.4 s
    record = tmp_path / "r.json"
    started = time.monotonic()
    proc = start_wrap(game_argv(record, sleep_s=2), tmp_path)
    wait_for(record)
    watchdogs = watchdogs_of(proc.pid)
    assert len(watchdogs) == 1  # it ran, for this game
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert ended(watchdogs, timeout=5)  # it left with the game
    time.sleep(max(0.0, started + 6 - time.monotonic()))  # past the lifetime
    log = home / ".local/state/prelaunch/log/prelaunch.log"
    assert not log.exists() or "ran out" not in log.read_text()
    assert b"session expired" not in out


def test_wrap_without_command_is_a_usage_error(cli):
    assert cli("wrap").code == 2


def test_an_empty_command_name_is_127_with_one_line(cli):
    result = cli("wrap", "--", "")
    assert result.code == 127
    assert result.err.strip() == "usage: prelaunch wrap [--] COMMAND [ARGS...]" and result.out == ""


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_shows_the_usage(cli, flag):
    result = cli("wrap", flag)
    assert result.code == 0 and result.out.startswith("usage: prelaunch wrap [--] COMMAND [ARGS...]")
    assert "Exit code: the game's" in result.out


def test_missing_game_executable(home, tmp_path):
    proc = start_wrap(["/nonexistent/java", "-version"], tmp_path)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 127 and b"cannot start '/nonexistent/java'" in out


def test_only_a_known_account_is_decided_about_or_recorded(home, tmp_path):
    """The account-in-use decision and the holder record are about the launch's account; a launch without one
    names no made-up account ("None") to a lock, consent or record file."""
    from prelaunch.session import wrapper

    assert wrapper.Launch(FIXTURE_UUID, "Steve", "prism", "V", str(tmp_path), None).account_uuid() == FIXTURE_UUID
    nobody = wrapper.Launch(None, "", "", "", str(tmp_path), None)
    with pytest.raises(ValueError):
        nobody.account_uuid()
    wrapper._write_holder(nobody)  # an internal error, said in one line; no record
    assert not os.path.exists(lock.locks_dir()) or os.listdir(lock.locks_dir()) == []
