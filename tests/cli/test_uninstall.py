"""`prelaunch uninstall` at the terminal: what it lists, the one question, and what it says it keeps. Real
subprocesses over real launcher folders (tests/installer/ tests the files)."""

from __future__ import annotations

import os
import sqlite3

from tests.helpers.installs import run_cli, snapshot


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
