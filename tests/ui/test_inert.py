"""Names made inert per output, each output read back by its own reader: Qt's (PySide6) for kdialog's rich
text, kdialog's own argument reading, an XML reader for notification markup, json and TOML."""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest

from prelaunch import config
from prelaunch.model import Finding
from prelaunch.ui import inert, kdialog, question
from prelaunch.ui.composer import quiet_line
from tests.helpers.hostile_names import FRIENDLY, HOSTILE, RICH, SHOWN, raw_control
from tests.helpers.parsers import kdialog_parse_string, markup_text, qt_label_text

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

EXPLICIT_BIDI = ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI")


def in_use_message(name: str) -> tuple[str, str]:
    """The title and the main text of the account-in-use question about a game in an instance called `name`,
    as the wrapper asks it."""
    finding = Finding("session", "error", f"'Steve' is already playing in instance '{name}' since 14:02",
                      "A second launch logs that game out.", ("Quit the other game first, then launch again.",))
    asked = question([finding], name, "Steve", blocking=True)
    return asked.title, asked.text(30)


def test_what_is_escaped_is_what_the_unicode_database_calls_a_control():
    """Cc (C0, DEL, C1), the line and paragraph separators, and UAX #9's explicit directional formatting
    characters: every code point is asked."""
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        expected = (unicodedata.category(character) in ("Cc", "Zl", "Zp")
                    or unicodedata.bidirectional(character) in EXPLICIT_BIDI)
        assert bool(inert.CONTROL.fullmatch(character)) == expected, hex(code)


@pytest.mark.parametrize("name", HOSTILE)
def test_a_line_shows_every_control_as_its_escape(name):
    assert inert.line(name) == SHOWN[name]
    assert inert.line(inert.line(name)) == inert.line(name)


@pytest.mark.parametrize("name", FRIENDLY)
def test_a_line_keeps_every_other_character(name):
    """Letters of every script, emoji joined by U+200D, right-to-left words (no override), backslashes."""
    assert inert.line(name) == name


@pytest.mark.parametrize("name", HOSTILE + FRIENDLY)
def test_a_dialog_about_a_name_has_only_its_own_lines(name):
    """The name's own line breaks and controls are shown, never made the dialog's: the message has the lines
    of the same message about a plain name, and the title is one line."""
    title, message = in_use_message(name)
    plain_title, plain_message = in_use_message("Vanilla")
    assert title == f"Minecraft: {SHOWN.get(name, name)} (Steve)" and raw_control(title) == []
    assert len(message.split("\n")) == len(plain_message.split("\n"))
    assert raw_control(message.replace("\n", "")) == [] and f"instance '{SHOWN.get(name, name)}'" in message


@pytest.mark.parametrize("name", HOSTILE + FRIENDLY)
def test_kdialog_shows_the_message_exactly(name):
    """What kdialog's question shows (its argument as kdialog reads it, then as its Qt label reads it) is the
    message, character for character: the markup in a name is text, a backslash stays one."""
    _title, message = in_use_message(name)
    argument = kdialog._argument(inert.qt_rich_text(message))
    assert qt_label_text(kdialog_parse_string(argument)) == message


def test_the_readers_do_read_markup():
    """The oracle can fail: a raw name is rich text to Qt, and its words lose their markup."""
    _title, message = in_use_message(RICH)
    assert qt_label_text(message) != message and "All checks passed" in qt_label_text(message)
    assert markup_text("a <b>b</b>") == ("a b", 1)


@pytest.mark.parametrize("name", HOSTILE + FRIENDLY)
def test_notification_markup_is_text(name):
    _title, message = in_use_message(name)
    assert markup_text(inert.markup(message)) == (message, 0)


@pytest.mark.parametrize("name", HOSTILE + FRIENDLY + ("\x00nul", '"quoted" \\'))
def test_json_holds_the_name_as_data_and_no_control(name):
    text = inert.json_text({"instance": {"name": name}})
    assert json.loads(text) == {"instance": {"name": name}}
    assert raw_control(text.replace("\n", "")) == []


@pytest.mark.parametrize("name", HOSTILE + FRIENDLY + ('"quoted" \\', "a.b = c"))
def test_a_toml_line_shown_reads_back_as_the_name(name):
    shown = inert.toml(quiet_line(name, "token"))
    assert tomllib.loads(f"[quiet.instances]\n{shown}\n") == {"quiet": {"instances": {name: ["token"]}}}
    assert raw_control(shown) == [] and "\n" not in shown


@pytest.mark.parametrize("name", HOSTILE + FRIENDLY + ('"quoted" \\',))
def test_the_dont_warn_line_is_a_line_the_configuration_takes(tmp_path, name):
    """The key the Details say "Don't warn" adds, pasted as shown, quiets that account in prelaunch's own
    configuration reader."""
    finding = Finding("token", "warning", "The sign-in of the account expires in 2 h", "", ("Restart.",))
    details = question([finding], "Vanilla", name).details
    said = next(line for line in details.split("\n") if line.startswith("\u201cDon't warn"))
    pasted = said.split("adds  ", 1)[1].split("  under [quiet.accounts]", 1)[0]
    (tmp_path / "config.toml").write_text(f"[quiet.accounts]\n{pasted}\n", encoding="utf-8")
    loaded = config.load(tmp_path / "config.toml")
    assert loaded.problems == [] and loaded.quiet.accounts == {name: ["token"]}


@pytest.mark.parametrize("name", HOSTILE + FRIENDLY)
def test_kdialog_shows_the_headline_and_the_text_exactly(name):
    """A bold headline over the text: what the Qt label shows is the headline, a line break, the text."""
    headline, text = f"'Steve' is already playing in instance '{inert.line(name)}'", "First: quit it.\n\nNo answer"
    argument = kdialog._argument(inert.qt_rich_text(text, headline))
    assert qt_label_text(kdialog_parse_string(argument)) == f"{headline}\n{text}"
