"""`prelaunch check` (and the wrapper) show real dialogs on a real desktop (Xvfb and openbox); xdotool presses
their keys, and the dialog program's own command line says which text the player got."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from prelaunch import ui
from tests.helpers.builders import mint_jwt, prism_account, prism_instance, write_prism
from tests.helpers.launch import game_argv, start_wrap, wait_for
from tests.helpers.popups import BACKENDS, LINUX_BACKENDS, TITLE, dialog_program, dialog_text, start_check
from tests.helpers.xserver import find_window, press, screenshot, stacking_top_first, toplevel_of, x_env, xdo


@pytest.mark.parametrize("backend", LINUX_BACKENDS)
def test_linux_backends_are_installed(backend):
    """Every Linux backend is here (CI installs zenity, kdialog and python3-tk): a missing one fails here
    (Tk: skips, saying so) rather than silently shrinking the matrix below."""
    assert next(b for b in ui.askers(platform="linux", display=True) if b.NAME == backend).available()


@pytest.mark.parametrize("backend", BACKENDS)
def test_warning_buttons(display, home, launch_env, backend, tmp_path):
    """Alt+C cancels and says so; Alt+L launches and says nothing of cancelling; Escape cancels; Return presses
    the focused button, which for a warning is "Launch anyway", what the timeout takes too."""
    proc = start_check(home, launch_env, display, backend, extra="ask_again_hours = 0\n")
    window = find_window(display, TITLE, asker=proc)
    assert screenshot(display, tmp_path / f"{backend}-warning.png").stat().st_size > 1000
    press(display, window, "alt+c")
    assert proc.wait(timeout=20) == 1
    assert "launch cancelled" in proc.stdout.read()

    for key, code in (("alt+l", 0), ("Escape", 1), ("Return", 0)):
        proc = start_check(home, launch_env, display, backend, extra="ask_again_hours = 0\n")
        press(display, find_window(display, TITLE), key)
        assert proc.wait(timeout=20) == code, key
        assert ("cancelled" in proc.stdout.read()) == (code == 1), key


@pytest.mark.parametrize("backend", ["zenity", "kdialog"])
def test_the_text_names_the_problem_the_steps_and_the_countdown(display, home, launch_env, backend):
    proc = start_check(home, launch_env, display, backend, timeout=30)
    text = dialog_text(dialog_program(proc))
    press(display, find_window(display, TITLE), "Escape")
    proc.wait(timeout=20)
    assert "expired" in text and "First: " in text and "Prism Launcher" in text
    assert "No answer within 30 s means \u201cLaunch anyway\u201d." in text
    for word in ("token", "prelaunch:", "msa", "Windows:", "macOS:", "[quiet"):
        assert word not in text


@pytest.mark.parametrize("backend", LINUX_BACKENDS)
def test_account_in_use_launches_only_when_asked(display, home, launch_env, account_in_use, backend):
    proc = start_check(home, launch_env, display, backend)
    press(display, find_window(display, TITLE), "Return")  # the focused button: Cancel
    assert proc.wait(timeout=20) == 1

    proc = start_check(home, launch_env, display, backend)
    press(display, find_window(display, TITLE), "alt+l")  # Launch anyway
    assert proc.wait(timeout=20) == 0


@pytest.mark.parametrize("backend", LINUX_BACKENDS)
def test_no_answer_takes_the_default(display, home, launch_env, backend):
    proc = start_check(home, launch_env, display, backend, timeout=2)
    find_window(display, TITLE)
    assert proc.wait(timeout=20) == 0  # a warning: Launch anyway
    assert "cancelled" not in proc.stdout.read()


@pytest.mark.parametrize("backend", LINUX_BACKENDS)
def test_no_answer_on_account_in_use_cancels(display, home, launch_env, account_in_use, backend):
    proc = start_check(home, launch_env, display, backend, timeout=2)
    find_window(display, TITLE)
    assert proc.wait(timeout=20) == 1


def test_kdialog_waits_the_configured_timeout_not_double(display, home, launch_env):
    """kdialog has no timeout of its own: the bound is the configured timeout (it was timeout + 5 s)."""
    proc = start_check(home, launch_env, display, "kdialog", timeout=4)
    find_window(display, TITLE)
    shown = time.monotonic()
    assert proc.wait(timeout=20) == 0
    assert time.monotonic() - shown < 2 * 4


@pytest.mark.parametrize("backend", LINUX_BACKENDS)
def test_closing_the_window_cancels(display, home, launch_env, backend):
    """The window manager's close (Alt+F4 in openbox) is Cancel on every backend."""
    proc = start_check(home, launch_env, display, backend)
    press(display, find_window(display, TITLE), "alt+F4")
    assert proc.wait(timeout=20) == 1


