"""The watchdog with real processes: one question per launch, the pre-launch check's own fixes, and a notice
the player can see (a desktop notification in a real X server, else the launcher console), logged truthfully."""

from __future__ import annotations

import glob
import json
import socket
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

from prelaunch.session import watchdog
from tests.helpers.builders import mint_jwt
from tests.helpers.launch import GAME, game_argv, start_wrap, wait_for, write_config
from tests.helpers.session import EXPIRES_IN_S, OWN_UUID, prism_with_own_steve, wait_until, watchdogs_of
from tests.helpers.xserver import find_window, require_tools, start_xvfb, stop, x_env

NO_DISPLAY = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "DBUS_SESSION_BUS_ADDRESS": ""}
WAKE_S = 2.0  # `[session] wake_seconds` in these tests; the default is 15 s


def log_text(home: Path) -> str:
    log = home / ".local/state/prelaunch/log/prelaunch.log"
    return log.read_text() if log.exists() else ""


def prism_game(record: Path, sleep_s: float) -> list[str]:
    return [sys.executable, GAME, str(record), "0", str(sleep_s), "org.prismlauncher.EntryPoint"]


def libfaketime() -> str:
    """Debian's libfaketime (package `faketime`)."""
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1") + glob.glob("/usr/lib/faketime/libfaketime.so.1"))
    assert found, "libfaketime is needed: apt-get install faketime"
    return found[0]


def test_after_a_suspend_the_notice_comes_within_the_wake_interval(home, tmp_path):
    """A laptop slept past the token's expiry: the wall clock jumps, the monotonic clock (which stops during a
    suspend) does not. The real watchdog reads the wall clock every `[session] wake_seconds` at most (shortened
    here) and tells the player then, while the game still runs, not when its one long wait would have ended (two
    hours later here)."""
    clock = tmp_path / "wall-clock"
    clock.write_text("+0\n")
    env = dict(NO_DISPLAY, LD_PRELOAD=libfaketime(), FAKETIME_TIMESTAMP_FILE=str(clock), FAKETIME_NO_CACHE="1",
               DONT_FAKE_MONOTONIC="1")
    write_config(home, f'[ui]\nmode = "console"\n[session]\nwake_seconds = {WAKE_S}\n')
    record = tmp_path / "r.json"
    argv = game_argv(record, sleep_s=WAKE_S + 60, token=mint_jwt(time.time() + 7200), uuid=OWN_UUID)
    proc = start_wrap(["env", "-u", "LD_PRELOAD", *argv], tmp_path, env)  # the stand-in's own sleep on real time
    try:
        wait_for(record)
        assert len(watchdogs_of(proc.pid)) == 1
        time.sleep(1.0)  # the watchdog is in its wait
        clock.write_text("+3h\n")
        jumped = time.monotonic()
        assert wait_until(lambda: "ran out while its game" in log_text(home), timeout=WAKE_S + 10)
        assert time.monotonic() - jumped <= WAKE_S + 5  # within the wake interval (and the promise: 60 s)
        assert proc.poll() is None  # told while the game runs
    finally:
        proc.kill()
        out, _ = proc.communicate(timeout=30)
    assert b"!![Warning]!prelaunch: Minecraft session expired (Steve)" in out


def test_the_watchdog_wakes_every_15_seconds_unless_configured():
    """The default wake interval is the watchdog's own when its orders carry none (a wrapper of an older
    version), and the configuration's otherwise."""
    from prelaunch.config import Config
    from prelaunch.session import orders

    config = Config()
    assert config.session.wake_seconds == watchdog.WAKE_S == 15.0
    config.session.wake_seconds = 4.0
    launch = types.SimpleNamespace(uuid=None, token_expires_at=None)
    assert orders.for_watchdog(launch, config) == {"wake_s": 4.0}


def test_the_wall_clock_is_read_again_every_wake_interval(monkeypatch):
    """`wait_for_expiry` (the POSIX watchdog's and the Windows thread's wait) never sleeps longer than `WAKE_S`,
    and ends as soon as the wall clock, read after each sleep, has passed the expiry."""
    now = [1_800_000_000.0]
    sleeps = []

    def sleep(seconds: float) -> bool:
        sleeps.append(seconds)
        now[0] += 3 * 3600 if len(sleeps) == 2 else seconds  # the computer sleeps three hours in the second wait
        return False

    monkeypatch.setattr(watchdog.time, "time", lambda: now[0])
    assert watchdog.wait_for_expiry(now[0] + 7200, sleep) is True
    assert sleeps == [watchdog.WAKE_S, watchdog.WAKE_S]
    assert watchdog.wait_for_expiry(now[0] + 7200, lambda seconds: True) is False  # the game ended first


