"""Command strings against every launcher's parser, with nasty paths."""

import os
import subprocess

import pytest

from prelaunch.installer import changes, command_strings
from prelaunch.installer import prism as prism_installer
from tests.parsers import SPLITTERS, modrinth_old_split, prism_split_args, qprocess_split
from tests.parsers_commands import PRISM_GENERATIONS, prism12_split_args, prism_expand

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
    assert SPLITTERS[splitter](command_strings.join(args)) == args


def test_old_modrinth_split_on_spaces():
    assert modrinth_old_split(command_strings.join(PATHS[0], spaces_allowed=False)) == PATHS[0]
    with pytest.raises(command_strings.Unsupported, match="space"):
        command_strings.join(PATHS[1], spaces_allowed=False)


@pytest.mark.parametrize("bad", ['/a"b', "/it's", "C:\\Users", "/$HOME/x", "/a`b", "/a\tb"])
def test_characters_some_parser_changes_are_refused(bad):
    with pytest.raises(command_strings.Unsupported):
        command_strings.join([bad])


def test_chaining_and_recognising_our_own_command():
    own = command_strings.join(PATHS[1])
    chained = command_strings.chain(own, 'sh -c "echo done; sleep 1"', pre_launch=True)
    assert qprocess_split(chained)[1:] == ["--then", "sh", "-c", "echo done; sleep 1"]
    assert command_strings.split_own(chained, own) == (True, 'sh -c "echo done; sleep 1"')
    assert command_strings.split_own(command_strings.chain(own, "gamemoderun", False), own) == (True, "gamemoderun")
    assert command_strings.split_own("gamemoderun", own) == (False, "gamemoderun")
    assert command_strings.chain(own, "  ", True) == own


# --- a `$` in a path: every Prism generation's own rule (tests/parsers_commands.py) -------------------------

DOLLAR_FOLDERS = ["Zoë $HOME x", "a$b", "${HOME}", "$INST_DIR y", "x$", "$ $$HOME"]


def test_the_generation_oracles_follow_prisms_own_examples():
    # tests/Commandline_test.cpp @31e152c1 (Prism 12's splitArgs)
    assert prism12_split_args('a "b c" d') == ["a", "b c", "d"]
    assert prism12_split_args('-Dx="C:\\Users\\test user\\glfw3.dll"') == ["-Dx=C:\\Users\\test user\\glfw3.dll"]
    assert prism12_split_args("-Dfoo='C:\\Users\\t u\\g.dll'") == ["-Dfoo=C:\\Users\\t u\\g.dll"]
    assert prism12_split_args('-Dfoo="say \\"hi\\" now"') == ['-Dfoo=say "hi" now']
    assert prism12_split_args('-Dfoo="C:\\\\path\\\\file.dll"') == ["-Dfoo=C:\\path\\file.dll"]
    env = {"HOME": "/h/Zoë $HOME x", "A": "1", "EMPTY": ""}
    assert prism_expand("$HOME/b ${HOME}c", env) == "/h/Zoë $HOME x/b /h/Zoë $HOME xc"  # not read again
    assert prism_expand("$NOPE$HOME $$HOME $ A ${NOPE} $EMPTY/x $A", env) == "$NOPE$HOME $$HOME $ A ${NOPE} $EMPTY/x 1"
    assert prism_expand("$'' '$''A' $\"A\"", env) == "$'' '$''A' $\"A\""