@pytest.mark.parametrize("backend", ["zenity", "tk"])
def test_a_destroyed_window_is_cancel_and_asks_nothing_more(bare_display, home, launch_env, backend):
    """Without a window manager `xdotool windowclose` destroys the window (zenity then exits 0 with no
    answer): that is Cancel, and no other backend asks the same question again."""
    proc = start_check(home, launch_env, bare_display, backend, timeout=30)
    window = find_window(bare_display, TITLE)
    time.sleep(0.3)  # let the toolkit finish mapping it
    xdo(bare_display, "windowclose", window)
    try:
        code = proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError("the check kept waiting after its dialog was destroyed") from None
    out, err = proc.communicate()
    assert code == 1
    assert "launch cancelled" in out, err


@pytest.mark.parametrize("backend", ["zenity", "kdialog"])
def test_a_killed_dialog_is_cancel_and_no_other_backend_asks(display, home, launch_env, backend):
    proc = start_check(home, launch_env, display, backend)
    find_window(display, TITLE)
    program = dialog_program(proc)
    program.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=15) == 1
    assert xdo(display, "search", "--onlyvisible", "--name", "^Minecraft").split() == []


@pytest.mark.parametrize("backend", ["zenity", "kdialog"])
def test_the_dialog_dies_with_the_check_that_asked(display, home, launch_env, backend):
    proc = start_check(home, launch_env, display, backend)
    find_window(display, TITLE)
    program = dialog_program(proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    program.wait(timeout=10)  # psutil.TimeoutExpired if the dialog outlived its asker
    assert not program.is_running()


def test_the_dialog_dies_with_the_wrapper_that_asked(display, home, tmp_path, player):
    """A second wrapper of one account asks "already playing"; kill -9 of it takes the dialog along."""
    (home / "prelaunch.toml").write_text('[network]\nenabled = false\n[ui]\nbackend = "zenity"\ntimeout = 60\n')
    env = x_env(display)
    first = start_wrap(game_argv(tmp_path / "first.json", sleep_s=60, uuid=player), tmp_path, env)
    try:
        wait_for(tmp_path / "first.json")
        second = start_wrap(game_argv(tmp_path / "second.json", sleep_s=60, uuid=player), tmp_path, env)
        program = dialog_program(second)
        title = next(a[len("--title="):] for a in program.cmdline() if a.startswith("--title="))
        assert title == f"Minecraft: {tmp_path.name} (Steve)"  # the wrapper names the game's folder
        find_window(display, title)
        second.send_signal(signal.SIGKILL)
        second.wait(timeout=10)
        program.wait(timeout=10)
        assert not program.is_running() and not (tmp_path / "second.json").exists()
    finally:
        first.kill()
        first.wait()


@pytest.mark.tk
def test_tk_fits_a_small_screen_with_long_text(small_display, home, tmp_path):
    """Forty problems on a 1024x600 screen: the window fits, the text scrolls, the buttons work."""
    script = ("import sys; from prelaunch import ui; "
              "msg = '\\n\\n'.join(f'Problem {n}: something long enough to wrap across the line of the dialog, '"
              "'with a why and two steps to try in order.' for n in range(40)); "
              "asked = ui.Question('Minecraft: Long (Steve)', '', msg, default=ui.CANCEL); "
              "print(ui.ask_question(asked, 30, 'gui', 'tk').choice)")
    proc = subprocess.Popen([sys.executable, "-c", script], env=dict(os.environ, **x_env(small_display)),
                            stdout=subprocess.PIPE, text=True)
    window = find_window(small_display, "Minecraft: Long (Steve)")
    time.sleep(0.5)
    frame = toplevel_of(small_display, window)
    geometry = subprocess.run(["xwininfo", "-id", str(frame)], env=dict(os.environ, DISPLAY=small_display),
                              capture_output=True, text=True, timeout=10).stdout
    values = {line.split(":")[0].strip(): line.split(":")[1].strip() for line in geometry.splitlines()
              if ":" in line}
    top, height = int(values["Absolute upper-left Y"]), int(values["Height"])
    screenshot(small_display, tmp_path / "tk-small.png")
    assert top >= 0 and top + height <= 600
    press(small_display, window, "alt+l")
    assert proc.communicate(timeout=20)[0].strip() == ui.LAUNCH


@pytest.mark.tk  # the launcher's window is a Tk one
@pytest.mark.parametrize("backend", LINUX_BACKENDS)
def test_popup_is_above_the_launcher_window(display, home, launch_env, backend):
    launcher = subprocess.Popen([sys.executable, "-c",
                                 "import tkinter; r = tkinter.Tk(); r.title('Fake Launcher'); "
                                 "r.geometry('1024x768+0+0'); r.after(30000, r.destroy); r.mainloop()"],
                                env=dict(os.environ, **x_env(display)))
    try:
        behind = toplevel_of(display, find_window(display, "Fake Launcher"))
        proc = start_check(home, launch_env, display, backend)
        window = find_window(display, TITLE, asker=proc)
        popup = toplevel_of(display, window)
        end = time.monotonic() + 10  # the window manager raises a new window once it has mapped it
        while not (order := stacking_top_first(display)).index(popup) < order.index(behind):
            assert time.monotonic() < end, "the popup stayed below the launcher's window"
            time.sleep(0.1)
        press(display, window, "Escape")
        proc.wait(timeout=20)
    finally:
        launcher.kill()
        launcher.wait()


def test_quieted_warning_is_a_console_line_only(display, home, launch_env):
    """[quiet.accounts] names the kind: the expired sign-in stays in the console, no popup, the launch goes on."""
    proc = start_check(home, launch_env, display, "zenity", extra='[quiet.accounts]\nSteve = ["token"]\n')
    out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0
    assert "expired" in out and "cancelled" not in out and "popup" not in out


def test_config_typo_is_a_console_line_not_a_popup(display, home, tmp_path, player):
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": "Vanilla+"}},
                           accounts=[prism_account("Steve", player, mint_jwt(time.time() + 86000),
                                                   active=True)])
    proc = start_check(home, prism_instance(data_dir, "v"), display, "zenity", extra="timeot = 5\n")
    out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0
    assert "!![Warning]!prelaunch: Configuration:" in out
    assert "popup" not in out