def test_an_expiry_accepted_before_launch_is_not_announced_again(cli, home, tmp_path):
    """The player let the launch go on with an expired token: the watchdog that holds the lock has no notice to
    give (nothing new can happen), the wrapper says so in one console line, and no notice follows."""
    write_config(home, '[ui]\nmode = "console"\n')
    inst = prism_with_own_steve(home, token_left_s=-3600)
    env = dict(NO_DISPLAY, INST_DIR=str(inst))
    checked = cli("check", "--ui", "none", cwd=inst / "minecraft", env=env)
    assert checked.code == 0 and "expired" in checked.out  # warned, and the launch went on
    record = tmp_path / "r.json"
    proc = start_wrap(prism_game(record, 3), inst / "minecraft", env)
    wait_for(record)
    assert len(watchdogs_of(proc.pid)) == 1  # it holds the lock, and has nothing to tell
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    lines = out.decode().splitlines()
    assert [line for line in lines if "prelaunch" in line] == [
        line for line in lines if line.startswith("!![Warning]!prelaunch: no sign-in expiry notice while playing: "
                                                  "the token already ran out at")]
    assert len(lines) == 1
    assert "ran out while its game" not in log_text(home)


def test_an_expiry_while_playing_is_told_with_the_checks_own_fixes(cli, home, tmp_path):
    write_config(home, '[ui]\nmode = "console"\n')
    inst = prism_with_own_steve(home, token_left_s=5)
    env = dict(NO_DISPLAY, INST_DIR=str(inst))
    checked = cli("check", "--json", "--ui", "none", cwd=inst / "minecraft", env=env).json()
    token = next(f for f in checked["findings"] if f["check"] == "token")
    assert token["severity"] == "warning" and token["fixes"]
    record = tmp_path / "r.json"
    proc = start_wrap(prism_game(record, 60), inst / "minecraft", env)
    try:
        wait_for(record)
        assert len(watchdogs_of(proc.pid)) == 1
        assert wait_until(lambda: "ran out while its game" in log_text(home), timeout=20)
    finally:
        proc.kill()  # the notice is out (it is logged after it is told): the game need not play on
        out, _ = proc.communicate(timeout=30)
    text = out.decode()
    assert "!![Warning]!prelaunch: Minecraft session expired (Steve)" in text
    told = [line.split("prelaunch:   ", 1)[1] for line in text.splitlines() if "prelaunch:   " in line]
    assert told == [f"{n}. {fix}" for n, fix in enumerate(token["fixes"], 1)]
    assert "the notice was written to the launcher's console (the game's output)" in log_text(home)


@pytest.mark.parametrize("mode, env, where, shown", [
    ("auto", NO_DISPLAY, "written to the launcher's console", True),
    ("console", {}, "written to the launcher's console", True),
    ("none", {}, 'not shown: [ui] mode = "none"', False),
])
def test_where_the_notice_went_is_what_the_log_says(home, tmp_path, mode, env, where, shown):
    write_config(home, f'[ui]\nmode = "{mode}"\ntimeout = 3\n')
    argv = game_argv(tmp_path / "r.json", sleep_s=60, token=mint_jwt(time.time() + EXPIRES_IN_S), uuid=OWN_UUID)
    proc = start_wrap(argv, tmp_path, env)
    try:
        assert wait_until(lambda: "ran out while its game" in log_text(home), timeout=20)
    finally:
        proc.kill()  # the notice is out (it is logged after it is told): the game need not play on
        out, _ = proc.communicate(timeout=30)
    assert f"the notice was {where}" in log_text(home)
    assert (b"Minecraft session expired (Steve)" in out) == shown


@pytest.fixture(scope="module")
def display():
    require_tools()
    server, name = start_xvfb()
    yield name
    stop([server])