@pytest.mark.parametrize("folder", DOLLAR_FOLDERS)
@pytest.mark.parametrize("generation", PRISM_GENERATIONS)
def test_a_path_with_a_dollar_starts_that_program_in_every_generation(tmp_path, folder, generation):
    """Written through env, a program in a folder with a `$` is what every generation starts, before the
    player's own command (pre-launch) or the game (wrapper): really run, with the launch's variables set."""
    program = tmp_path / folder / "prelaunch-check"
    program.parent.mkdir(parents=True)
    program.write_text('#!/bin/sh\nprintf "%s\\n" "$0" "$@"\n')
    program.chmod(0o755)
    env = dict(os.environ, HOME=str(tmp_path / "Zoë $HOME x"), INST_DIR="/i d", b="B", a="A")
    pre_rule, wrapper_rule = PRISM_GENERATIONS[generation]
    own = command_strings.through_env([str(program)])
    game = ["/usr/bin/java", "-Xmx2G"]  # what the launcher appends to the wrapper's arguments
    for argv, tail in ((pre_rule(f'{own} --then "$INST_DIR/pack.sh" -q', env), ["--then", "/i d/pack.sh", "-q"]),
                       (wrapper_rule(f"{own} gamemoderun", env) + game, ["gamemoderun", *game])):
        ran = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=30)
        assert ran.stdout.splitlines() == [str(program), *tail], (generation, argv)


def test_written_plainly_a_dollar_path_breaks_every_generation():
    """Why the env form: quoted as usual, `$HOME` in a path reaches no generation as written."""
    path = "/h/Zoë $HOME x/prelaunch-check"
    env = {"HOME": "/h/Zoë $HOME x"}
    for generation, (pre_rule, wrapper_rule) in PRISM_GENERATIONS.items():
        wrong = [rule(f'"{path}"', env)[0] != path for rule in (pre_rule, wrapper_rule)]
        assert wrong == ([True, False] if generation in ("Prism 9", "MultiMC, Prism 9 on Qt 5.12") else [True, True])


def test_the_env_form_is_recognised_as_prelaunchs_own():
    check = "/h/Zoë $HOME x/.local/share/prelaunch/bin/prelaunch-check"
    own = command_strings.through_env([check])
    assert own == "/usr/bin/env -S \"'/h/Zoë $''HOME x/.local/share/prelaunch/bin/prelaunch-check'\""
    assert command_strings.env_command(f"{own} --then x") == (own, check)
    assert command_strings.env_command("/usr/bin/env -S \"'/bin/a'\"") == ("/usr/bin/env -S \"'/bin/a'\"", "/bin/a")
    assert command_strings.env_command("/usr/bin/env FOO=1 x") is None
    assert command_strings.spellings([check]) == {own}
    assert command_strings.spellings(["/a b/prelaunch-check"]) == {'"/a b/prelaunch-check"',
                                                            "/usr/bin/env -S \"'/a b/prelaunch-check'\""}
    assert changes.found_owns(f"{own} --then sh -c x") == {own}
    assert changes.found_owns("/usr/bin/env -S \"'/usr/bin/gamemoderun'\"") == set()
    assert changes.names(f"{own} gamemoderun", "/h/Zoë $HOME x/.local/share/prelaunch/bin")
    assert changes.takeout(_change(f"{own} --then echo hi"), set()).settings[0].after == "echo hi"


def _change(value: str) -> changes.FileChange:
    change = changes.FileChange("prism", "/x.cfg", "ini", "x.cfg")
    change.settings = [changes.Setting("", "PreLaunchCommand", value, None)]
    return change


def test_no_env_form_where_it_cannot_run(tmp_path, monkeypatch):
    """An env without -S (BusyBox) or no env at all (Windows): the install refuses, saying why."""
    busybox = tmp_path / "env"
    busybox.write_text("#!/bin/sh\necho \"env: unrecognized option: S\" >&2\nexit 1\n")
    busybox.chmod(0o755)
    entry = {"check": ["/h/a$b/prelaunch-check"], "wrap": ["/h/a$b/prelaunch-wrap"]}
    assert command_strings.env_splits()
    assert prism_installer.own_commands(entry)[0].startswith("/usr/bin/env -S ")
    monkeypatch.setattr(command_strings, "ENV", str(busybox))
    assert not command_strings.env_splits()
    with pytest.raises(command_strings.Unsupported, match="dollar sign.*has no -S option"):
        prism_installer.own_commands(entry)
    monkeypatch.setattr(command_strings.os, "name", "nt")  # the one part that cannot run here
    with pytest.raises(command_strings.Unsupported, match="Windows has no /usr/bin/env"):
        command_strings.through_env(["C:/Users/a$b/pythonw.exe"])