def test_healthy_launch_shows_nothing(display, home, tmp_path, player):
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": "Vanilla+"}},
                           accounts=[prism_account("Steve", player, mint_jwt(time.time() + 86000),
                                                   active=True)])
    proc = start_check(home, prism_instance(data_dir, "v"), display, "zenity", timeout=30)
    out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0  # it would still be waiting on a 30 s dialog had it asked
    assert out.startswith("!![Info]!prelaunch: all good")


def test_notification_from_the_watchdog_appears(display, home, tmp_path, player):
    """A wrapped game outlives its token: the watchdog's notification is a real window."""
    (home / "prelaunch.toml").write_text('[network]\nenabled = false\n[ui]\nbackend = "zenity"\ntimeout = 5\n')
    record = tmp_path / "game.json"
    env = dict(os.environ, **x_env(display))
    proc = subprocess.Popen([sys.executable, "-m", "prelaunch", "wrap", "--",
                             *game_argv(record, sleep_s=20, uuid=player, token=mint_jwt(time.time() + 5))],
                            cwd=tmp_path, env=env, stdin=subprocess.DEVNULL)
    try:
        window = find_window(display, "Minecraft session expired (Steve)", timeout=20)
        screenshot(display, tmp_path / "expired.png", window)
    finally:
        proc.kill()
        proc.wait()
