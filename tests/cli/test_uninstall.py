"""`prelaunch uninstall` at the terminal: what it lists, the one question, and what it says it keeps. Real
subprocesses over real launcher folders (tests/installer/ tests the files)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.helpers.builders import FIXTURE_UUID
from tests.helpers.installs import run_cli, snapshot
from tests.helpers.leases import this_computers_leases


def test_uninstall_without_a_manifest_finds_prelaunch_commands(world, installed):
    world.reset()
    assert world.run("install", "--yes").returncode == 0
    (world.own / "manifest.json").unlink()
    result = world.run("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not in prelaunch's manifest" in result.stdout and "nothing to restore" not in result.stdout
    assert not world.names_scripts()
    from tests.helpers.installs import qt_value

    cfg = world.prism / "prismlauncher.cfg"
    assert qt_value(cfg, "PreLaunchCommand") == '"/opt/My Tools/packwiz.sh" -g "pack url;x"'
    assert qt_value(cfg, "WrapperCommand") == "gamemoderun"
    with sqlite3.connect(world.modrinth / "app.db") as db:
        assert db.execute("SELECT hook_pre_launch, hook_wrapper FROM settings").fetchone() == ("echo hi",
                                                                                               "gamemoderun")
        assert dict(db.execute("SELECT path, override_hook_pre_launch FROM profiles")) == {
            "Pack A": "echo pack", "Pack B": None}
    db.close()
    assert not (world.own / "bin").exists() and not os.path.lexists(world.command)


def test_scripts_stay_while_a_launcher_file_names_them(world):
    assert world.run("install", "--yes").returncode == 0
    (world.own / "manifest.json").unlink()
    result = world.run("uninstall", "--yes", "--launcher", "prism")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "are kept: these files still name them" in result.stdout and "app.db" in result.stdout
    assert (world.own / "bin" / "prelaunch-check").is_file() and (world.own / "bin" / "prelaunch-wrap").is_file()
    result = world.run("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not world.names_scripts() and not (world.own / "bin").exists()


def test_a_command_changed_after_install_is_left_alone(world):
    assert world.run("install", "--yes").returncode == 0
    world.command.unlink()
    world.command.symlink_to("/bin/true")
    result = world.run("uninstall", "--yes")
    assert result.returncode == 0 and "changed since install and is left alone" in result.stdout
    assert os.readlink(world.command) == "/bin/true"


def test_uninstall_with_nothing_installed_says_so_and_changes_nothing(prism_dir):
    before = snapshot(prism_dir)
    result = run_cli("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "prelaunch's commands are in no launcher file; nothing to restore.\n"
    assert snapshot(prism_dir) == before


def test_uninstall_lists_the_files_and_asks_for_yes_without_a_terminal(prism_dir):
    assert run_cli("install", "--yes").returncode == 0
    installed = snapshot(prism_dir)
    cfg = prism_dir / "prismlauncher.cfg"
    dry = run_cli("uninstall", "--dry-run")
    assert dry.returncode == 0 and f"  {cfg}" in dry.stdout.splitlines(), dry.stdout + dry.stderr
    asked = run_cli("uninstall")
    assert asked.returncode == 1
    assert asked.stdout.splitlines()[-1] == "Not asked on a terminal: run again with --yes to apply."
    assert snapshot(prism_dir) == installed
    done = run_cli("uninstall", "--yes")
    assert done.returncode == 0 and f"{cfg}: restored byte for byte" in done.stdout.splitlines()
    assert snapshot(prism_dir) != installed


# --- what uninstall leaves: nothing it made but the log and the player's settings, each named --------------------

GAME = str(Path(__file__).resolve().parents[1] / "helpers" / "game.py")


def everything(home: Path) -> set[str]:
    """Every file, folder and link under `home`, by its path relative to it."""
    return {str(p.relative_to(home)) + ("/" if p.is_dir() and not p.is_symlink() else "") for p in home.rglob("*")}


def desktop_home(world) -> Path:
    """The world's HOME as a desktop has it: the XDG folders every program shares exist, `~/.local/bin` does not,
    and the player's settings are in config.toml in its usual place (the sign-in servers not probed)."""
    for shared in (".cache", ".local/state"):
        (world.home / shared).mkdir(parents=True, exist_ok=True)
    config = world.home / ".config" / "prelaunch" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[network]\nenabled = false\n", encoding="utf-8")
    del world.env["PRELAUNCH_CONFIG"]
    return config


