"""Names are text in every verb's output: an instance or account name that holds markup, a line break with a
fake console line after it, terminal controls (title, colours, clipboard) or a bidi override is shown as
written, on its own line, in the launcher's console (read as Prism Launcher reads it), `status`, `doctor`,
the wrapper's and the watchdog's lines; `--json` keeps it as data."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import pytest

from tests.helpers.builders import mint_jwt
from tests.helpers.hostile_names import (
    FAKE_ALL_GOOD,
    FAKE_LINE,
    FRIENDLY,
    HOSTILE,
    SHOWN,
    prism_instance_named,
    raw_control,
)
from tests.helpers.launch import game_argv, start_wrap, wait_for, write_config
from tests.helpers.parsers import prism_console
from tests.helpers.session import EXPIRES_IN_S, wait_until

LEVELS = ("!![Info]!", "!![Warning]!", "!![Error]!")
NO_DISPLAY = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "DBUS_SESSION_BUS_ADDRESS": ""}


def console_lines(out: bytes) -> list[str]:
    """The lines Prism's console shows of a process's output; every one of them is whole."""
    lines, held_back = prism_console(out)
    assert held_back == ""
    return lines


def assert_inert(lines: list[str], name: str, prefixed: bool = True) -> None:
    """Each line is one line of ours: no control character in it, none starts with the fake line, each carries
    a level prefix (when the output has them), and the name is shown as written."""
    assert all(raw_control(line) == [] for line in lines), lines
    assert not any(line.startswith(FAKE_ALL_GOOD) for line in lines), lines
    if prefixed:
        assert all(line.startswith(LEVELS) for line in lines), lines
    assert any(SHOWN.get(name, name) in line for line in lines), lines


def named_game(record: Path, account: str, player: str, sleep_s: float, token: str | None = None) -> list[str]:
    """The test game, started for the account `account` (its `--username`)."""
    argv = game_argv(record, sleep_s=sleep_s, uuid=player, token=token)
    argv[argv.index("--username") + 1] = account
    return argv


@pytest.fixture
def player():
    return uuid.uuid4().hex


@pytest.fixture
def held(home, tmp_path, player):
    """A game of `player`'s account, wrapped and running, started by the launcher for an instance named as
    each test says (INST_NAME) with an account named so (--username): the holder record names both."""
    procs = []

    def start(instance: str, account: str = "Steve"):
        record = tmp_path / f"held-{len(procs)}.json"
        proc = start_wrap(named_game(record, account, player, sleep_s=60), tmp_path,
                          dict(NO_DISPLAY, INST_NAME=instance))
        procs.append(proc)
        wait_for(record)
        return proc

    yield start
    for proc in procs:
        proc.kill()
        proc.wait()


@pytest.mark.parametrize("name", HOSTILE + FRIENDLY)
def test_check_console_shows_an_account_name_on_its_own_line(cli, home, name):
    inst = prism_instance_named(home, "Vanilla", account=name)
    result = cli("check", "--ui", "console", env=dict(NO_DISPLAY, INST_DIR=str(inst)), cwd=inst / "minecraft")
    assert result.code == 0
    lines = console_lines(result.out.encode())
    assert_inert(lines, name)
    assert f"!![Warning]!prelaunch: The sign-in of '{SHOWN.get(name, name)}' expired" in lines[0]


@pytest.mark.parametrize("name", HOSTILE)
def test_check_console_shows_the_instance_of_a_game_holding_the_account(cli, home, held, player, name):
    held(name)
    inst = prism_instance_named(home, "Vanilla", uuid=player, token_left_s=9e4)
    result = cli("check", "--ui", "console", env=dict(NO_DISPLAY, INST_DIR=str(inst)), cwd=inst / "minecraft")
    assert result.code == 1  # the question's default for an account in use: Cancel
    lines = console_lines(result.out.encode())
    assert_inert(lines, name)
    assert lines[0] == f"!![Error]!prelaunch: 'Steve' is already playing in instance '{SHOWN[name]}'"


@pytest.mark.parametrize("name", HOSTILE + FRIENDLY)
def test_check_json_keeps_the_names_as_data(cli, home, name):
    inst = prism_instance_named(home, name, account=name)
    result = cli("check", "--ui", "none", "--json", env=dict(NO_DISPLAY, INST_DIR=str(inst)),
                 cwd=inst / "minecraft")
    doc = json.loads(result.out)
    assert doc["instance"]["name"] == name and doc["account"]["name"] == name
    assert any(name in f["title"] for f in doc["findings"])
    assert raw_control(result.out.replace("\n", "")) == []


@pytest.mark.parametrize("name", HOSTILE + FRIENDLY)
def test_doctor_shows_each_name_on_its_line(cli, home, name):
    inst = prism_instance_named(home, name, account=name)
    result = cli("doctor", "--instance", str(inst), env=NO_DISPLAY)
    lines = result.out.splitlines()
    assert_inert(lines, name, prefixed=False)
    assert f"Instance: {SHOWN.get(name, name)} ({inst})" in lines
    assert len(lines) == len(cli("doctor", "--instance", str(prism_instance_named(home, "V", account="S")),
                                 env=NO_DISPLAY).out.splitlines())


@pytest.mark.parametrize("name", HOSTILE)
def test_status_shows_one_line_per_game_and_json_keeps_the_names(cli, held, player, name):
    held(name, account=name)
    lines = cli("status").out.splitlines()
    assert len(lines) == 1
    assert_inert(lines, name, prefixed=False)
    assert lines[0].startswith(f"{SHOWN[name]}: instance '{SHOWN[name]}'")
    result = cli("status", "--json")
    row = json.loads(result.out)["held"][0]
    assert row["account_name"] == name and row["instance_name"] == name and row["uuid"] == player
    assert raw_control(result.out.replace("\n", "")) == []


@pytest.mark.parametrize("policy", ["warn", "block"])
@pytest.mark.parametrize("name", HOSTILE)
def test_the_wrappers_line_about_a_game_holding_the_account(home, tmp_path, held, player, name, policy):
    held(name)
    write_config(home, f'[session]\non_account_in_use = "{policy}"\n')
    proc = start_wrap(named_game(tmp_path / "second.json", "Steve", player, sleep_s=0), tmp_path, NO_DISPLAY)
    out, _err = proc.communicate(timeout=30)
    lines = console_lines(out)
    assert_inert(lines, name)
    assert lines == [line for line in lines if line.startswith(f"!![{'Warning' if policy == 'warn' else 'Error'}]!")]


@pytest.mark.parametrize("name", HOSTILE)
def test_the_watchdogs_console_notice_names_the_account_on_its_line(home, tmp_path, player, name):
    write_config(home, '[ui]\nmode = "console"\n')
    record = tmp_path / "game.json"
    game = named_game(record, name, player, sleep_s=30, token=mint_jwt(time.time() + EXPIRES_IN_S))
    proc = start_wrap(game, tmp_path, NO_DISPLAY)
    try:
        log = home / ".local/state/prelaunch/log/prelaunch.log"
        assert wait_until(lambda: log.exists() and "ran out" in log.read_text(), timeout=25)
    finally:
        proc.kill()
        out, _ = proc.communicate()
    lines = console_lines(out)
    assert_inert(lines, name)
    assert f"!![Warning]!prelaunch: Minecraft session expired ({SHOWN[name]})" in lines
    assert len(log.read_text().splitlines()) == 1 and raw_control(log.read_text().rstrip("\n")) == []


@pytest.mark.parametrize("verb", ["wrap", "check"])
def test_a_command_that_cannot_start_is_named_on_its_line(cli, home, verb):
    """The player's (or a modpack's) command is data too: a wrapper's game or a pre-launch command run after
    the checks (`--then`) that cannot start is named as written."""
    command = f"/nonexistent/{FAKE_LINE}"
    args = ("wrap", "--", command) if verb == "wrap" else ("check", "--ui", "none", "--then", command)
    result = cli(*args, env=NO_DISPLAY)
    assert result.code == 127 if verb == "wrap" else result.code == 1
    lines = console_lines(result.out.encode())
    assert all(raw_control(line) == [] and line.startswith(LEVELS) for line in lines), lines
    assert lines[-1].startswith("!![Error]!prelaunch: ") and f"/nonexistent/{SHOWN[FAKE_LINE]}" in lines[-1]
    assert sum(line.startswith(FAKE_ALL_GOOD) for line in lines) == (verb == "check")  # check's own, when healthy


@pytest.mark.parametrize("name", HOSTILE + FRIENDLY)
def test_the_line_to_add_by_hand_reads_back_as_the_name(home, capsys, name):
    """"Don't warn" that cannot write its line (here the settings file is not valid TOML) says which line to add
    by hand: on one console line, with no control character raw, and as TOML that reads back as the name."""
    from prelaunch.cli import check
    from prelaunch.config import parse_toml
    from prelaunch.model import Finding

    (home / "prelaunch.toml").write_text("[network\nenabled = false\n", encoding="utf-8")
    check._silence([Finding("token", "warning", "Your sign-in runs out soon")], "Vanilla", name)
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith("!![Warning]!prelaunch: could not save") and raw_control(line) == []
    to_add = line.split("; add  ", 1)[1].split("  under [quiet.accounts]", 1)[0]
    assert parse_toml(to_add) == {name: ["token"]}
