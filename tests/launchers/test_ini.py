"""The INI readers against Qt's own QSettings (the parser Prism uses) and against the oracles written from the
launchers' readers (tests/parsers.py): Prism's old format and MultiMC's."""

from pathlib import Path

import pytest

from prelaunch.launchers import ini
from tests import parsers

QtCore = pytest.importorskip("PySide6.QtCore")

NASTY = [
    "plain",
    "with spaces inside",
    " leading and trailing ",
    '"C:/Program Files/Python312/python.exe" C:/mchook/pre.py',
    "C:\\Users\\me\\x.py",
    "a;b",
    "a,b",
    "key=value",
    "# not a comment",
    "$INST_JAVA $INST_JAVA_ARGS",
    "it's",
    "Vanilla+ Überleben ✓ 日本語",
    "emoji 🎮 outside the BMP",
    "@starts with at",
    "tab\tand\nnewline",
    "\\x41 literal backslash x",
    "é9 hex digit after non-ASCII",
    "",
]


@pytest.mark.parametrize("value", NASTY)
def test_reads_what_qsettings_wrote(tmp_path: Path, value: str):
    path = tmp_path / "instance.cfg"
    settings = QtCore.QSettings(str(path), QtCore.QSettings.Format.IniFormat)
    settings.setValue("ConfigVersion", "1.2")
    settings.setValue("PreLaunchCommand", value)
    settings.setValue("Section/Nested", value)
    settings.sync()
    del settings
    read = ini.read(path, "prism")
    assert read["PreLaunchCommand"] == value
    assert read["Section/Nested"] == value


def test_reference_example_reads_like_qt(tmp_path: Path):
    text = ('[General]\nConfigVersion=1.2\nname=Vanilla Plus\nOverrideCommands=true\n'
            'PreLaunchCommand=\\"C:/Program Files/Python312/python.exe\\" C:/mchook/pre.py\n'
            'WrapperCommand=\nPostExitCommand="sh -c \\"echo done; sleep 1\\""\n'
            'JavaPath=C:\\\\Program Files\\\\Java\\\\bin\\\\javaw.exe\nBroken=C:\\Users\\me\\x.py\n'
            'Listy=a,b\nCommented=value ; a comment\n')
    path = tmp_path / "instance.cfg"
    path.write_text(text, encoding="utf-8")
    ours = ini.read(path, "prism")
    qt = QtCore.QSettings(str(path), QtCore.QSettings.Format.IniFormat)
    for key in ("name", "OverrideCommands", "PreLaunchCommand", "WrapperCommand", "PostExitCommand", "JavaPath",
                "Broken", "Commented"):
        assert ours[key] == str(qt.value(key)), key
    assert ours["Broken"] == "C:serse.py"
    assert isinstance(qt.value("Listy"), list) and ours["Listy"] == ""


def test_multimc_format_rules(tmp_path: Path):
    path = tmp_path / "instance.cfg"
    path.write_text("name=Semi\\;colon \\# hash\n# a comment\n  padded = spaced value  \n"
                    "path=C:\\\\Games\\\\mc\nmulti=line\\nbreak\nquoted=\"a;b\"\nnoequals\n", encoding="utf-8")
    assert ini.read(path, "multimc") == {
        "name": "Semi;colon # hash", "padded": "spaced value", "path": "C:\\Games\\mc",
        "multi": "line\nbreak", "quoted": '"a;b"'}
    assert ini.read(path, "prism")["quoted"] == "a;b"  # no ConfigVersion: Prism's old reader unquotes


# Lines that take every path of the two readers: comments (the search for `#` starts at the second character
# and cuts at the line's first `#`, escaped or not), escapes, trimming, quotes, duplicates, CRLF, a BOM.
LINES = [
    "plain=value", "  spaced key  =  spaced value  ", "cr=value\r", "#comment=not a key", "x#y=z",
    "a=b # tail", "a2=b \\# kept # cut", "esc=\\n\\t\\#\\\\\\q\\", "quoted=\"a;b\"", "quoted2=\"a b\"",
    "quoted3=\"x=1, y\"", "half=\"a;b", "eq=a=b=c", "=empty key", "dup=first", "dup=second",
    "unicode=Überleben ✓ \\x00fc", "[General]", "ConfigVersion=1.2", "tab=\ta\t", "nbsp=\u00a0v\u00a0",
    "sep=\x1cv\x1c", "bs_end=a\\", "#", "", "   ",
]


@pytest.mark.parametrize("start", range(len(LINES)))
def test_multimc_and_old_prism_readers_match_the_oracles(start: int):
    lines = LINES[start:] + LINES[:start]
    text = "\ufeff" + "\n".join(lines) + "\n"
    assert ini.parse_multimc(text.removeprefix("\ufeff")) == parsers.multimc_read(text)
    assert ini.parse(ini.decode(text.encode()), "multimc") == parsers.multimc_read(text)
    without_version = text.replace("ConfigVersion=1.2", "Other=1.2")
    assert ini.parse(ini.decode(without_version.encode()), "prism") == parsers.prism_old_read(without_version)


@pytest.mark.parametrize("version", [None, "1.1", "1.2", "2"])
def test_prism_reads_as_prism_loads(tmp_path: Path, version):
    """Every format Prism chooses by ConfigVersion, against Prism's load with Qt's QSettings inside."""
    path = tmp_path / "instance.cfg"
    body = ['name=Vanilla Plus', 'PreLaunchCommand="\\"/home/a b/check\\" --then sh -c \\"x=1; y\\""',
            'WrapperCommand="prime-run, x"', 'Plain="a b"', 'Hash=a \\# b']
    head = ["[General]", f"ConfigVersion={version}"] if version else []
    path.write_text("\n".join(head + body) + "\n", encoding="utf-8")
    expected = parsers.prism_load(path)
    ours = ini.read(path, "prism")
    for key in ("name", "PreLaunchCommand", "WrapperCommand", "Plain", "Hash"):
        assert ours[key] == expected[key], key


def test_format_follows_the_launcher_not_the_file():
    prism_saved = "[General]\nConfigVersion=1.2\nPreLaunchCommand=\"\\\"/a b/c\\\" x;y\"\n"
    assert ini.file_format(prism_saved, "prism") == ini.QSETTINGS
    assert ini.file_format(prism_saved, "multimc") == ini.MULTIMC
    assert ini.file_format("[General]\nConfigVersion=1.1\n", "prism") == ini.PRISM_1_1
    assert ini.file_format("name=x\n", "prism") == ini.PRISM_OLD
    assert ini.file_format("[UI]\nConfigVersion=1.2\n", "prism") == ini.PRISM_OLD  # not a root key
    assert ini.parse(prism_saved, "multimc")["PreLaunchCommand"] == '""/a b/c" x;y"'


@pytest.mark.parametrize("text", ["", "0", "false", "False", "FALSE", "1", "true", "True", "yes", "no", "2",
                                  "on", "off"])
def test_override_gate_reads_as_qt_tobool(tmp_path: Path, text: str):
    path = tmp_path / "b.ini"
    path.write_text(f"[General]\nOverrideCommands={text}\n", encoding="utf-8")
    qt = QtCore.QSettings(str(path), QtCore.QSettings.Format.IniFormat).value("OverrideCommands", type=bool)
    assert ini.qt_bool(text) is qt


def test_unreadable_file_raises_oserror(tmp_path: Path):
    with pytest.raises(OSError):
        ini.read(tmp_path / "missing.cfg", "prism")