def play_once(world, tmp_path: Path) -> None:
    """A launch of the Prism instance through prelaunch's own scripts, as the launcher runs them: the check,
    then the game through the wrapper; and a line in prelaunch's log."""
    instance = world.prism / "instances" / "own"
    env = dict(world.env, INST_DIR=str(instance), INST_ID="own", INST_NAME="Überleben ✓")
    scripts = world.own / "bin"
    check = subprocess.run([str(scripts / "prelaunch-check"), "--ui", "none"], env=env, cwd=instance / "minecraft",
                           capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert check.returncode == 0, check.stdout + check.stderr
    game = [sys.executable, GAME, str(tmp_path / "game.json"), "0", "0.5", "net.minecraft.client.main.Main",
            "--username", "Steve", "--uuid", FIXTURE_UUID]
    wrap = subprocess.run([str(scripts / "prelaunch-wrap"), *game], env=env, cwd=instance / "minecraft",
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert wrap.returncode == 0, wrap.stdout + wrap.stderr
    assert list((world.home / ".local/state/prelaunch/locks").iterdir()), "the wrapper left no lock to clean"
    logged = subprocess.run([sys.executable, "-c", "from prelaunch import paths; paths.append_log('a line')"],
                            env=world.env, timeout=60)
    assert logged.returncode == 0


def test_uninstall_leaves_nothing_it_made_but_the_log_and_the_settings_it_names(world, tmp_path):
    config = desktop_home(world)
    before = everything(world.home)
    assert ".local/bin/" not in before
    for _ in range(2):  # a second install keeps the record of the folder the first one made
        result = world.run("install", "--yes")
        assert result.returncode == 0, result.stdout + result.stderr
    assert world.command.is_symlink()
    play_once(world, tmp_path)
    result = world.run("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    log = world.home / ".local/state/prelaunch/log/prelaunch.log"
    assert everything(world.home) - before == {".local/state/prelaunch/", ".local/state/prelaunch/log/",
                                               ".local/state/prelaunch/log/prelaunch.log"}
    assert before - everything(world.home) == set()
    assert f"  prelaunch's log: {log}" in result.stdout.splitlines()
    assert f"  your settings: {config}" in result.stdout.splitlines()
    assert config.read_text(encoding="utf-8") == "[network]\nenabled = false\n"


def test_without_a_log_nothing_of_prelaunch_is_left_and_only_the_settings_are_named(world):
    desktop_home(world)
    before = everything(world.home)
    assert world.run("install", "--yes").returncode == 0
    assert world.run("check", "--ui", "none", cwd=world.prism / "instances" / "own" / "minecraft").returncode == 0
    result = world.run("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert everything(world.home) == before
    assert "prelaunch's log" not in result.stdout and "your settings: " in result.stdout


def test_a_local_bin_the_player_had_stays(world):
    bin_folder = world.command.parent
    bin_folder.mkdir(parents=True)
    before = everything(world.home)
    assert world.run("install", "--yes").returncode == 0
    assert "folders" not in json.loads((world.own / "manifest.json").read_text())["command"]
    result = world.run("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert bin_folder.is_dir() and not os.path.lexists(world.command)
    assert everything(world.home) == before


def test_a_local_bin_prelaunch_made_stays_while_it_holds_something_of_the_players(world):
    assert world.run("install", "--yes").returncode == 0
    own = world.command.parent / "my-tool"
    own.write_text("#!/bin/sh\n", encoding="utf-8")
    result = world.run("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert own.read_text(encoding="utf-8") == "#!/bin/sh\n" and not os.path.lexists(world.command)


def test_uninstall_removes_this_computers_ended_leases_and_names_a_game_still_playing(world):
    synced = world.home / "Sync"
    synced.mkdir()
    (synced / "notes.txt").write_text("the player's own\n", encoding="utf-8")
    with open(world.home / "p.toml", "a", encoding="utf-8") as config:
        config.write(f'[devices]\nfolder = "{synced}"\n')
    assert world.run("install", "--yes").returncode == 0
    this_computers_leases(synced, world.env)
    ours = sorted(p.name for p in synced.iterdir())
    assert len(ours) == 4
    result = world.run("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    left = sorted(p.name for p in synced.iterdir())
    playing = [name for name in left if name != "notes.txt" and not name.startswith("prelaunch-ffff")]
    assert len(left) == 3 and len(playing) == 1  # this computer's ended lease went; the other computer's stays
    assert f"  a game still playing, for your other computers: {synced / playing[0]}" in result.stdout.splitlines()
