"""Writing Prism and MultiMC INI files: Qt's QSettings reads back what was written; nothing else moves."""

from pathlib import Path

import pytest

from prelaunch.launchers import _ini, _ini_write
from tests.launchers.test_ini import NASTY

QtCore = pytest.importorskip("PySide6.QtCore")

PRISM_FILE = ("[General]\r\nConfigVersion=1.2\r\nInstanceType=OneSix\r\nname=Vanilla Plus\r\n"
              "PreLaunchCmd=old legacy\r\nOverrideCommands=true\r\n\r\n[UI]\r\nwidth=800\r\n")


@pytest.mark.parametrize("value", NASTY + ['sh -c "echo done; sleep 1"', "a@b", "\x01ctl", "tab\tafter\x00nul1"])
def test_qsettings_reads_back_every_value(tmp_path: Path, value: str):
    path = tmp_path / "instance.cfg"
    path.write_bytes(_ini_write.set_values(PRISM_FILE, {"PreLaunchCommand": value, "PreLaunchCmd": None},
                                           qsettings=True).encode())
    qt = QtCore.QSettings(str(path), QtCore.QSettings.Format.IniFormat)
    assert qt.value("PreLaunchCommand") == value
    assert qt.value("PreLaunchCmd") is None
    assert _ini.read(path)["PreLaunchCommand"] == value
    assert qt.value("UI/width") == "800" and qt.value("name") == "Vanilla Plus"


def test_other_lines_order_and_line_endings_stay():
    written = _ini_write.set_values(PRISM_FILE, {"WrapperCommand": "x", "name": "Renamed"}, qsettings=True)
    assert written == PRISM_FILE.replace("name=Vanilla Plus", "name=Renamed").replace(
        "OverrideCommands=true\r\n", "OverrideCommands=true\r\nWrapperCommand=x\r\n")
    assert _ini_write.set_values(PRISM_FILE, {}, qsettings=True) == PRISM_FILE


def test_file_without_general_section_gets_one():
    written = _ini_write.set_values("", {"PreLaunchCommand": "a"}, qsettings=True)
    assert written == "[General]\nPreLaunchCommand=a\n"


@pytest.mark.parametrize("value", ["plain", "with # hash", "C:\\Games\\mc", "a;b,c=d", "line\nbreak", "tab\tx"])
def test_multimc_format_reads_back_and_stays_sorted(tmp_path: Path, value: str):
    text = "InstanceType=OneSix\nJavaPath=/usr/bin/java\nname=Semi\\;colon\n"
    written = _ini_write.set_values(text, {"PreLaunchCommand": value, "OverrideCommands": "true"}, qsettings=False)
    path = tmp_path / "instance.cfg"
    path.write_text(written)
    read = _ini.parse_multimc(written)
    assert read["PreLaunchCommand"] == value and read["name"] == "Semi;colon"
    keys = [line.split("=", 1)[0] for line in written.splitlines()]
    assert keys == ["InstanceType", "JavaPath", "OverrideCommands", "PreLaunchCommand", "name"]
    assert '"' not in written.splitlines()[3] or '"' in value
