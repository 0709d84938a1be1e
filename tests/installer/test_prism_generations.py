"""`prelaunch install`/`uninstall` against what Prism Launcher 10, 11 and 12 changed (reference: launchers.md
section 11): where each generation expands the launch's variables (a HOME named `Zoë $HOME x`), Prism 12's
fourth command `PreLoadCommand`, and the settings rewrite of PR #5931 (open), which keeps an instance's
commands only while its OverrideCommands is on. Each generation's rule is tests/parsers_commands.py's."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from prelaunch.launchers import ini
from tests import parsers
from tests.installer.test_prism_install import installed_scripts, run_cli, snapshot, write_prism_dir
from tests.parsers_commands import PRISM_GENERATIONS, multimc_launch_argv, prism9_wrapper_argv

QtCore = pytest.importorskip("PySide6.QtCore")

DOLLAR_HOME = "Zoë $HOME x"


@pytest.fixture
def dollar_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The installer tests' HOME moved to a folder named `Zoë $HOME x` (a space, an umlaut, a `$` before the
    name of a variable every launch has), prelaunch's own folders in it."""
    moved = home.parent / DOLLAR_HOME
    for name, sub in (("HOME", ""), ("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"),
                      ("XDG_STATE_HOME", ".local/state"), ("XDG_CACHE_HOME", ".cache")):
        (moved / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(moved / sub))
    return moved


def qsettings_write(path: Path, values: dict[str, str]) -> None:
    settings = QtCore.QSettings(str(path), QtCore.QSettings.Format.IniFormat)
    for key, value in values.items():
        settings.setValue(key, value)
    settings.sync()


def launch_env(instance: Path) -> dict[str, str]:
    """The variables of a launch of `instance` (Prism MinecraftInstance.cpp:544-555), no display."""
    return dict(os.environ, INST_DIR=str(instance), INST_ID=instance.name, INST_NAME=instance.name,
                INST_MC_DIR=str(instance / "minecraft"), INST_JAVA=sys.executable, NO_COLOR="1", DISPLAY="")


