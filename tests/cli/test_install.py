"""`prelaunch install` at the terminal: what it shows, the one question, who it waits for, why it refuses, and
what it says when it stops. Real subprocesses over real launcher folders (tests/installer/ tests the files)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.installs import installed_scripts, on_a_terminal, run_cli, snapshot, write_prism_dir
from tests.helpers.world import UNCHECKED, assert_given_back, assert_installed, wait_until_or_ended

HOLD = """import sys
from prelaunch.installer import transaction
with transaction.exclusive("install"):
    print("held", flush=True)
    sys.stdin.readline()
"""

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
    """A Prism working on this data folder (as Prism does: it is its working directory)."""
    fake = tmp_path / "prismlauncher"
    shutil.copy("/bin/sleep", fake)
    proc = subprocess.Popen([str(fake), "30"], cwd=prism_dir)
    try:
        before = snapshot(prism_dir)
        result = run_cli("install", "--yes")
        assert result.returncode == 1
        assert f"Prism Launcher is running (prismlauncher, pid {proc.pid})" in result.stdout
        assert snapshot(prism_dir) == before
    finally:
        proc.kill()
        proc.wait()


def test_an_install_waits_for_the_holder_and_names_it(world, installed, monkeypatch):
    world.reset()
    holder = subprocess.Popen([sys.executable, "-c", HOLD], env=world.env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        for name in ("HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
            monkeypatch.setenv(name, world.env[name])
        from prelaunch.installer import transaction

        with pytest.raises(transaction.Busy, match=rf"`prelaunch install` \(pid {holder.pid}, started at "):
            with transaction.exclusive("install", say=lambda line: None, wait=0.2):
                pass
        waiting = world.start("install", "--yes")
        line = waiting.stdout.readline()
        assert line.startswith(f"Waiting for `prelaunch install` (pid {holder.pid}, started at "), line
        assert world.state() == world.original  # it has not touched anything while it waits
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert waiting.wait(timeout=60) == 0, waiting.stdout.read()
        waiting.stdout.close()
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.communicate()
    assert_installed(world, installed)


def test_the_prelaunch_command_goes_where_user_commands_go(world):
    result = world.run("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    target = Path(os.readlink(world.command))
    assert target == Path(sys.executable).parent / "prelaunch"
    version = subprocess.run([str(world.command), "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("prelaunch ")
    assert f"{world.command.parent}, which is not on your PATH" in result.stdout
    assert f"Meanwhile: {target} doctor" in result.stdout
    manifest = json.loads((world.own / "manifest.json").read_text())
    assert manifest["command"] == {"path": str(world.command), "link": str(target),
                                   "folders": [str(world.command.parent)]}  # ~/.local/bin was made for it
    world.env["PATH"] = f"{world.command.parent}:/usr/bin:/bin"
    again = world.run("install", "--yes")
    assert "(on your PATH): try `prelaunch doctor`" in again.stdout
    assert world.run("uninstall", "--yes").returncode == 0
    assert not os.path.lexists(world.command) and not world.command.parent.exists()  # made by the install


def test_a_prelaunch_command_that_is_not_ours_is_left_alone(world):
    world.command.parent.mkdir(parents=True)
    world.command.write_text("#!/bin/sh\necho mine\n")
    result = world.run("install", "--yes")
    assert result.returncode == 0 and "is not prelaunch's and was left alone" in result.stdout
    assert world.run("uninstall", "--yes").returncode == 0
    assert world.command.read_text() == "#!/bin/sh\necho mine\n"


def test_a_dry_run_names_an_interrupted_run_and_changes_nothing(world):
    proc = world.start("install", "--yes")
    wait_until_or_ended(lambda: world.journaled() >= 2, proc)
    proc.kill()
    proc.communicate()
    assert (world.journal() / "journal.jsonl").exists(), "the install finished before it could be killed"
    half = world.state()
    for verb in ("install", "uninstall"):
        result = world.run(verb, "--dry-run")
        assert result.returncode == 0 and "left its journal in" in result.stdout, result.stdout + result.stderr
        assert world.state() == half and (world.journal() / "journal.jsonl").exists()
    assert world.run("uninstall", "--yes").returncode == 0
    assert_given_back(world)


def test_a_failure_before_any_change_is_said_in_installs_words(world):
    world.own.parent.mkdir(parents=True, exist_ok=True)
    world.own.write_text("not a folder")
    result = world.run("install", "--yes")
    assert result.returncode == 1
    assert "internal error in `install` (FileExistsError" in result.stderr
    assert "the install stopped before changing any launcher file" in result.stderr
    assert UNCHECKED not in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert world.state() == world.original


def test_an_unreadable_journal_is_set_aside_and_said(world):
    world.journal().mkdir(parents=True)
    (world.journal() / "journal.jsonl").write_text("garbage\n{}\n")
    result = world.run("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "left a journal that cannot be read" in result.stdout
    assert [p.name for p in world.own.iterdir() if p.name.startswith("journal.unreadable-")]
    assert not world.journal().exists()


def test_an_install_shows_each_change_then_each_file_then_where_the_backups_are(prism_dir):
    result = run_cli("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    cfg = prism_dir / "prismlauncher.cfg"
    check, _ = installed_scripts()
    backups = Path(os.environ["XDG_DATA_HOME"]) / "prelaunch" / "backups"
    assert lines[:2] == [f"Prism Launcher at {prism_dir}", "  prismlauncher.cfg"]
    assert lines[2].startswith(f"    PreLaunchCommand: {USER_PRE_SHOWN} -> \"{check}\" --then ")
    changed = [line for line in lines if line.startswith("changed: ")]
    assert changed[0] == f"changed: {cfg}" and len(changed) == 4, lines  # the global file, three instances
    assert lines.index(changed[0]) > max(i for i, line in enumerate(lines) if line.startswith("    "))
    assert lines[-1] == f"Done. Backups are in {backups}; `python3 install.py --uninstall` puts everything back."


USER_PRE_SHOWN = '"/opt/My Tools/packwiz.sh" -g "pack url;x"'


def test_on_a_terminal_it_asks_once_and_only_yes_changes_files(prism_dir):
    before = snapshot(prism_dir)
    refused = on_a_terminal("n\n", "install")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert refused.stdout.count("Change 4 file(s)? [y/N] ") == 1 and "changed: " not in refused.stdout
    assert snapshot(prism_dir) == before
    accepted = on_a_terminal("y\n", "install")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert accepted.stdout.count("Change 4 file(s)? [y/N] ") == 1 and "changed: " in accepted.stdout
    assert snapshot(prism_dir) != before


def test_a_launcher_that_cannot_be_set_up_is_named_with_the_reason(home):
    """prelaunch's own folder holds a backquote, which one of the launchers' command parsers changes: no
    command can name its scripts there."""
    data = home / "data `x`"
    write_prism_dir(data / "PrismLauncher")
    before = snapshot(data)
    result = run_cli("install", "--yes", env={"XDG_DATA_HOME": str(data)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"Prism Launcher at {data / 'PrismLauncher'}: cannot be set up (")
    assert "contains a backquote" in result.stdout and "changed: " not in result.stdout
    assert snapshot(data) == before


def test_no_launcher_found_says_where_it_looked_and_shows_doctor(home):
    result = run_cli("install", "--yes", "--launcher", "multimc")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "No launcher found (Prism Launcher, MultiMC, Modrinth App). Looked in:"
    assert "Here is what `prelaunch doctor` says on this machine, as a demonstration:" in lines
    assert not (Path(os.environ["XDG_DATA_HOME"]) / "prelaunch").exists()
