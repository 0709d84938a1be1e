"""`prelaunch install`/`uninstall` on Prism Launcher and MultiMC data dirs, end to end in subprocesses, with
Qt's own parsers and the launchers' readers (tests/parsers.py) as oracles and nasty values everywhere. The
HOME has a space and a non-ASCII letter (tests/installer/conftest.py)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import parsers
from tests.builders import FIXTURE_UUID, mint_jwt, prism_account
from tests.parsers import prism_split_args, qprocess_split

QtCore = pytest.importorskip("PySide6.QtCore")

USER_PRE = '"/opt/My Tools/packwiz.sh" -g "pack url;x"'
USER_WRAP = "gamemoderun"


def qt_value(path: Path, key: str):
    return QtCore.QSettings(str(path), QtCore.QSettings.Format.IniFormat).value(key)


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def write_prism_dir(data: Path) -> Path:
    """A Prism data dir as Prism 9 writes it, with a user's own commands and instances of every kind."""
    (data / "instances").mkdir(parents=True)
    (data / "prismlauncher.cfg").write_text(
        "[General]\nConfigVersion=1.2\nInstanceDir=instances\nLanguage=de_DE\n"
        f'PreLaunchCommand="\\"/opt/My Tools/packwiz.sh\\" -g \\"pack url;x\\""\nWrapperCommand={USER_WRAP}\n'
        "PostExitCommand=\n\n[UI]\nMainWindowState=@ByteArray(AAAA)\n", encoding="utf-8")
    account = prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() + 9e4), active=True)
    (data / "accounts.json").write_text(json.dumps({"formatVersion": 3, "accounts": [account]}))
    instances = {
        "own": "[General]\nConfigVersion=1.2\nname=Überleben ✓\nOverrideCommands=true\n"
               "PreLaunchCommand=echo instance-pre\nWrapperCommand=\nPostExitCommand=echo bye\n",
        "own-empty": "[General]\nConfigVersion=1.2\nname=Empty Override\nOverrideCommands=true\n",
        "plain": "[General]\nConfigVersion=1.2\nname=Plain\nOverrideCommands=false\n",
        "legacy": "InstanceType=OneSix\nOverrideCommands=true\nPreLaunchCmd=echo legacy\nname=Legacy\\; one\n",
    }
    for folder, text in instances.items():
        (data / "instances" / folder / "minecraft").mkdir(parents=True)
        (data / "instances" / folder / "instance.cfg").write_text(text, encoding="utf-8")
    return data


def run_cli(*args, cwd=None, env=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "prelaunch", *args], capture_output=True, text=True,
                          cwd=cwd, env=dict(os.environ, **(env or {})), stdin=subprocess.DEVNULL, timeout=60)


@pytest.fixture
def prism_dir(home):
    return write_prism_dir(Path(os.environ["XDG_DATA_HOME"]) / "PrismLauncher")


def installed_scripts() -> tuple[str, str]:
    bin_dir = Path(os.environ["XDG_DATA_HOME"]) / "prelaunch" / "bin"
    return str(bin_dir / "prelaunch-check"), str(bin_dir / "prelaunch-wrap")


