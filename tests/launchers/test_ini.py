"""The INI reader against Qt's own QSettings (the parser Prism uses) and against MultiMC's documented rules."""

from pathlib import Path

import pytest

from prelaunch.launchers import _ini

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
    read = _ini.read(path)
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
    ours = _ini.read(path)
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
    assert _ini.read(path, prism_unquote=False) == {
        "name": "Semi;colon # hash", "padded": "spaced value", "path": "C:\\Games\\mc",
        "multi": "line\nbreak", "quoted": '"a;b"'}
    assert _ini.read(path, prism_unquote=True)["quoted"] == "a;b"


def test_unreadable_file_raises_oserror(tmp_path: Path):
    with pytest.raises(OSError):
        _ini.read(tmp_path / "missing.cfg")
