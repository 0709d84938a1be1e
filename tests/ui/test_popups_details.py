"""The new parts of a real dialog on a real desktop (Xvfb and openbox), driven with the keyboard: the details
behind "Details", "Don't warn about this for …", everything on screen at 1024x600, and a warning answered
"Launch anyway" not asked again at the next launch (real `check` processes)."""

from __future__ import annotations

import re
import subprocess
import time

import pytest

from prelaunch import config
from tests.helpers.builders import MINTED_SECRETS
from tests.helpers.popups import BACKENDS, TITLE, check_process, dialog_program, instance, start_check
from tests.helpers.xserver import find_window, press, screenshot, toplevel_of, type_keys, window_gone

DONT_WARN = {"zenity": "alt+w", "kdialog": "alt+w", "tk": "alt+w"}


def geometry(display: str, window: str) -> tuple[int, int]:
    """(top, bottom) of the window's frame on the screen."""
    frame = toplevel_of(display, window)
    info = subprocess.run(["xwininfo", "-id", str(frame)], env={"DISPLAY": display, "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=10).stdout
    top = int(re.search(r"Absolute upper-left Y:\s+(-?\d+)", info).group(1))
    return top, top + int(re.search(r"Height:\s+(\d+)", info).group(1))


def open_details(display: str, backend: str, window: str) -> str:
    """Press Details the way a keyboard does on this backend; the window that shows them."""
    if backend == "kdialog":  # KDE's expander: the widget before the buttons, toggled with Space
        type_keys(display, window, "shift+Tab", "space")
        time.sleep(0.7)
        return window
    type_keys(display, window, "alt+d")
    if backend == "zenity":  # a second window, with the same title
        assert window_gone(display, window, within=10)
        return find_window(display, TITLE)
    time.sleep(0.7)
    return window


@pytest.mark.parametrize("backend", BACKENDS)
def test_details_show_every_step_and_the_question_stays(display, home, player, backend, tmp_path):
    inst = instance(home, player, -3 * 3600)
    proc = start_check(home, inst, display, backend)
    window = find_window(display, TITLE, asker=proc)
    time.sleep(0.5)
    closed = geometry(display, window)
    shown = open_details(display, backend, window)
    screenshot(display, tmp_path / f"{backend}-details.png")
    if backend == "zenity":
        argv = dialog_program(proc).cmdline()
        assert argv[1] == "--text-info" and "--ok-label=Back" in argv
        press(display, shown, "Return")  # Back: the question again
        assert window_gone(display, shown, within=10)
        shown = find_window(display, TITLE)
        assert dialog_program(proc).cmdline()[1] == "--question"
    else:  # the same window, taller: the details opened inside it
        opened = geometry(display, shown)
        assert opened[1] - opened[0] > closed[1] - closed[0] + 60, (closed, opened)
    press(display, shown, "alt+c")
    assert proc.wait(timeout=20) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_dont_warn_writes_the_settings_file_and_the_next_launch_is_quiet(display, home, player, backend):
    inst = instance(home, player, -3 * 3600)
    proc = start_check(home, inst, display, backend)
    press(display, find_window(display, TITLE), DONT_WARN[backend])
    out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0 and "these warnings are off for Steve" in out, out
    written = config.load(home / "prelaunch.toml")
    assert written.problems == [] and written.quiet.accounts == {"Steve": ["token"]}
    assert (written.network.enabled, written.ui.backend, written.ui.timeout) == (False, backend, 30)
    text = (home / "prelaunch.toml").read_text(encoding="utf-8")
    assert text.startswith(f'[network]\nenabled = false\n[ui]\nbackend = "{backend}"\ntimeout = 30\n')
    proc = check_process(inst, display)  # the next launch: a console line, no dialog (it would wait 30 s)
    out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0 and "expired" in out


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_error_offers_no_dont_warn(display, home, player, account_in_use, backend):
    inst = instance(home, player, 9e4)
    proc = start_check(home, inst, display, backend)
    window = find_window(display, TITLE, asker=proc)
    argv = " ".join(dialog_program(proc).cmdline())
    assert "warn about" not in argv
    type_keys(display, window, "alt+w")  # nothing there to press
    assert not window_gone(display, window, within=1.5)
    press(display, window, "Return")  # the focused button of an error: Cancel
    assert proc.wait(timeout=20) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_three_problems_and_their_details_fit_a_small_screen(small_display, home, player, account_in_use, backend,
                                                              tmp_path):
    """1024x600: the account playing elsewhere, its expired sign-in and a settings mistake (said once), the
    details open: the window is on the screen, its buttons too, and they answer."""
    inst = instance(home, player, -3 * 3600)
    proc = start_check(home, inst, small_display, backend, 30, "\n[session]\non_account_in_use = \"ask\"\nx = 1\n")
    window = find_window(small_display, TITLE, asker=proc)
    text = " ".join(dialog_program(proc).cmdline())
    assert "3 problems" in text, text
    time.sleep(0.5)
    assert 0 <= geometry(small_display, window)[0] and geometry(small_display, window)[1] <= 600
    shown = open_details(small_display, backend, window)
    time.sleep(0.5)
    screenshot(small_display, tmp_path / f"{backend}-small.png")
    top, bottom = geometry(small_display, shown)
    assert 0 <= top and bottom <= 600, (top, bottom)
    press(small_display, shown, "Escape" if backend == "zenity" else "alt+c")
    assert proc.wait(timeout=20) == 1


def test_a_warning_answered_launch_anyway_is_not_asked_again(display, home, player):
    """Launch anyway pressed: the next launches in the same situation say it in the console and ask nothing; a
    new situation (another expired sign-in) asks again."""
    inst = instance(home, player, -3 * 3600)
    proc = start_check(home, inst, display, "zenity")
    press(display, find_window(display, TITLE), "Return")  # the focused button of a warning: Launch anyway
    assert proc.wait(timeout=20) == 0
    for _ in range(2):
        proc = start_check(home, inst, display, "zenity")
        out, _ = proc.communicate(timeout=20)  # a dialog would wait 30 s
        assert proc.returncode == 0 and "not asked again before" in out and "expired 3 h ago" in out, out
    instance(home, player, -5 * 3600)  # signed in again since, and that one ran out too
    proc = start_check(home, inst, display, "zenity")
    press(display, find_window(display, TITLE), "Escape")
    assert proc.wait(timeout=20) == 1


def test_a_timeout_is_no_answer_to_remember(display, home, player):
    inst = instance(home, player, -3 * 3600)
    proc = start_check(home, inst, display, "zenity", timeout=2)
    find_window(display, TITLE)
    assert proc.wait(timeout=20) == 0  # nobody answered: the default, Launch anyway
    proc = start_check(home, inst, display, "zenity")
    press(display, find_window(display, TITLE), "Escape")  # asked again
    assert proc.wait(timeout=20) == 1


def test_asked_again_when_set_to_zero_hours(display, home, player):
    inst = instance(home, player, -3 * 3600)
    for _ in range(2):
        proc = start_check(home, inst, display, "zenity", 30, "ask_again_hours = 0\n")
        press(display, find_window(display, TITLE), "alt+l")
        assert proc.wait(timeout=20) == 0


def test_no_token_in_what_the_answers_write(display, home, player, tmp_path):
    """Tokens are secrets (tests/test_secrecy.py, for the answers a dialog takes): "Launch anyway" pressed
    (the answer kept in the state dir) and "Don't warn" (the settings file) write no token, and the kept answer
    names nobody."""
    inst = instance(home, player, -3 * 3600)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    outputs = []
    for key, extra in (("Return", ""), (DONT_WARN["zenity"], "ask_again_hours = 0\n")):  # asked again: 0 h
        proc = start_check(home, inst, display, "zenity", 30, extra)
        press(display, find_window(display, TITLE), key)
        outputs += list(proc.communicate(timeout=20))
        assert proc.returncode == 0
    written = [p for p in tmp_path.rglob("*") if p.is_file() and before.get(p) != p.read_bytes()]
    kept = [p for p in written if p.name == "asked.json"]
    assert len(kept) == 1 and "Steve" not in kept[0].read_text() and player not in kept[0].read_text()
    assert any(p.name == "prelaunch.toml" for p in written)
    for text in outputs + [p.read_bytes().decode("utf-8", "replace") for p in written]:
        assert not any(secret in text for secret in MINTED_SECRETS)
    assert any(s in (inst.parent.parent / "accounts.json").read_text() for s in MINTED_SECRETS)  # the search is real
