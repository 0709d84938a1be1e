"""The "Don't warn about this for …" button writes the [quiet] line into the player's settings file: the line is
a TOML writer's, it lands in the right table, every other byte of the file stays, and the file reads back with
every earlier setting intact (prelaunch's own reader: `config.load`)."""

from __future__ import annotations

import os
import stat

import pytest

from prelaunch import config
from prelaunch.ui import silence
from tests.helpers.dialog_cases import NAMES

EARLIER = ('# my settings\r\n[ui]\r\ntimeout = 30  # seconds\r\nbackend = "zenity"\r\n\r\n[quiet.accounts]\r\n'
           'Bob = ["network"]\r\n\r\n# the network\r\n[network]\r\nenabled = false\r\n')


def settings_of(loaded: config.Config) -> dict:
    """Every setting read, by table, [quiet] included."""
    return {name: dict(vars(section)) for name, section in loaded.sections().items()}


def added(path, table: str, name: str, kinds: list[str]) -> tuple[str, str]:
    """(the file before, after) one press of the button."""
    before = path.read_bytes().decode("utf-8") if path.exists() else ""
    assert silence.add(table, name, kinds, str(path)) == ""
    return before, path.read_bytes().decode("utf-8")


def test_a_new_file_is_made_owner_only(tmp_path, home):
    path = tmp_path / "new" / "config.toml"
    _before, after = added(path, "accounts", "Alex", ["token", "network"])
    assert after == '[quiet.accounts]\nAlex = ["token", "network"]\n'
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    loaded = config.load(path)
    assert loaded.problems == [] and loaded.quiet.accounts == {"Alex": ["token", "network"]}


def test_the_line_goes_at_the_end_of_its_table_and_nothing_else_changes(tmp_path, home):
    path = tmp_path / "config.toml"
    path.write_bytes(EARLIER.encode())
    os.chmod(path, 0o644)
    earlier = settings_of(config.load(path))
    before, after = added(path, "accounts", "Alex", ["token"])
    line = 'Alex = ["token"]\r\n'
    assert after == before.replace('Bob = ["network"]\r\n', 'Bob = ["network"]\r\n' + line)  # byte for byte
    loaded = config.load(path)
    assert loaded.problems == [] and loaded.quiet.accounts == {"Bob": ["network"], "Alex": ["token"]}
    earlier["quiet"]["accounts"]["Alex"] = ["token"]
    assert settings_of(loaded) == earlier  # every earlier setting, as it was
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # the player's own file keeps its mode


def test_a_table_that_is_not_there_is_added_at_the_end(tmp_path, home):
    path = tmp_path / "config.toml"
    path.write_text('[ui]\ntimeout = 30', encoding="utf-8")  # no line break at its end
    before, after = added(path, "instances", "Vanilla+", ["network"])
    assert after == before + '\n\n[quiet.instances]\n"Vanilla+" = ["network"]\n'
    loaded = config.load(path)
    assert loaded.ui.timeout == 30 and loaded.quiet.instances == {"Vanilla+": ["network"]}


@pytest.mark.parametrize("text,old,new,accounts", [
    # the name's own entry (over lines, with a comment) becomes one line with both kinds
    ('[quiet.accounts]\nAlex = [\n  "clock",  # too often\n]\nBob = ["token"]\n\n[ui]\nmode = "gui"\n',
     'Alex = [\n  "clock",  # too often\n]\n', 'Alex = ["clock", "token"]\n',
     {"Alex": ["clock", "token"], "Bob": ["token"]}),
    # a header written another way is the same table
    ('[ "quiet" . accounts ]  # mine\n"Bob" = ["clock"]\n[ui]\nmode = "gui"\n',
     '"Bob" = ["clock"]\n', '"Bob" = ["clock"]\nAlex = ["token"]\n', {"Bob": ["clock"], "Alex": ["token"]})])
def test_the_line_lands_in_the_table_however_it_is_written(tmp_path, home, text, old, new, accounts):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    before, after = added(path, "accounts", "Alex", ["token"])
    assert after == before.replace(old, new)
    loaded = config.load(path)
    assert loaded.quiet.accounts == accounts and loaded.ui.mode == "gui"


@pytest.mark.parametrize("text", ['[quiet]\naccounts = { Bob = ["token"] }\n',  # the table written inline
                                  '[ui\ntimeout = 3\n',  # not valid TOML
                                  'quiet.accounts.Alex = ["clock"]\n[ui]\nmode = "gui"\n'])  # dotted keys
def test_a_file_it_cannot_change_safely_is_left_alone(tmp_path, home, text):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    problem = silence.add("accounts", "Alex", ["token"], str(path))
    assert problem and str(path) in problem
    assert path.read_text(encoding="utf-8") == text


def test_a_file_that_is_not_text_is_left_alone(tmp_path, home):
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xff\xfe[ui]\n")
    assert "not UTF-8" in silence.add("accounts", "Alex", ["token"], str(path))
    assert path.read_bytes() == b"\xff\xfe[ui]\n"


@pytest.mark.parametrize("name", NAMES)
def test_any_name_reads_back_as_written(tmp_path, home, name):
    """Quotes, backslashes, line breaks, a name that looks like a table or a key: the file reads back with
    that name quieted, and only that one."""
    path = tmp_path / "config.toml"
    path.write_text('[quiet.accounts]\n"Steve" = ["clock"]\n', encoding="utf-8")
    added(path, "accounts", name, ["token"])
    loaded = config.load(path)
    assert loaded.problems == [] and loaded.quiet.accounts == {"Steve": ["clock"], name: ["token"]}
    added(path, "accounts", name, ["network"])  # a second press: the entry is replaced, not repeated
    assert config.load(path).quiet.accounts == {"Steve": ["clock"], name: ["token", "network"]}


def test_the_edit_is_planned_before_anything_is_written():
    """`edited` returns the new text or None; the file is replaced only with a text that reads back right."""
    assert silence.edited("", "accounts", "A", ["token"]) == '[quiet.accounts]\nA = ["token"]\n'
    assert silence.edited("[broken", "accounts", "A", ["token"]) is None
