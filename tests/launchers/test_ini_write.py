"""Writing Prism and MultiMC INI files: the reader of each format (Qt's QSettings, Prism's load, the oracles of
tests/parsers.py) reads back what was written; nothing else moves."""

from pathlib import Path

import pytest

from prelaunch.launchers import ini, ini_write
from tests import parsers
from tests.launchers.test_ini import NASTY

QtCore = pytest.importorskip("PySide6.QtCore")

PRISM_FILE = ("[General]\r\nConfigVersion=1.2\r\nInstanceType=OneSix\r\nname=Vanilla Plus\r\n"
              "PreLaunchCmd=old legacy\r\nOverrideCommands=true\r\n\r\n[UI]\r\nwidth=800\r\n")
COMMANDS = ['"/home/a b/prelaunch-check" --then sh -c "echo pre a=b, c; exit 0"', '"/x y/w" gamemoderun',
            '"a;b"', '"unbalanced;', 'ends with quote; "', '"$INST_DIR/pack wiz.sh" --refresh', '""',
            '"x=1"="y"']
START = {ini.QSETTINGS: "[General]\nConfigVersion=1.2\nname=Ü\n", ini.PRISM_1_1: "[General]\nConfigVersion=1.1\n",
         ini.PRISM_OLD: "InstanceType=OneSix\nname=x\n", ini.MULTIMC: "InstanceType=OneSix\nname=x\n"}


def read_back(path: Path, fmt: str) -> dict[str, str]:
    """The values the launcher that reads this format takes from the file."""
    if fmt == ini.MULTIMC:
        return parsers.multimc_read(path.read_text(encoding="utf-8"))
    return parsers.prism_load(path)


VALUES = NASTY + COMMANDS + ['sh -c "echo done; sleep 1"', "a@b", "\x01ctl"]
# MultiMC's reader trims every value and has no escape for a blank (INIFile.cpp:141): edge blanks cannot be
# written in its format (prelaunch's commands never have any, and a value read from such a file has none).
CASES = [(fmt, value) for fmt in (ini.QSETTINGS, ini.PRISM_1_1, ini.PRISM_OLD, ini.MULTIMC) for value in VALUES
         if fmt in (ini.QSETTINGS, ini.PRISM_1_1) or value == value.strip()]


@pytest.mark.parametrize("fmt,value", CASES)
def test_every_format_reads_back_every_value(tmp_path: Path, value: str, fmt: str):
    path = tmp_path / "instance.cfg"
    path.write_bytes(ini_write.set_values(START[fmt], {"PreLaunchCommand": value}, fmt).encode())
    assert read_back(path, fmt)["PreLaunchCommand"] == value
    launcher = "multimc" if fmt == ini.MULTIMC else "prism"
    assert ini.file_format(path.read_text(encoding="utf-8"), launcher) == fmt  # the format stays the file's
    assert ini.read(path, launcher)["PreLaunchCommand"] == value


@pytest.mark.parametrize("value", NASTY + COMMANDS)
def test_qsettings_reads_back_and_legacy_name_goes(tmp_path: Path, value: str):
    path = tmp_path / "instance.cfg"
    path.write_bytes(ini_write.set_values(PRISM_FILE, {"PreLaunchCommand": value, "PreLaunchCmd": None},
                                           ini.QSETTINGS).encode())
    qt = QtCore.QSettings(str(path), QtCore.QSettings.Format.IniFormat)
    assert qt.value("PreLaunchCommand") == value
    assert qt.value("PreLaunchCmd") is None
    assert qt.value("UI/width") == "800" and qt.value("name") == "Vanilla Plus"


def test_other_lines_order_and_line_endings_stay():
    written = ini_write.set_values(PRISM_FILE, {"WrapperCommand": "x", "name": "Renamed"}, ini.QSETTINGS)
    assert written == PRISM_FILE.replace("name=Vanilla Plus", "name=Renamed").replace(
        "OverrideCommands=true\r\n", "OverrideCommands=true\r\nWrapperCommand=x\r\n")
    assert ini_write.set_values(PRISM_FILE, {}, ini.QSETTINGS) == PRISM_FILE