def launch(values: dict[str, str], instance: Path, pre_rule, wrapper_rule) -> tuple[int, str, int]:
    """Run a file's pre-launch command and then the game through its wrapper, as a launcher of this generation
    does: (pre-launch exit code, its output, the game's exit code)."""
    import subprocess

    env, game_root = launch_env(instance), instance / "minecraft"
    pre = subprocess.run(pre_rule(values["PreLaunchCommand"], env), cwd=game_root, env=env, capture_output=True,
                         text=True, stdin=subprocess.DEVNULL, timeout=60)
    game = [sys.executable, "-c", "import sys; sys.exit(7)"]
    ran = subprocess.run(wrapper_rule(values["WrapperCommand"], env) + game, cwd=game_root, env=env,
                         stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    return pre.returncode, pre.stdout + pre.stderr, ran.returncode


def dollar_prism_dir(home: Path) -> tuple[Path, Path]:
    """A Prism data dir whose global commands and two instances' own commands are the player's (one instance
    in Prism's old file format, read with `unquote`): each pre-launch leaves a file in the game folder, the
    global wrapper is /usr/bin/env (it runs what follows it)."""
    data = home / ".local/share/PrismLauncher"
    instance = data / "instances" / "own"
    (instance / "minecraft").mkdir(parents=True)
    (data / "instances" / "old" / "minecraft").mkdir(parents=True)
    (data / "instances" / "old" / "instance.cfg").write_text(
        "InstanceType=OneSix\nOverrideCommands=yes\nPreLaunchCommand=touch old-pre-ran\nname=Old\n",
        encoding="utf-8")
    cfg = data / "prismlauncher.cfg"
    qsettings_write(cfg, {"ConfigVersion": "1.2", "InstanceDir": "instances",
                          "PreLaunchCommand": "touch global-pre-ran", "WrapperCommand": "/usr/bin/env"})
    qsettings_write(instance / "instance.cfg", {"ConfigVersion": "1.2", "name": "Own", "OverrideCommands": "true",
                                                "PreLaunchCommand": "touch own-pre-ran", "WrapperCommand": ""})
    return cfg, instance


@pytest.mark.parametrize("generation", PRISM_GENERATIONS)
def test_a_dollar_in_home_starts_prelaunch_in_every_generation(dollar_home, generation):
    """Installed from a HOME named `Zoë $HOME x`, the global and the instance's commands start prelaunch's
    check, then the player's own command, and the game through prelaunch's wrapper, whichever generation
    expands the launch's variables where (HOME among them)."""
    cfg, instance = dollar_prism_dir(dollar_home)
    result = run_cli("install", "--yes")
    assert result.returncode == 0 and "cannot be set up" not in result.stdout, result.stdout + result.stderr
    check, wrap = installed_scripts()
    assert "$HOME" in check
    pre_rule, wrapper_rule = PRISM_GENERATIONS[generation]
    old = instance.parent / "old"
    for folder, path, marker in ((instance, cfg, "global-pre-ran"),
                                 (instance, instance / "instance.cfg", "own-pre-ran"),
                                 (old, old / "instance.cfg", "old-pre-ran")):
        code, output, game = launch(parsers.prism_load(path), folder, pre_rule, wrapper_rule)
        assert code == 0 and "prelaunch" in output, (path, output)
        assert (folder / "minecraft" / marker).is_file(), path
        assert game == 7, path
        (folder / "minecraft" / marker).unlink()
    assert "ConfigVersion" not in (old / "instance.cfg").read_text(encoding="utf-8")


def test_a_dollar_in_home_in_multimc_and_every_byte_back(dollar_home):
    """MultiMC (its own file format, substitute-then-split) starts prelaunch from the same HOME; uninstall
    gives every byte of both launchers' files back and removes the scripts."""
    cfg, instance = dollar_prism_dir(dollar_home)
    mmc = dollar_home / "MultiMC"
    (mmc / "instances" / "m" / "minecraft").mkdir(parents=True)
    (mmc / "multimc.cfg").write_text("InstanceDir=instances\nPreLaunchCommand=touch mmc-pre-ran\n"
                                     "WrapperCommand=/usr/bin/env\n", encoding="utf-8")
    (mmc / "instances" / "m" / "instance.cfg").write_text("InstanceType=OneSix\nname=M\n", encoding="utf-8")
    before = {root: snapshot(root) for root in (cfg.parent, mmc)}
    assert run_cli("install", "--yes").returncode == 0
    assert run_cli("install", "--yes", "--dir", str(mmc)).returncode == 0
    values = parsers.multimc_read((mmc / "multimc.cfg").read_text(encoding="utf-8"))
    code, output, game = launch(values, mmc / "instances" / "m", multimc_launch_argv, prism9_wrapper_argv)
    assert code == 0 and "prelaunch" in output and game == 7, output
    assert (mmc / "instances" / "m" / "minecraft" / "mmc-pre-ran").is_file()
    (mmc / "instances" / "m" / "minecraft" / "mmc-pre-ran").unlink()
    second = run_cli("install", "--yes")
    assert "already set up" in second.stdout, second.stdout
    result = run_cli("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert {root: snapshot(root) for root in before} == before
    assert not Path(installed_scripts()[0]).exists()


def test_a_dollar_in_home_is_taken_out_without_the_manifest(dollar_home):
    """The commands written through env keep their value when Prism saves the files in its own form, and are
    prelaunch's by what they start: an uninstall that lost its manifest still finds them, gives the player's
    commands back and then removes the scripts."""
    cfg, instance = dollar_prism_dir(dollar_home)
    paths = (cfg, instance / "instance.cfg", instance.parent / "old" / "instance.cfg")
    before = {path: parsers.prism_load(path) for path in paths}
    assert run_cli("install", "--yes").returncode == 0
    for path in paths:
        installed = parsers.prism_load(path)
        parsers.prism_resave(path)
        assert parsers.prism_load(path) == installed, path
    (dollar_home / ".local/share/prelaunch/manifest.json").unlink()
    result = run_cli("uninstall", "--yes")
    assert result.returncode == 0 and "not in prelaunch's manifest" in result.stdout, result.stdout
    after = {path: parsers.prism_load(path) for path in paths}
    assert after[cfg]["WrapperCommand"] == "/usr/bin/env"
    for path in paths:  # the player's own pre-launch commands, each where it was
        assert after[path]["PreLaunchCommand"] == before[path]["PreLaunchCommand"], path
    assert not Path(installed_scripts()[0]).exists()


# --- Prism 12's PreLoadCommand: the player's, whatever it holds -----------------------------------------------

def test_preload_command_is_never_touched_nor_taken_for_the_pre_launch(prism_dir_with_preload):
    cfg, own, check = prism_dir_with_preload
    before = {path: parsers.prism_load(path)["PreLoadCommand"] for path in (cfg, own)}
    assert run_cli("install", "--yes").returncode == 0
    for path, pre_launch in ((cfg, "global-pre"), (own, "instance-pre")):
        values = parsers.prism_load(path)
        assert values["PreLoadCommand"] == before[path]
        assert parsers.qprocess_split(values["PreLaunchCommand"]) == [check, "--then", "echo", pre_launch]
    assert run_cli("uninstall", "--yes").returncode == 0
    assert {path: parsers.prism_load(path)["PreLoadCommand"] for path in (cfg, own)} == before


def test_uninstall_without_manifest_leaves_a_preload_that_runs_prelaunch(prism_dir_with_preload):
    """A player who put prelaunch's check into PreLoadCommand keeps it: the sweep takes prelaunch out of the
    keys it writes to only, and the scripts stay while that key names them."""
    cfg, own, check = prism_dir_with_preload
    assert run_cli("install", "--yes").returncode == 0
    qsettings_write(cfg, {"PreLoadCommand": f'"{check}" --then echo preload'})
    (Path(os.environ["XDG_DATA_HOME"]) / "prelaunch/manifest.json").unlink()
    result = run_cli("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    values = parsers.prism_load(cfg)
    assert values["PreLoadCommand"] == f'"{check}" --then echo preload'
    assert values["PreLaunchCommand"] == "echo global-pre"
    assert "prelaunch's scripts in" in result.stdout and Path(check).exists()


@pytest.fixture
def prism_dir_with_preload(home) -> tuple[Path, Path, str]:
    data = write_prism_dir(Path(os.environ["XDG_DATA_HOME"]) / "PrismLauncher")
    cfg, own = data / "prismlauncher.cfg", data / "instances" / "own" / "instance.cfg"
    qsettings_write(cfg, {"PreLoadCommand": "echo global-preload", "PreLaunchCommand": "echo global-pre"})
    qsettings_write(own, {"PreLoadCommand": "echo own-preload"})
    return cfg, own, installed_scripts()[0]


# --- PR #5931: an instance's commands live only while its OverrideCommands is on ---------------------------

COMMAND_KEYS = ("PreLoadCommand", "PreLaunchCommand", "WrapperCommand", "PostExitCommand")


def save_as_pr_5931(path: Path) -> None:
    """The open settings rewrite (PR #5931, claimed): a fresh file of the keys it knows, the command keys only
    while OverrideCommands is true, no old key names."""
    values = parsers.prism_load(path)
    if not ini.qt_bool(values.get("OverrideCommands")):
        values = {k: v for k, v in values.items() if k not in COMMAND_KEYS}
    path.write_text("")
    qsettings_write(path, {k: v for k, v in values.items() if k not in ("PreLaunchCmd", "PostExitCmd",
                                                                         "OverrideLaunchCmd")})


def test_instance_commands_are_written_only_where_they_survive_pr_5931(home):
    """prelaunch writes an instance's commands only where its overrides are on: there the rewrite keeps them,
    elsewhere the global ones run. After that save every instance still starts prelaunch."""
    data = write_prism_dir(Path(os.environ["XDG_DATA_HOME"]) / "PrismLauncher")
    off = data / "instances" / "plain" / "instance.cfg"
    before_off = off.read_bytes()
    assert run_cli("install", "--yes").returncode == 0
    assert off.read_bytes() == before_off
    check, wrap = installed_scripts()
    global_values = parsers.prism_load(data / "prismlauncher.cfg")
    for path in sorted((data / "instances").glob("*/instance.cfg")):
        save_as_pr_5931(path)
        values = parsers.prism_load(path)
        effective = values if ini.qt_bool(values.get("OverrideCommands")) else global_values
        pre = effective.get("PreLaunchCommand", global_values["PreLaunchCommand"])
        wrapper = effective.get("WrapperCommand", global_values["WrapperCommand"])
        assert parsers.qprocess_split(pre)[0] == check, path.parent.name
        assert parsers.prism_split_args(wrapper)[0] == wrap, path.parent.name