def test_install_writes_commands_every_parser_reads_right(prism_dir):
    result = run_cli("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    check, wrap = installed_scripts()
    cfg = prism_dir / "prismlauncher.cfg"
    pre, wrapper = qt_value(cfg, "PreLaunchCommand"), qt_value(cfg, "WrapperCommand")
    assert qprocess_split(pre) == [check, "--then", "/opt/My Tools/packwiz.sh", "-g", "pack url;x"]
    assert prism_split_args(wrapper) == [wrap, "gamemoderun"]
    assert "\n[UI]\nMainWindowState=@ByteArray(AAAA)\n" in cfg.read_text()
    own = prism_dir / "instances" / "own" / "instance.cfg"
    assert qprocess_split(qt_value(own, "PreLaunchCommand")) == [check, "--then", "echo", "instance-pre"]
    assert qt_value(own, "WrapperCommand") == commands_join([wrap])  # the instance's empty wrapper had none
    assert qt_value(own, "PostExitCommand") == "echo bye" and qt_value(own, "name") == "Überleben ✓"
    empty = prism_dir / "instances" / "own-empty" / "instance.cfg"
    # absent keys fell back to the global commands: they are written, chained with the global ones
    assert qprocess_split(qt_value(empty, "PreLaunchCommand"))[1:] == ["--then", "/opt/My Tools/packwiz.sh", "-g",
                                                                       "pack url;x"]
    assert prism_split_args(qt_value(empty, "WrapperCommand")) == [wrap, "gamemoderun"]
    assert qt_value(empty, "PostExitCommand") == ""
    assert "PreLaunchCommand" not in (prism_dir / "instances" / "plain" / "instance.cfg").read_text()
    legacy = (prism_dir / "instances" / "legacy" / "instance.cfg").read_text()
    assert "PreLaunchCmd" not in legacy and "\\#" not in legacy and '"' in legacy  # MultiMC rules, path quoted
    assert qprocess_split(parsers.prism_old_read(legacy)["PreLaunchCommand"]) == [check, "--then", "echo", "legacy"]


def commands_join(args):
    from prelaunch.installer import command_strings

    return command_strings.join(args)


def test_second_install_changes_no_byte_and_uninstall_gives_every_byte_back(prism_dir):
    before = snapshot(prism_dir)
    assert run_cli("install", "--yes").returncode == 0
    after_first = snapshot(prism_dir)
    assert after_first != before
    second = run_cli("install", "--yes")
    assert second.returncode == 0 and "already set up" in second.stdout
    assert snapshot(prism_dir) == after_first
    result = run_cli("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(prism_dir) == before
    data_home = Path(os.environ["XDG_DATA_HOME"]) / "prelaunch"
    assert not (data_home / "manifest.json").exists() and not (data_home / "bin").exists()


def test_uninstall_after_the_launcher_rewrote_the_file(prism_dir):
    cfg = prism_dir / "prismlauncher.cfg"
    original = qt_value(cfg, "PreLaunchCommand")
    assert run_cli("install", "--yes").returncode == 0
    cfg.write_text(cfg.read_text() + "[Later]\nAdded=by the launcher\n")
    assert run_cli("uninstall", "--yes").returncode == 0
    assert qt_value(cfg, "PreLaunchCommand") == original and qt_value(cfg, "WrapperCommand") == USER_WRAP
    assert qt_value(cfg, "Later/Added") == "by the launcher"


def test_instance_option_narrows_to_one_instance(prism_dir):
    assert run_cli("install", "--yes", "--instance", "own-empty").returncode == 0
    assert "PreLaunchCommand=" in (prism_dir / "instances" / "own-empty" / "instance.cfg").read_text()
    assert qt_value(prism_dir / "prismlauncher.cfg", "WrapperCommand") == USER_WRAP
    assert qt_value(prism_dir / "instances" / "own" / "instance.cfg", "PreLaunchCommand") == "echo instance-pre"


def test_installed_commands_really_run(prism_dir, tmp_path):
    """The pre-launch command runs the checks, then the user's command; the wrapper runs the game."""
    assert run_cli("install", "--yes").returncode == 0
    inst = prism_dir / "instances" / "own"
    marker = tmp_path / "user-pre-ran"
    env = dict(os.environ, INST_DIR=str(inst), INST_ID="own", DISPLAY="")
    pre = qprocess_split(f"{qt_value(prism_dir / 'instances' / 'own' / 'instance.cfg', 'PreLaunchCommand')}")
    pre = pre[:pre.index("--then") + 1] + ["sh", "-c", f"echo ran > '{marker}'"]
    proc = subprocess.run(pre, cwd=inst / "minecraft", env=env, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "prelaunch" in proc.stdout and marker.read_text().strip() == "ran"
    wrapper = prism_split_args(qt_value(prism_dir / "prismlauncher.cfg", "WrapperCommand"))
    game = subprocess.run([wrapper[0], sys.executable, "-c", "import sys; sys.exit(7)"], cwd=inst / "minecraft",
                          env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert game.returncode == 7


def test_multimc_format_dir(home):
    data = Path(os.environ["HOME"]) / "MultiMC"
    (data / "instances" / "m" / "minecraft").mkdir(parents=True)
    (data / "multimc.cfg").write_text("InstanceDir=instances\nLanguage=en\nPreLaunchCommand=echo \\#1\n")
    (data / "instances" / "m" / "instance.cfg").write_text("OverrideCommands=true\nname=M\n")
    before = snapshot(data)
    assert run_cli("install", "--yes", "--dir", str(data)).returncode == 0
    values = parsers.multimc_read((data / "multimc.cfg").read_text())
    check, wrap = installed_scripts()
    assert qprocess_split(values["PreLaunchCommand"]) == [check, "--then", "echo", "#1"]
    assert [line.split("=")[0] for line in (data / "multimc.cfg").read_text().splitlines()] == [
        "InstanceDir", "Language", "PreLaunchCommand", "WrapperCommand"]
    assert run_cli("uninstall", "--yes").returncode == 0
    assert snapshot(data) == before


@pytest.mark.parametrize("where,make", [
    (".var/app/org.prismlauncher.PrismLauncher/data/PrismLauncher", "prism"),
    (".var/app/com.modrinth.ModrinthApp/data/ModrinthApp", "modrinth"),
    ("snap/prismlauncher/common", "prism"),
])
def test_sandboxed_builds_are_left_alone(home, where, make):
    """Flatpak and snap sandboxes have their own /usr and no access to ~/.local (the manifests grant none;
    a snap's `home` plug leaves out hidden folders), so neither the scripts nor the environment's Python could
    start there: a command set there would stop every launch."""
    from tests.builders import write_modrinth

    data = home / where
    if make == "prism":
        write_prism_dir(data)
    else:
        write_modrinth(data, "0.15+", users=[])
    before = snapshot(home)
    result = run_cli("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"at {data}\n  not set up: this is a Flatpak or snap build." in result.stdout
    assert snapshot(home) == before


# --- 1. Prism's old format (no ConfigVersion, or 1.1) with a path that has a space -------------------------

USER_CHAINED = 'sh -c "echo pre a=b, c; exit 0"'  # with prelaunch's quoted path before it, unquote would strip
USER_CHAINED_ARGV = ["sh", "-c", "echo pre a=b, c; exit 0"]
OLD_FORMATS = {
    None: f"InstanceDir=instances\nLanguage=de_DE\nPreLaunchCommand={USER_CHAINED}\nWrapperCommand=gamemoderun\n",
    "1.1": (f'[General]\nConfigVersion=1.1\nInstanceDir=instances\nLanguage=de_DE\n'
            f'PreLaunchCommand="{USER_CHAINED.replace(chr(34), chr(92) + chr(34))}"\nWrapperCommand=gamemoderun\n'),
}
OLD_INSTANCE = {None: f"InstanceType=OneSix\nOverrideCommands=yes\nPreLaunchCommand={USER_CHAINED}\n"
                      "WrapperCommand=prime-run\nname=Alt\\# one\n",
                "1.1": (f'[General]\nConfigVersion=1.1\nInstanceType=OneSix\nOverrideCommands=yes\n'
                        f'PreLaunchCommand="{USER_CHAINED.replace(chr(34), chr(92) + chr(34))}"\n'
                        "WrapperCommand=prime-run\nname=Alt # one\n")}


def write_old_prism_dir(version: str | None) -> tuple[Path, Path]:
    """A Prism data dir whose global cfg and one instance.cfg are in Prism's old format (or ConfigVersion 1.1)."""
    data = Path(os.environ["XDG_DATA_HOME"]) / "PrismLauncher"
    (data / "instances" / "old" / "minecraft").mkdir(parents=True)
    (data / "prismlauncher.cfg").write_text(OLD_FORMATS[version], encoding="utf-8")
    (data / "instances" / "old" / "instance.cfg").write_text(OLD_INSTANCE[version], encoding="utf-8")
    return data / "prismlauncher.cfg", data / "instances" / "old" / "instance.cfg"


def prism_commands(path: Path, launch_env: dict[str, str]) -> tuple[list[str], list[str]]:
    """The pre-launch argv and wrapper argv Prism runs from this file, as Prism reads it now."""
    values = parsers.prism_load(path)
    return (parsers.prism_prelaunch_argv(values["PreLaunchCommand"], launch_env),
            prism_split_args(values["WrapperCommand"]))


@pytest.mark.parametrize("version", [None, "1.1"])
def test_old_prism_format_with_a_space_reads_right_before_and_after_prism_saves(home, version):
    """Prism launches with what its old reader (unescape, then unquote) makes of the file, and its next save
    writes that in QSettings form: both readings give exactly the intended argv, and no install nests."""
    cfg, instance = write_old_prism_dir(version)
    result = run_cli("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    check, wrap = installed_scripts()
    assert " " in check and "ë" in check
    env = {"INST_DIR": str(instance.parent), "HOME": os.environ["HOME"]}
    wanted = {cfg: [wrap, "gamemoderun"], instance: [wrap, "prime-run"]}
    for path in (cfg, instance):
        text = path.read_text(encoding="utf-8")
        assert ("ConfigVersion" in text) is (version is not None)  # the file keeps its format
        assert prism_commands(path, env) == ([check, "--then", *USER_CHAINED_ARGV], wanted[path])
    first = snapshot(cfg.parent)
    second = run_cli("install", "--yes")
    assert "already set up" in second.stdout and snapshot(cfg.parent) == first
    for path in (cfg, instance):
        parsers.prism_resave(path)  # Prism's next save: QSettings form, ConfigVersion=1.2
        assert parsers.qsettings_read(path)["ConfigVersion"] == "1.2"
        assert prism_commands(path, env) == ([check, "--then", *USER_CHAINED_ARGV], wanted[path])
    resaved = snapshot(cfg.parent)
    third = run_cli("install", "--yes")
    assert "already set up" in third.stdout and snapshot(cfg.parent) == resaved


def test_a_command_an_earlier_version_left_unquoted_is_not_nested(home):
    """An earlier prelaunch wrote the chain without the extra quotes; Prism's unquote took the outer ones off
    and its save kept that. The next install recognises its own command and writes it whole again."""
    cfg, _ = write_old_prism_dir(None)
    check, wrap = installed_scripts()
    stripped = f'{check}" --then {USER_CHAINED[:-1]}'  # what Prism made of '"<check>" --then sh -c "...; exit 0"'
    assert parsers.prism_unquote(f'"{stripped}"') == stripped
    cfg.write_text(f"InstanceDir=instances\nPreLaunchCommand={stripped}\nWrapperCommand=\"{wrap}\"\n", encoding="utf-8")
    result = run_cli("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    pre, wrapper = prism_commands(cfg, {})
    assert pre == [check, "--then", *USER_CHAINED_ARGV] and wrapper == [wrap]


# --- 2. MultiMC reads every file with its own reader -------------------------------------------------------

MMC_INSTANCE = ("[General]\nConfigVersion=1.2\nInstanceType=OneSix\nOverrideCommands=true\n"
                'PreLaunchCommand="$INST_DIR/pack wiz.sh" --refresh\nWrapperCommand=prime-run\n'
                "name=\\x00dcberleben\n")


def write_multimc_dir(instance_text: str = MMC_INSTANCE) -> tuple[Path, Path]:
    """A MultiMC data dir whose instance folder was last saved by Prism (`[General]`, ConfigVersion) and then
    by MultiMC (its own value form): MultiMC reads the file by its own rules all the same."""
    data = Path(os.environ["HOME"]) / "MultiMC"
    (data / "instances" / "shared" / "minecraft").mkdir(parents=True)
    (data / "multimc.cfg").write_text('InstanceDir=instances\nLanguage=en\nPreLaunchCommand="$INST_DIR/g h.sh" a;b\n'
                                      "WrapperCommand=gamemoderun\n", encoding="utf-8")
    (data / "instances" / "shared" / "instance.cfg").write_text(instance_text, encoding="utf-8")
    return data / "multimc.cfg", data / "instances" / "shared" / "instance.cfg"


def multimc_commands(path: Path, inst_dir: Path) -> tuple[list[str], list[str]]:
    values = parsers.multimc_read(path.read_text(encoding="utf-8"))
    return (parsers.multimc_prelaunch_argv(values["PreLaunchCommand"], {"INST_DIR": str(inst_dir)}, {}),
            prism_split_args(values["WrapperCommand"]))


def test_multimc_files_are_written_in_multimc_format_whatever_they_hold(home):
    cfg, instance = write_multimc_dir()
    result = run_cli("install", "--yes", "--dir", str(cfg.parent))
    assert result.returncode == 0, result.stdout + result.stderr
    check, wrap = installed_scripts()
    inst = instance.parent
    assert multimc_commands(instance, inst) == ([check, "--then", f"{inst}/pack wiz.sh", "--refresh"],
                                                [wrap, "prime-run"])
    assert multimc_commands(cfg, inst) == ([check, "--then", f"{inst}/g h.sh", "a;b"], [wrap, "gamemoderun"])
    written = [line for line in instance.read_text(encoding="utf-8").splitlines() if "prelaunch-" in line]
    assert written and all(line.split("=", 1)[1].startswith('"/') and "\\x" not in line for line in written)
    assert "name=\\x00dcberleben" in instance.read_text(encoding="utf-8")  # every other line stays
    before = snapshot(cfg.parent)
    assert "already set up" in run_cli("install", "--yes", "--dir", str(cfg.parent)).stdout
    assert snapshot(cfg.parent) == before
    for path in (cfg, instance):
        parsers.multimc_resave(path)
    resaved = snapshot(cfg.parent)
    assert "already set up" in run_cli("install", "--yes", "--dir", str(cfg.parent)).stdout
    assert snapshot(cfg.parent) == resaved
    assert multimc_commands(instance, inst)[0] == [check, "--then", f"{inst}/pack wiz.sh", "--refresh"]


# --- 3. Uninstall after the launcher re-saved the file -----------------------------------------------------

USER_OWN = '"/opt/My Tools/packwiz.sh" -g "pack url;x" --quiet'


def launcher_dir(launcher: str, version: str | None) -> tuple[Path, Path, callable, callable]:
    """A data dir with the player's own quoted commands, its global cfg, the launcher's reader and its save."""
    if launcher == "multimc":
        data = Path(os.environ["HOME"]) / "MultiMC"
        cfg = data / "multimc.cfg"
        reader, resave = (lambda p: parsers.multimc_read(p.read_text(encoding="utf-8"))), parsers.multimc_resave
        body = f"InstanceDir=instances\nPreLaunchCommand={USER_OWN}\nWrapperCommand=gamemoderun\n"
    else:
        data = Path(os.environ["XDG_DATA_HOME"]) / "PrismLauncher"
        cfg = data / "prismlauncher.cfg"
        reader, resave = parsers.prism_load, parsers.prism_resave
        head = f"[General]\nConfigVersion={version}\n" if version else ""
        value = USER_OWN if version is None else f'"{USER_OWN.replace(chr(34), chr(92) + chr(34))}"'
        body = f"{head}InstanceDir=instances\nPreLaunchCommand={value}\nWrapperCommand=gamemoderun\n"
    (data / "instances" / "i" / "minecraft").mkdir(parents=True)
    cfg.write_text(body, encoding="utf-8")
    (data / "instances" / "i" / "instance.cfg").write_text(
        ("" if launcher == "multimc" or version is None else f"[General]\nConfigVersion={version}\n")
        + f"OverrideCommands=1\nPreLaunchCommand={USER_OWN if launcher == 'multimc' or version is None else value}\n"
        "WrapperCommand=\n", encoding="utf-8")
    return cfg, data / "instances" / "i" / "instance.cfg", reader, resave


@pytest.mark.parametrize("launcher,version", [("prism", None), ("prism", "1.1"), ("prism", "1.2"),
                                              ("multimc", None)])
def test_uninstall_after_the_launcher_resaved_gives_back_the_players_commands(home, launcher, version):
    cfg, instance, reader, resave = launcher_dir(launcher, version)
    before = {path: reader(path) for path in (cfg, instance)}
    assert before[cfg]["PreLaunchCommand"] == USER_OWN
    assert run_cli("install", "--yes", "--dir", str(cfg.parent)).returncode == 0
    for path in (cfg, instance):
        assert "prelaunch-check" in reader(path)["PreLaunchCommand"]
        resave(path)  # a launch (instance.cfg) or a settings change (global cfg)
    result = run_cli("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    for path in (cfg, instance):
        after = reader(path)
        for key in ("PreLaunchCommand", "WrapperCommand", "PostExitCommand"):
            assert after.get(key) == before[path].get(key), (path.name, key)
        assert b"prelaunch-" not in path.read_bytes()


def test_restore_takes_prelaunch_out_of_a_chain_the_player_changed_since():
    from prelaunch.installer import prism as installer

    own = '"/h o/prelaunch-check"'
    setting = {"key": "PreLaunchCommand", "before": "echo old", "after": f"{own} --then echo old", "own": own}
    assert installer.restored_value(f"{own} --then echo old", setting) == "echo old"
    assert installer.restored_value(f"{own} --then echo new; x", setting) == "echo new; x"
    assert installer.restored_value(f'{own[1:]} --then echo "a=b', setting) == 'echo "a=b"'  # unquote took them
    assert installer.restored_value("echo mine", setting) is installer._KEEP
    assert installer.restored_value(own, {**setting, "before": None}) is None


# --- 4. OverrideCommands as QVariant::toBool reads it; legacy key names -----------------------------------

GATES = {"one": "OverrideCommands=1", "yes": "OverrideCommands=yes", "True": "OverrideCommands=True",
         "on": "OverrideCommands=on", "zero": "OverrideCommands=0", "false": "OverrideCommands=false",
         "False": "OverrideCommands=False", "empty": "OverrideCommands=", "absent": "",
         "legacy-only": "OverrideLaunchCmd=true", "first-wins": "OverrideCommands=false\nOverrideLaunchCmd=true",
         "first-wins-2": "OverrideLaunchCmd=false\nOverrideCommands=true"}


def test_override_gate_is_qt_tobool_and_the_first_key_present_wins(home):
    data = Path(os.environ["XDG_DATA_HOME"]) / "PrismLauncher"
    (data / "instances").mkdir(parents=True)
    (data / "prismlauncher.cfg").write_text("[General]\nConfigVersion=1.2\nInstanceDir=instances\n")
    for name, gate in GATES.items():
        (data / "instances" / name).mkdir()
        (data / "instances" / name / "instance.cfg").write_text(f"[General]\nConfigVersion=1.2\n{gate}\n")
    expected = {}
    for name in GATES:  # the oracle: Qt's toBool of the first key present (INISettingsObject.cpp:108-118)
        qt = QtCore.QSettings(str(data / "instances" / name / "instance.cfg"), QtCore.QSettings.Format.IniFormat)
        key = next((k for k in ("OverrideCommands", "OverrideLaunchCmd") if qt.contains(k)), None)
        expected[name] = key is not None and qt.value(key, type=bool)
    assert run_cli("install", "--yes").returncode == 0
    got = {name: "PreLaunchCommand" in (data / "instances" / name / "instance.cfg").read_text() for name in GATES}
    assert got == expected
    assert [n for n, on in got.items() if on] == ["one", "yes", "True", "on", "legacy-only", "first-wins-2"]


def test_legacy_command_keys_first_present_wins_and_goes(home):
    data = Path(os.environ["XDG_DATA_HOME"]) / "PrismLauncher"
    (data / "instances").mkdir(parents=True)
    (data / "prismlauncher.cfg").write_text("[General]\nConfigVersion=1.2\nInstanceDir=instances\n"
                                            "PreLaunchCommand=echo new\nPreLaunchCmd=echo old\n"
                                            "PostExitCmd=echo bye\n")
    assert run_cli("install", "--yes").returncode == 0
    check, _ = installed_scripts()
    values = parsers.prism_load(data / "prismlauncher.cfg")
    assert qprocess_split(values["PreLaunchCommand"]) == [check, "--then", "echo", "new"]
    assert "PreLaunchCmd" not in values and values["PostExitCmd"] == "echo bye"
    assert run_cli("uninstall", "--yes").returncode == 0
    values = parsers.prism_load(data / "prismlauncher.cfg")
    assert (values["PreLaunchCommand"], values["PreLaunchCmd"]) == ("echo new", "echo old")


def test_multimc_runs_the_installed_commands(home, tmp_path):
    """The pre-launch argv MultiMC makes of the instance's value (substitute, then split) really runs the checks
    and then the player's own script from a folder with a space; the wrapper starts the game."""
    cfg, instance = write_multimc_dir()
    assert run_cli("install", "--yes", "--dir", str(cfg.parent)).returncode == 0
    inst = instance.parent
    marker = tmp_path / "pack-ran"
    (inst / "pack wiz.sh").write_text(f"#!/bin/sh\necho \"$1\" > '{marker}'\n")
    (inst / "pack wiz.sh").chmod(0o755)
    pre, wrapper = multimc_commands(instance, inst)
    env = dict(os.environ, INST_DIR=str(inst), INST_ID=inst.name, INST_NAME="shared",
               INST_MC_DIR=str(inst / "minecraft"), DISPLAY="")
    proc = subprocess.run(pre, cwd=inst / "minecraft", env=env, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "prelaunch" in proc.stdout and marker.read_text().strip() == "--refresh"
    game = subprocess.run([wrapper[0], sys.executable, "-c", "import sys; sys.exit(7)"], cwd=inst / "minecraft",
                          env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert game.returncode == 7
