"""Command strings against every launcher's parser, with nasty paths."""

import pytest

from prelaunch.installer import commands
from tests.parsers import SPLITTERS, modrinth_old_split, prism_split_args, qprocess_split

PATHS = [
    ["/home/steve/.local/share/prelaunch/bin/prelaunch-check"],
    ["/home/Steve Smith/.local/share/prelaunch/bin/prelaunch-wrap"],
    ["C:/Users/Zoë Müller/AppData/Local/prelaunch/venv/Scripts/pythonw.exe",
     "C:/Users/Zoë Müller/AppData/Local/prelaunch/bin/prelaunch_entry.pyw", "wrap", "--"],
    ["/opt/mc tools/β;x,y=z#1/prelaunch-check", "check"],
]


def test_reference_examples_of_prism_split_args():
    assert prism_split_args('"C:\\Program Files\\x.exe"') == ["C:Program Filesx.exe"]
    assert prism_split_args("a\tb c") == ["a\tb", "c"]
    assert prism_split_args("'a b' \"c d\" C:\\x") == ["a b", "c d", "C:\\x"]


def test_reference_examples_of_qprocess_split():
    assert qprocess_split('C:\\Py\\python.exe "C:\\a b\\h.py"') == ["C:\\Py\\python.exe", "C:\\a b\\h.py"]
    assert qprocess_split("'a b' x") == ["'a", "b'", "x"]


@pytest.mark.parametrize("args", PATHS)
@pytest.mark.parametrize("splitter", SPLITTERS)
def test_every_parser_gets_the_same_arguments(args, splitter):
    assert SPLITTERS[splitter](commands.join(args)) == args


def test_old_modrinth_split_on_spaces():
    assert modrinth_old_split(commands.join(PATHS[0], spaces_allowed=False)) == PATHS[0]
    with pytest.raises(commands.Unsupported, match="space"):
        commands.join(PATHS[1], spaces_allowed=False)


@pytest.mark.parametrize("bad", ['/a"b', "/it's", "C:\\Users", "/$HOME/x", "/a`b", "/a\tb"])
def test_characters_some_parser_changes_are_refused(bad):
    with pytest.raises(commands.Unsupported):
        commands.join([bad])


def test_chaining_and_recognising_our_own_command():
    own = commands.join(PATHS[1])
    chained = commands.chain(own, 'sh -c "echo done; sleep 1"', pre_launch=True)
    assert qprocess_split(chained)[1:] == ["--then", "sh", "-c", "echo done; sleep 1"]
    assert commands.split_own(chained, own) == (True, 'sh -c "echo done; sleep 1"')
    assert commands.split_own(commands.chain(own, "gamemoderun", False), own) == (True, "gamemoderun")
    assert commands.split_own("gamemoderun", own) == (False, "gamemoderun")
    assert commands.chain(own, "  ", True) == own
