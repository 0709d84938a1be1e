"""`prelaunch install`/`uninstall` on Prism Launcher and MultiMC data dirs, end to end in subprocesses, with
Qt's own parsers as oracles and nasty values everywhere."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


@pytest.fixture
def spaced_home(home, monkeypatch, tmp_path):
    """A home directory with a space and non-ASCII in it, so every path prelaunch writes has both."""
    spaced = tmp_path / "Zoë Smith"
    for name, sub in (("HOME", ""), ("XDG_DATA_HOME", ".local/share"), ("XDG_STATE_HOME", ".local/state"),
                      ("XDG_CACHE_HOME", ".cache"), ("XDG_CONFIG_HOME", ".config")):
        (spaced / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(spaced / sub))
    return spaced


def write_prism_dir(data: Path) -> Path:
    """A Prism data dir as Prism 9 writes it, with a user's own commands and instances of every kind."""
    (data / "instances").mkdir(parents=True)
    (data / "prismlauncher.cfg").write_text(
        "[General]\nConfigVersion=1.2\nInstanceDir=instances\nLanguage=de_DE\n"
        f'PreLaunchCommand="\\"/opt/My Tools/packwiz.sh\\" -g \\"pack url;x\\""\nWrapperCommand={USER_WRAP}\n'
        "PostExitCommand=\n\n[UI]\nMainWindowState=@ByteArray(AAAA)\n", encoding="utf-8")
    (data / "accounts.json").write_text('{"formatVersion": 3, "accounts": [%s]}' % __import__("json").dumps(
        prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() + 9e4), active=True)))
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
def prism_dir(spaced_home):
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
    from prelaunch.launchers import _ini

    assert qprocess_split(_ini.parse_multimc(legacy, True)["PreLaunchCommand"]) == [check, "--then", "echo", "legacy"]


def commands_join(args):
    from prelaunch.installer import commands

    return commands.join(args)


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


def test_dry_run_changes_nothing(prism_dir):
    before = snapshot(prism_dir)
    result = run_cli("install", "--dry-run")
    assert result.returncode == 0 and "PreLaunchCommand" in result.stdout
    assert snapshot(prism_dir) == before
    assert not (Path(os.environ["XDG_DATA_HOME"]) / "prelaunch").exists()


def test_without_a_terminal_it_asks_for_yes(prism_dir):
    before = snapshot(prism_dir)
    result = run_cli("install")
    assert result.returncode == 1 and "--yes" in result.stdout
    assert snapshot(prism_dir) == before


def test_a_running_launcher_makes_install_refuse(prism_dir, tmp_path):
    fake = tmp_path / "prismlauncher"
    shutil.copy("/bin/sleep", fake)
    proc = subprocess.Popen([str(fake), "30"])
    try:
        before = snapshot(prism_dir)
        result = run_cli("install", "--yes")
        assert result.returncode == 1
        assert f"Prism Launcher is running (prismlauncher, pid {proc.pid})" in result.stdout
        assert snapshot(prism_dir) == before
    finally:
        proc.kill()
        proc.wait()


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


def test_multimc_format_dir(spaced_home):
    data = Path(os.environ["HOME"]) / "MultiMC"
    (data / "instances" / "m" / "minecraft").mkdir(parents=True)
    (data / "multimc.cfg").write_text("InstanceDir=instances\nLanguage=en\nPreLaunchCommand=echo \\#1\n")
    (data / "instances" / "m" / "instance.cfg").write_text("OverrideCommands=true\nname=M\n")
    before = snapshot(data)
    assert run_cli("install", "--yes", "--dir", str(data)).returncode == 0
    from prelaunch.launchers import _ini

    values = _ini.parse_multimc((data / "multimc.cfg").read_text())
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
def test_sandboxed_builds_are_left_alone(spaced_home, where, make):
    """Flatpak and snap sandboxes have their own /usr and no access to ~/.local (the manifests grant none;
    a snap's `home` plug leaves out hidden folders), so neither the scripts nor the environment's Python could
    start there: a command set there would stop every launch."""
    from tests.builders import write_modrinth

    data = spaced_home / where
    if make == "prism":
        write_prism_dir(data)
    else:
        write_modrinth(data, "0.15+", users=[])
    before = snapshot(spaced_home)
    result = run_cli("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"at {data}\n  not set up: this is a Flatpak or snap build." in result.stdout
    assert snapshot(spaced_home) == before