def test_file_without_general_section_gets_one():
    written = ini_write.set_values("", {"PreLaunchCommand": "a"}, ini.QSETTINGS)
    assert written == "[General]\nPreLaunchCommand=a\n"


@pytest.mark.parametrize("fmt", [ini.QSETTINGS, ini.MULTIMC])
def test_a_key_set_twice_keeps_one_line(fmt: str):
    """Both readers take a key's last line: a later duplicate would hide the value written into the first."""
    text = "[General]\nConfigVersion=1.2\nPreLaunchCommand=a\nname=n\nPreLaunchCommand=b\n"
    written = ini_write.set_values(text, {"PreLaunchCommand": "ours"}, fmt)
    assert written.count("PreLaunchCommand=") == 1
    reader = parsers.multimc_read if fmt == ini.MULTIMC else ini.parse_qsettings
    assert reader(written)["PreLaunchCommand"] == "ours"


@pytest.mark.parametrize("value", ["plain", "with # hash", "C:\\Games\\mc", "a;b,c=d", "line\nbreak", "tab\tx"])
def test_multimc_format_reads_back_and_stays_sorted(value: str):
    text = "InstanceType=OneSix\nJavaPath=/usr/bin/java\nname=Semi\\;colon\n"
    written = ini_write.set_values(text, {"PreLaunchCommand": value, "OverrideCommands": "true"}, ini.MULTIMC)
    read = parsers.multimc_read(written)
    assert read["PreLaunchCommand"] == value and read["name"] == "Semi;colon"
    keys = [line.split("=", 1)[0] for line in written.splitlines()]
    assert keys == ["InstanceType", "JavaPath", "OverrideCommands", "PreLaunchCommand", "name"]


def test_multimc_writes_its_own_format_into_a_file_prism_saved():
    """An instance folder last saved by Prism, now in a MultiMC data dir: no quotes, no \\xNNNN."""
    text = "[General]\nConfigVersion=1.2\nname=\\x00dcberleben\n"
    written = ini_write.set_values(text, {"PreLaunchCommand": '"/a ü/c" --then x;y'}, ini.MULTIMC)
    assert 'PreLaunchCommand="/a ü/c" --then x;y' in written.splitlines()
    assert parsers.multimc_read(written)["PreLaunchCommand"] == '"/a ü/c" --then x;y'


@pytest.mark.parametrize("fmt", [ini.QSETTINGS, ini.PRISM_OLD, ini.MULTIMC])
def test_only_the_readers_line_ends_cut_lines(tmp_path: Path, fmt: str):
    """A value may hold characters str.splitlines breaks at (form feed, U+2028, U+0085; a lone CR for MultiMC):
    the launcher's reader does not, so neither does the writer; every other byte stays, CRLF included."""
    head = "[General]\r\nConfigVersion=1.2\r\n" if fmt == ini.QSETTINGS else ""
    text = head + "name=a\x0cb\u2028c\x85d\r\nnotes=x\ry\nJavaPath=/usr/bin/java"
    written = ini_write.set_values(text, {"PreLaunchCommand": '"/a b/c" --then x;y'}, fmt)
    path = tmp_path / "instance.cfg"
    path.write_bytes(written.encode())
    assert read_back(path, fmt)["PreLaunchCommand"] == '"/a b/c" --then x;y'
    line = "PreLaunchCommand=" + ini_write.escape('"/a b/c" --then x;y', fmt)
    if fmt == ini.QSETTINGS:  # after the last root line, which gets the file's line end first
        assert written == f"{text}\r\n{line}\r\n"
        qt = QtCore.QSettings(str(path), QtCore.QSettings.Format.IniFormat)
        assert qt.value("name") == "a\x0cb\u2028c\x85d" and qt.value("JavaPath") == "/usr/bin/java"
    else:  # before the first line with a greater key (`name`: MultiMC sorts by code unit)
        assert written == f"{line}\r\n{text}"
        assert parsers.multimc_read(written)["name"] == "a\x0cb\u2028c\x85d"
