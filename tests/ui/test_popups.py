"""`prelaunch check` shows a real dialog in a real X server; xdotool presses its buttons."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from prelaunch.ui import kdialog, tk, zenity
from tests.builders import FIXTURE_UUID, mint_jwt, prism_account, prism_instance, write_prism
from tests.test_wrapper import game_argv, wait_for
from tests.xserver import find_window, press, screenshot, stacking_top_first, toplevel_of, x_env, xdo

BACKENDS = [b.NAME for b in (zenity, kdialog, tk) if b.available()]
TITLE = "prelaunch: Vanilla+ - Steve"


def test_linux_backends_are_installed():
    """CI installs zenity and kdialog; Tk comes with Python. A missing one would silently shrink the matrix."""
    if os.environ.get("CI"):
        assert BACKENDS == ["zenity", "kdialog", "tk"]
    assert "tk" in BACKENDS or not tk.available()


@pytest.fixture
def launch_env(home):
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": "Vanilla+"}},
                           accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() - 3600), active=True)])
    return prism_instance(data_dir, "v")


@pytest.fixture
def account_in_use(tmp_path):
    record = tmp_path / "other-game.json"
    proc = subprocess.Popen(game_argv(record, sleep_s=120), cwd=tmp_path)
    wait_for(record)
    yield
    proc.kill()
    proc.wait()


def start_check(home, inst, display, backend, timeout=30):
    (home / "prelaunch.toml").write_text(f'[network]\nenabled = false\n[ui]\nbackend = "{backend}"\n'
                                         f"timeout = {timeout}\n", encoding="utf-8")
    env = dict(os.environ, **x_env(display), INST_DIR=str(inst))
    return subprocess.Popen([sys.executable, "-m", "prelaunch", "check"], cwd=inst / "minecraft", env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("backend", BACKENDS)
def test_warning_default_launch_and_cancel(display, home, launch_env, backend, tmp_path):
    proc = start_check(home, launch_env, display, backend)
    window = find_window(display, TITLE)
    assert screenshot(display, tmp_path / f"{backend}-warning.png").stat().st_size > 1000
    press(display, window, "alt+c")  # Cancel
    assert proc.wait(timeout=20) == 1
    assert b"launch cancelled" in proc.stdout.read()

    proc = start_check(home, launch_env, display, backend)
    press(display, find_window(display, TITLE), "Return")  # the default button: Launch anyway
    assert proc.wait(timeout=20) == 0

    proc = start_check(home, launch_env, display, backend)
    press(display, find_window(display, TITLE), "Escape")  # dismissing is Cancel
    assert proc.wait(timeout=20) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_account_in_use_defaults_to_cancel(display, home, launch_env, account_in_use, backend):
    proc = start_check(home, launch_env, display, backend)
    press(display, find_window(display, TITLE), "Return")  # the default button: Cancel
    assert proc.wait(timeout=20) == 1

    proc = start_check(home, launch_env, display, backend)
    press(display, find_window(display, TITLE), "alt+l")  # Launch anyway
    assert proc.wait(timeout=20) == 0
    assert (home / ".local/state/prelaunch/consent" / f"{FIXTURE_UUID}.json").exists()


@pytest.mark.parametrize("backend", BACKENDS)
def test_no_answer_takes_the_default_after_the_timeout(display, home, launch_env, backend):
    started = time.monotonic()
    proc = start_check(home, launch_env, display, backend, timeout=2)
    find_window(display, TITLE)
    assert proc.wait(timeout=20) == 0  # a warning: Launch anyway
    assert time.monotonic() - started < 15


def test_no_answer_on_account_in_use_cancels(display, home, launch_env, account_in_use):
    proc = start_check(home, launch_env, display, BACKENDS[0], timeout=2)
    find_window(display, TITLE)
    assert proc.wait(timeout=20) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_popup_is_above_the_launcher_window(display, home, launch_env, backend):
    launcher = subprocess.Popen([sys.executable, "-c",
                                 "import tkinter; r = tkinter.Tk(); r.title('Fake Launcher'); "
                                 "r.geometry('1024x768+0+0'); r.after(30000, r.destroy); r.mainloop()"],
                                env=dict(os.environ, **x_env(display)))
    try:
        behind = toplevel_of(display, find_window(display, "Fake Launcher"))
        proc = start_check(home, launch_env, display, backend)
        window = find_window(display, TITLE)
        order = stacking_top_first(display)
        assert order.index(toplevel_of(display, window)) < order.index(behind)
        press(display, window, "Return")
        proc.wait(timeout=20)
    finally:
        launcher.kill()
        launcher.wait()


def test_healthy_launch_shows_nothing(display, home, tmp_path):
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": "Vanilla+"}},
                           accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() + 86000),
                                                   active=True)])
    proc = start_check(home, prism_instance(data_dir, "v"), display, BACKENDS[0], timeout=2)
    assert proc.wait(timeout=20) == 0
    assert xdo(display, "search", "--name", "^prelaunch").split() == []


def test_console_fallback_without_display(cli, home, launch_env):
    result = cli("check", env={"DISPLAY": "", "WAYLAND_DISPLAY": "", "INST_DIR": str(launch_env)},
                 cwd=launch_env / "minecraft")
    assert result.code == 0  # a warning: the default, Launch anyway
    assert "no popup could be shown; taking the default answer: Launch anyway" in result.out


def test_notification_from_the_watchdog_appears(display, home, tmp_path):
    """A wrapped game outlives its token: the watchdog's notification is a real window."""
    (home / "prelaunch.toml").write_text('[network]\nenabled = false\n[ui]\nbackend = "zenity"\ntimeout = 5\n')
    record = tmp_path / "game.json"
    env = dict(os.environ, **x_env(display))
    proc = subprocess.Popen([sys.executable, "-m", "prelaunch", "wrap", "--",
                             *game_argv(record, sleep_s=20, token=mint_jwt(time.time() + 5))],
                            cwd=tmp_path, env=env, stdin=subprocess.DEVNULL)
    try:
        window = find_window(display, "Minecraft session expired (Steve)", timeout=20)
        screenshot(display, tmp_path / "expired.png", window)
    finally:
        proc.kill()
        proc.wait()
