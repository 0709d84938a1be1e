"""Every verb has --help, and every option in it says what it does; doctor while playing."""

import argparse
import subprocess
import time
import uuid

import pytest

from prelaunch.cli import _parser
from tests.helpers.builders import mint_jwt, prism_account, prism_instance, write_prism
from tests.helpers.launch import game_argv, wait_for


def _verbs() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_verb_is_there():
    assert set(_verbs()) == {"check", "doctor", "wrap", "status", "explain", "install", "uninstall"}


@pytest.mark.parametrize("verb", sorted(_verbs()))
def test_every_option_is_explained(verb):
    parser = _verbs()[verb]
    assert parser.description and len(parser.description) > 40
    for action in parser._actions:
        if not isinstance(action, argparse._HelpAction):
            assert action.help and len(action.help) > 10, (verb, action.dest)


@pytest.mark.parametrize("verb", sorted(_verbs()))
def test_help_prints_for_every_verb(cli, verb):
    result = cli(verb, "--help")
    assert result.code == 0 and "usage:" in result.out
    for action in _verbs()[verb]._actions:
        if not isinstance(action, argparse._HelpAction):
            assert all(flag in result.out for flag in action.option_strings), (verb, action.dest)


def test_doctor_while_playing_reports_the_game_without_calling_it_an_error(cli, home, tmp_path):
    player = uuid.uuid4().hex
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": "Vanilla+"}},
                           accounts=[prism_account("Steve", player, mint_jwt(time.time() + 86000), active=True)])
    record = tmp_path / "game.json"
    game = subprocess.Popen(game_argv(record, sleep_s=60, uuid=player), cwd=tmp_path)
    try:
        wait_for(record)
        result = cli("doctor", "--instance", str(prism_instance(data_dir, "v")))
    finally:
        game.kill()
        game.wait()
    line = next(line for line in result.out.splitlines() if "session: 'Steve' is playing now" in line)
    assert line.startswith("[info]")
    assert "[error]" not in result.out
    assert result.code == 0
