"""`check --then`: everything after the first `--then` is the player's own pre-launch command, verbatim; a
problem with `check`'s own options is fail-open; a cancelled or refused launch never runs that command."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.helpers.builders import FIXTURE_UUID, prism_with_steve
from tests.helpers.session import held_here

# A player's command that records the arguments it was started with, one JSON list.
RECORDER = "import json, sys; open(sys.argv[1], 'w').write(json.dumps(sys.argv[2:]))"


def recorder(out: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", RECORDER, str(out), *args]


# Realistic pre-launch commands holding `--` or our own option names, each with what it must print.
PLAYER_COMMANDS = {
    "sh -c with --": (["sh", "-c", 'echo "syncing $1"', "--", "/games/Café pack"], "syncing /games/Café pack"),
    "env --": (["env", "--", "echo", "ran"], "ran"),
    "timeout -- 60": (["timeout", "--", "60", "echo", "ran"], "ran"),
    "nice -n 5 --": (["nice", "-n", "5", "--", "echo", "ran"], "ran"),
    "echo -- -x": (["echo", "--", "-x"], "-- -x"),
    "our own options": (["echo", "-h", "--then", "--json", "--ui", "gui"], "-h --then --json --ui gui"),
}


@pytest.mark.parametrize("name", sorted(PLAYER_COMMANDS))
def test_the_players_command_runs_verbatim_whatever_it_holds(cli, home, name):
    command, printed = PLAYER_COMMANDS[name]
    result = cli("check", "--ui", "none", "--then", *command)
    assert result.code == 0, result.out + result.err
    assert result.out.splitlines()[-1] == printed
    assert result.err == ""


def test_arguments_after_then_reach_the_command_unread(cli, home, tmp_path):
    out = tmp_path / "argv.json"
    args = ["--", "-h", "--help", "--then", "--json", "--ui", "sideways", "--version", ""]
    result = cli("check", "--ui", "none", "--then", *recorder(out, *args))
    assert result.code == 0, result.out + result.err
    assert json.loads(out.read_text()) == args


@pytest.mark.parametrize("own", [["--ui", "sideways"], ["--frobnicate"], ["--ui"], ["stray"]])
def test_unreadable_own_options_fail_open_and_still_run_the_players_command(cli, home, tmp_path, own):
    out = tmp_path / "argv.json"
    result = cli("check", *own, "--then", *recorder(out, "--", "x"))
    assert result.code == 0, result.out + result.err
    assert json.loads(out.read_text()) == ["--", "x"]
    warning = [line for line in result.out.splitlines() if "prelaunch" in line]
    assert len(warning) == 1 and warning[0].startswith("!![Warning]!prelaunch: could not read its own options")
    assert "the launch goes on" in warning[0] and result.err == ""


def test_unreadable_own_options_without_then_exit_0(cli, home):
    result = cli("check", "--ui", "sideways")
    assert result.code == 0 and "could not read its own options" in result.out and result.err == ""


def test_the_players_exit_code_is_the_launchs(cli, home):
    assert cli("check", "--ui", "none", "--then", "sh", "-c", "exit 3", "--", "x").code == 3
    assert cli("check", "--ui", "sideways", "--then", "sh", "-c", "exit 4").code == 4


def test_other_verbs_still_refuse_a_bad_command_line(cli, home):
    result = cli("frobnicate")
    assert result.code == 2 and result.out == "" and result.err.count("\n") == 1
    assert cli("doctor", "--then", "x").code == 2


# --- a stopped launch never runs the player's command ----------------------------------------------------

@pytest.fixture
def account_playing(home: Path):
    """Steve's account held by this process, as by a game of his that is running now."""
    with held_here(FIXTURE_UUID):
        yield


@pytest.mark.parametrize(("policy", "code", "runs"), [("block", 1, False), ("ask", 1, False), ("warn", 0, True)])
def test_a_stopped_launch_never_runs_the_players_command(cli, home, tmp_path, account_playing, policy, code, runs):
    """`ask` with no one to ask takes an error's default answer, Cancel; `warn` lets it go (and so the test
    can see the command run when it should)."""
    (home / "prelaunch.toml").write_text(f'[network]\nenabled = false\n[session]\non_account_in_use = "{policy}"\n',
                                         encoding="utf-8")
    inst = prism_with_steve(home, "Vanilla")
    out = tmp_path / "argv.json"
    result = cli("check", "--ui", "none", "--then", *recorder(out, "ran"),
                 env={"INST_DIR": str(inst), "INST_NAME": "Vanilla"}, cwd=inst / "minecraft")
    assert result.code == code, result.out + result.err
    assert out.exists() == runs
    assert "Steve" in result.out
    assert ("launch refused" in result.out) == (policy == "block")  # the policy, not the default answer, stopped it