def test_a_desktop_notification_when_one_can_be_shown(home, tmp_path, display):
    assert subprocess.run(["which", "zenity"], capture_output=True).returncode == 0, "zenity is needed"
    write_config(home, '[ui]\nmode = "auto"\nbackend = "zenity"\ntimeout = 4\n')
    argv = game_argv(tmp_path / "r.json", sleep_s=EXPIRES_IN_S + 10, token=mint_jwt(time.time() + EXPIRES_IN_S),
                     uuid=OWN_UUID)
    proc = start_wrap(argv, tmp_path, x_env(display))
    try:
        find_window(display, "Minecraft session expired (Steve)", timeout=EXPIRES_IN_S + 15)
        assert wait_until(lambda: "ran out while its game" in log_text(home), timeout=15)
        assert "the notice was shown as a desktop notification (zenity)" in log_text(home)
    finally:
        proc.kill()
        out, _ = proc.communicate(timeout=30)
    assert b"session expired" not in out  # shown once, where the player looks


def test_the_notice_names_the_time_or_says_it_is_estimated():
    known = watchdog.Notice("Steve", 1_900_000_000, True, ["Restart the launcher."])
    title, body = watchdog.message(known)
    assert title == "Minecraft session expired (Steve)" and "ran out at" in body
    assert body.endswith("\n  1. Restart the launcher.")
    _, estimated = watchdog.message(watchdog.Notice("", 1_900_000_000, False, []))
    assert "most likely run out" in estimated and "ran out at" not in estimated


@pytest.mark.parametrize("expires_at, lifetime_s, started", [
    (None, 3600.0, True), (float("inf"), 3600.0, True), (float("nan"), 3600.0, True), (1e400, 3600.0, True),
    ("1900000000", 3600.0, True), (-5, 3600.0, True), (None, 1e12, True), (None, float("inf"), False),
    (None, float("nan"), False), (None, -1.0, False), (1000.0, 3600.0, False),
])
def test_every_form_of_expiry_gets_a_watchdog_or_a_reason(expires_at, lifetime_s, started):
    notice, why_not = watchdog.plan("Steve", expires_at, lifetime_s, [], now=1_800_000_000)
    assert (notice is not None) == started and bool(why_not) != started
    if notice is not None:
        assert 1_800_000_000 < notice.expires_at <= 1_800_000_000 + watchdog.LONGEST_WAIT_S


def test_an_expiry_in_the_second_the_game_starts_came_before_it():
    """A token's expiry has whole seconds: one that falls within a second of the game's start had come as the
    launch went on (the pre-launch check's to tell), so no notice waits for it; one 1.6 s on is news."""
    start = 1_800_000_000.4
    notice, why_not = watchdog.plan("Steve", 1_800_000_001, 86400.0, [], now=start)
    assert notice is None and why_not.startswith("the token already ran out at ")
    notice, why_not = watchdog.plan("Steve", 1_800_000_002, 86400.0, [], now=start)
    assert notice is not None and notice.expires_at == 1_800_000_002 and notice.known and why_not == ""


def test_a_lifetime_setting_past_any_game_waits_400_days_at_most():
    """With no expiry known the notice waits the configured lifetime, but never longer than a game can run: a
    lifetime of 31,000 years is a bad setting, cut to 400 days; a week is a week."""
    now = 1_800_000_000.0
    capped, _ = watchdog.plan("Steve", None, 1e12, [], now=now)
    assert capped is not None and not capped.known and capped.expires_at == now + 400 * 86400
    week, _ = watchdog.plan("Steve", None, 7 * 86400.0, [], now=now)
    assert week is not None and week.expires_at == now + 7 * 86400


def test_a_watchdog_whose_game_is_not_the_process_that_started_it_ends_at_once(home):
    """The watchdog watches the process that started it (the wrapper, which becomes the game). Named another
    process (its wrapper ended, and the pid went to another program) it ends at once, without taking orders
    or holding anything for that program."""
    stranger = subprocess.Popen(["sleep", "60"])
    ours, theirs = socket.socketpair()
    try:
        spec = json.dumps({"pid": stranger.pid, "channel": theirs.fileno()})
        proc = subprocess.Popen([sys.executable, "-m", "prelaunch.session.watchdog", spec], pass_fds=[theirs.fileno()],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        theirs.close()
        try:
            assert proc.wait(timeout=15) == 0
        finally:
            proc.kill()
            proc.wait()
        ours.settimeout(5)
        assert ours.recv(1) == b""  # it never said it holds anything
    finally:
        ours.close()
        stranger.kill()
        stranger.wait()
