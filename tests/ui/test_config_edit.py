"""The configuration file's editor that "Don't warn" and the installer share: a key set in its table and taken
out again, every other byte kept, checked by reading the text back; tests/ui/test_silence.py has the [quiet]
cases and the file on disk."""

from __future__ import annotations

import pytest

from prelaunch.config import parse_toml
from prelaunch.ui import config_edit
from prelaunch.ui.config_edit import ABSENT

DEVICES = ("devices",)
PLAYER = '# mine\n[ui]\ntimeout = 30  # seconds\n\n[network]\nenabled = false\n'


def set_to(value):
    return lambda _now: value


@pytest.mark.parametrize("text", [PLAYER, PLAYER.replace("\n", "\r\n"), "", PLAYER + "\n\n",
                                  '[devices]\nname = "PC"\n\n[ui]\nmode = "gui"\n'],
                         ids=["lines", "crlf", "empty", "blank lines at the end", "table already there"])
def test_a_key_set_then_taken_out_gives_the_same_bytes(text):
    added = config_edit.edited(text, DEVICES, "folder", set_to("~/Dropbox/prelaunch"))
    assert added is not None and parse_toml(added)["devices"]["folder"] == "~/Dropbox/prelaunch"
    assert config_edit.edited(added, DEVICES, "folder", set_to(ABSENT)) == text


def test_a_table_keeps_its_header_while_it_holds_anything_else():
    text = '[devices]\n# synced by Syncthing\nfolder = "~/Sync"\n'
    assert config_edit.edited(text, DEVICES, "folder", set_to(ABSENT)) == "[devices]\n# synced by Syncthing\n"
    text = '[devices]  # mine\nfolder = "~/Sync"\n'
    assert config_edit.edited(text, DEVICES, "folder", set_to(ABSENT)) == "[devices]  # mine\n"
    text = '[devices]\nfolder = "~/Sync"\n\n[ui]\nmode = "gui"\n'
    assert config_edit.edited(text, DEVICES, "folder", set_to(ABSENT)) == '[ui]\nmode = "gui"\n'


def test_an_entry_over_several_lines_is_replaced_and_taken_out_whole():
    text = '[devices]\nfolder = """\n~/Sync"""\nname = "PC"\n'
    assert config_edit.edited(text, DEVICES, "folder", set_to("~/Dropbox")) == '[devices]\nfolder = "~/Dropbox"\n' \
                                                                                 'name = "PC"\n'
    assert config_edit.edited(text, DEVICES, "folder", set_to(ABSENT)) == '[devices]\nname = "PC"\n'


def test_the_value_for_is_given_what_the_file_holds():
    seen = []

    def only_ours(now):
        seen.append(now)
        return ABSENT if now == "~/Dropbox" else now

    assert config_edit.edited('[devices]\nfolder = "~/Sync"\n', DEVICES, "folder", only_ours) == \
        '[devices]\nfolder = "~/Sync"\n'  # not what was set: unchanged, the text itself
    assert config_edit.edited("[ui]\n", DEVICES, "folder", only_ours) == "[ui]\n"
    assert seen == ["~/Sync", ABSENT]


@pytest.mark.parametrize("text", ["[devices\n", "devices = 3\n", 'devices = { folder = "~/Sync" }\n',
                                  'devices.folder = "~/Sync"\n'],
                         ids=["not TOML", "not a table", "inline table", "dotted key"])
def test_what_cannot_be_changed_safely_is_none(text):
    assert config_edit.edited(text, DEVICES, "folder", set_to("~/Dropbox")) is None


def test_a_line_is_a_toml_writers_on_one_line():
    assert config_edit.line("folder", 'C:\\Users\\Zoë "x"') == 'folder = "C:\\\\Users\\\\Zoë \\"x\\""'
    assert config_edit.line("A b", ["token", "clock"]) == '"A b" = ["token", "clock"]'
