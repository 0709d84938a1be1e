"""Hostile names in real dialogs and notifications on a real desktop (Xvfb and openbox): the text each dialog
program is given, read the way that program reads it, is the message with the name as written, and what it
draws holds no spoofed markup (no "All checks passed" in big green letters)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid

import pytest

from prelaunch.ui import kdialog, notify_send
from prelaunch.ui.question import Question
from tests.helpers.builders import mint_jwt
from tests.helpers.hostile_names import FAKE_LINE, PANGO, RICH, SHOWN, TERMINAL, prism_instance_named, raw_control
from tests.helpers.launch import game_argv, start_wrap, wait_for, write_config
from tests.helpers.parsers import kdialog_parse_string, markup_text, qt_label_text
from tests.helpers.popups import LINUX_BACKENDS, dialog_program, start_check
from tests.helpers.session import EXPIRES_IN_S
from tests.helpers.xserver import (
    find_window,
    notifications,
    press,
    screenshot,
    strong_green_pixels,
    toplevel_of,
    xdo,
)

NAMES = (RICH, FAKE_LINE, TERMINAL)
QUESTION_LINES = 5  # the problem, its sentence, the first step, a blank line, the countdown


def shown_text(proc: subprocess.Popen, backend: str) -> str:
    """The text the dialog shows, from the dialog program's own command line read as that program reads it."""
    argv = dialog_program(proc).cmdline()
    if backend == "tk":
        request = json.loads(argv[-1])
        return Question(**request["question"]).text(request["timeout"])
    if backend == "zenity":
        assert "--no-markup" in argv
        return next(arg[len("--text="):] for arg in argv if arg.startswith("--text="))
    kind = next(arg for arg in argv if arg.startswith("--warningyesno"))
    return qt_label_text(kdialog_parse_string(argv[argv.index(kind) + 1]))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("backend", LINUX_BACKENDS)
def test_a_named_instance_in_the_account_in_use_question(display, home, tmp_path, player, backend, name):
    """The instance of the game already playing and the instance being launched have the same hostile name:
    the title and the text show it as written, the text keeps its own lines, nothing is drawn green, and the
    question still answers Cancel to Escape."""
    record = tmp_path / "other.json"
    other = start_wrap(game_argv(record, sleep_s=120, uuid=player), tmp_path,
                       {"INST_NAME": name, "DISPLAY": "", "DBUS_SESSION_BUS_ADDRESS": ""})
    try:
        wait_for(record)
        inst = prism_instance_named(home, name, uuid=player, token_left_s=9e4)
        proc = start_check(home, inst, display, backend)
        title = f"Minecraft: {SHOWN[name]} (Steve)"
        window = find_window(display, title, asker=proc)
        assert xdo(display, "getwindowname", window).rstrip("\n") in (title, f"{title} — KDialog")
        text = shown_text(proc, backend)
        assert f"is already playing in instance '{SHOWN[name]}'" in text
        assert raw_control(text.replace("\n", "")) == [] and len(text.split("\n")) == QUESTION_LINES, text
        time.sleep(0.7)  # let the toolkit draw it
        frame = str(toplevel_of(display, window))
        screenshot(display, tmp_path / f"{backend}.png", frame)
        assert strong_green_pixels(display, frame) == 0
        press(display, window, "Escape")
        assert proc.wait(timeout=20) == 1
    finally:
        other.kill()
        other.wait()


def notification_window(display: str, timeout: float = 20) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = xdo(display, "search", "--onlyvisible", "--classname", "Dunst").split()
        if found:
            return found[-1]
        time.sleep(0.1)
    raise AssertionError("no notification appeared")


def spoofed_message(name: str) -> tuple[str, str]:
    return (f"Minecraft: {SHOWN[name]} (Steve)",
            f"Instance '{SHOWN[name]}' in C:\\new\\pack:\n  1. Quit the game, then launch again.")


@pytest.mark.parametrize("name", [PANGO, RICH, FAKE_LINE])
@pytest.mark.parametrize("backend", [notify_send, kdialog])
def test_a_notification_about_a_name_shows_it_as_written(notifying_desktop, monkeypatch, tmp_path, backend, name):
    """notify-send and kdialog hand the notification service a summary it shows as plain text and a body
    whose markup (Pango, in dunst) is the text as written: backslashes and visible escapes included."""
    display, env = notifying_desktop
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    title, message = spoofed_message(name)
    assert backend.notify(title, message, 10)
    notification_window(display)
    time.sleep(0.5)
    screenshot(display, tmp_path / "notification.png")
    assert strong_green_pixels(display, "root") == 0
    [got] = notifications(env)
    assert markup_text(got["body"]) == (message, 0)
    assert got["summary"] == (title if backend is notify_send else kdialog_summary(title))


def kdialog_summary(title: str) -> str:
    """kdialog's --title is also the caption of the Qt label it falls back to without a notification service,
    so it is escaped as markup: a summary shown as plain text shows the escapes."""
    return title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") \
        .replace("'", "&#x27;")


@pytest.mark.parametrize("name", [PANGO, FAKE_LINE])
def test_the_watchdogs_notification_names_the_account_as_written(notifying_desktop, home, tmp_path, name):
    """A game outlives its sign-in: the notice goes to the notification service, the account's name in its
    one-line summary as written, nothing drawn green."""
    display, env = notifying_desktop
    write_config(home, '[ui]\nbackend = "notify-send"\ntimeout = 10\n')
    record = tmp_path / "game.json"
    argv = game_argv(record, sleep_s=30, uuid=uuid.uuid4().hex, token=mint_jwt(time.time() + EXPIRES_IN_S))
    argv[argv.index("--username") + 1] = name
    proc = subprocess.Popen([sys.executable, "-m", "prelaunch", "wrap", "--", *argv], cwd=tmp_path,
                            env=dict(os.environ, **env), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    try:
        notification_window(display, timeout=30)
        time.sleep(0.5)
        screenshot(display, tmp_path / "notice.png")
        assert strong_green_pixels(display, "root") == 0
        [got] = notifications(env)
        assert got["summary"] == f"Minecraft session expired ({SHOWN[name]})"
        assert markup_text(got["body"])[1] == 0
    finally:
        proc.kill()
        proc.wait()
