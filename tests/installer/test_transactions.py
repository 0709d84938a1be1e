"""Installs and uninstalls are transactions: real `prelaunch install`/`uninstall` subprocesses over a HOME
with a space and a non-ASCII letter, holding Prism Launcher (global file and instances of every kind) and
Modrinth App (0.15+ database) fixtures, killed with SIGKILL at random moments, failing on a write-locked
database, a file size limit, a read-only instance folder and a full disk, and run two at once.

What may never happen: a launcher file changed and not recoverable. After any of these, the next install
leaves prelaunch fully installed and the next uninstall gives every text file back byte for byte and the
database back row for row."""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers.world import UNCHECKED, World, assert_given_back, assert_installed, wait_until_or_ended


def test_kill_9_at_random_moments_leaves_nothing_unrecoverable(world, installed):
    """24 installs killed at random moments (18 of them after their journal appeared, so inside the writes), and
    more, up to 100, until at least 10 kills have landed inside a transaction (a busy machine makes the writes
    slower or quicker than timed); even runs are followed by an install (then an uninstall), odd runs directly
    by an uninstall."""
    timings = []  # the quickest of three whole installs: one slowed by a busy machine would put most kills after
    for _ in range(3):
        world.reset()
        proc = world.start("install", "--yes")
        timings.append((wait_until_or_ended(world.journal().exists, proc), wait_until_or_ended(lambda: False, proc)))
        assert proc.wait() == 0
    to_journal, writing = min(timings, key=sum)
    writing += 0.01
    rng = random.Random(20261201)
    interrupted = run = 0
    while run < 24 or (interrupted < 10 and run < 100):
        world.reset()
        proc = world.start("install", "--yes")
        if run % 4:
            wait_until_or_ended(world.journal().exists, proc)
            time.sleep(rng.uniform(0, writing))
        else:
            time.sleep(rng.uniform(0, to_journal))
        proc.kill()
        proc.communicate()
        if (world.journal() / "journal.jsonl").exists():
            interrupted += 1
            assert stat.S_IMODE(world.journal().stat().st_mode) == 0o700
            assert {stat.S_IMODE(p.stat().st_mode) for p in world.journal().iterdir()} <= {0o600}
        if run % 2 == 0:
            result = world.run("install", "--yes")
            assert result.returncode == 0, (run, result.stdout + result.stderr)
            assert_installed(world, installed)
        result = world.run("uninstall", "--yes")
        assert result.returncode == 0, (run, result.stdout + result.stderr)
        assert UNCHECKED not in result.stdout + result.stderr
        assert_given_back(world)
        run += 1
    assert interrupted >= 10, f"only {interrupted} of {run} kills landed inside a transaction"


def test_an_interrupted_install_is_rolled_back_by_the_next_run(world, installed):
    """A journal left behind: the next run says so and starts from the files as they were."""
    world.reset()
    proc = world.start("install", "--yes")
    wait_until_or_ended(lambda: world.journaled() >= 3, proc)
    proc.kill()
    proc.communicate()
    assert (world.journal() / "journal.jsonl").exists(), "the install finished before it could be killed"
    result = world.run("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "was interrupted" in result.stdout and "back as they were before it" in result.stdout
    assert_installed(world, installed)


def assert_rolled_back(world: World, result: subprocess.CompletedProcess) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "back as they were before" in output and UNCHECKED not in output
    assert world.state() == world.original and not world.leftovers()
    assert not world.journal().exists() and not (world.own / "manifest.json").exists()
    assert not os.path.lexists(world.command) and not world.command.parent.exists()
    assert not [p for p in world.own.rglob("*") if p.is_file() and "backups" in p.parts]  # its backups went too


def test_a_write_locked_database_rolls_back_the_files_already_changed(world):
    holder = sqlite3.connect(world.modrinth / "app.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # readers go on; every writer waits, then gives up
    try:
        result = world.run("install", "--yes")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "changed: " in result.stdout  # Prism's files were written before the database refused
    assert "The 5 launcher file(s) it had begun to change" in result.stdout
    assert_rolled_back(world, result)


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_file_size_limit_at_every_step_rolls_back_or_completes(world, installed):
    """A full disk without root: RLIMIT_FSIZE in the child, at sizes that stop the install at its journal,
    at a launcher file, at the database's backup or at the manifest."""
    stopped_midway = 0
    for limit in (128, 512, 1024, 2048, 4096, 8192, 16384, 65536, 1 << 20):
        world.reset()
        result = world.run("install", "--yes", preexec_fn=_file_size_limit(limit))
        if result.returncode == 0:
            assert_installed(world, installed)
            continue
        assert_rolled_back(world, result)
        stopped_midway += "changed: " in result.stdout
    assert stopped_midway >= 1


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here ({done.stderr.strip() or done.returncode}): needs root")


def test_a_read_only_instance_folder_rolls_back(world):
    folder = world.prism / "instances" / "own"
    mounted = False
    if os.geteuid() == 0:  # root writes through folder permissions; a read-only bind mount stops it
        _mount("--bind", str(folder), str(folder))
        mounted = True
        try:
            _mount("-o", "remount,bind,ro", str(folder))
        except BaseException:
            subprocess.run(["umount", str(folder)], check=False)
            raise
    else:
        folder.chmod(0o555)
    try:
        result = world.run("install", "--yes")
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)
        else:
            folder.chmod(0o755)
    assert "Read-only file system" in result.stdout or "Permission denied" in result.stdout
    assert "changed: " in result.stdout  # the global file and an instance before it were changed, then put back
    assert_rolled_back(world, result)


def test_a_full_disk_rolls_back(world):
    """The instance folder on a 16 KiB tmpfs, filled up: its instance.cfg cannot be replaced."""
    folder = world.prism / "instances" / "own"
    saved = world.home.parent / "own.saved"
    folder.rename(saved)
    folder.mkdir()
    _mount("-t", "tmpfs", "-o", "size=16k", "tmpfs", str(folder))
    try:
        for item in saved.iterdir():
            shutil.copytree(item, folder / item.name) if item.is_dir() else shutil.copy2(item, folder / item.name)
        with open(folder / "filler", "wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 512)
            except OSError:
                pass
        result = world.run("install", "--yes")
        state = world.state()
    finally:
        subprocess.run(["umount", str(folder)], check=True)
        folder.rmdir()
        saved.rename(folder)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "back as they were before" in output and UNCHECKED not in output, output
    assert "No space left on device" in output and "changed: " in output  # it failed midway
    assert state == world.original


def test_two_installs_at_once_exclude_each_other(world, installed):
    """Both finish (the second after the first, then finding everything set up) or one refuses; either way
    the manifest knows every file, and one uninstall gives everything back."""
    for _ in range(5):
        world.reset()
        first, second = world.start("install", "--yes"), world.start("install", "--yes")
        outputs = [first.communicate(timeout=120)[0], second.communicate(timeout=120)[0]]
        codes = [first.returncode, second.returncode]
        assert sorted(codes) in ([0, 0], [0, 1]), outputs
        assert_installed(world, installed)
        wrote = [any(line.startswith("changed: ") for line in out.splitlines()) for out in outputs]
        assert sum(wrote) == 1, outputs  # one wrote, the other found it done ("unchanged: " is not a write)
        result = world.run("uninstall", "--yes")
        assert result.returncode == 0, result.stdout + result.stderr
        assert_given_back(world)


def test_a_manifest_that_lost_an_install_still_gives_everything_back(world):
    """Two installs whose manifest kept only the first one's files (as two installers at once once did)."""
    assert world.run("install", "--yes", "--launcher", "prism").returncode == 0
    kept = (world.own / "manifest.json").read_bytes()
    assert world.run("install", "--yes", "--launcher", "modrinth").returncode == 0
    (world.own / "manifest.json").write_bytes(kept)
    result = world.run("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert_given_back_by_meaning(world)


def assert_given_back_by_meaning(world: World) -> None:
    state = world.state()
    text_files = {k: v for k, v in state.items() if not k.endswith("app.db")}
    assert text_files == {k: v for k, v in world.original.items() if not k.endswith("app.db")}
    assert not world.names_scripts() and not (world.own / "bin").exists()


def test_what_prelaunch_writes_is_owner_only(world):
    usual = os.umask(0o022)  # the common umask: it would give 0644 files and 0755 folders
    try:
        assert world.run("install", "--yes").returncode == 0
    finally:
        os.umask(usual)
    backups = [p for p in (world.own / "backups").rglob("*")]
    assert any(p.name.endswith("app.db") for p in backups)  # the token-blanked copy of the database too
    for path in [world.own, world.own / "manifest.json", *backups]:
        want = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == want, path


def test_uninstall_takes_prelaunch_out_of_instances_whose_own_commands_are_off(world):
    """An instance set up while its own commands were on, then switched off by the player: its keys still
    name the scripts, and would run them again the day they are switched back on."""
    assert world.run("install", "--yes").returncode == 0
    own = world.prism / "instances" / "own" / "instance.cfg"
    own.write_text(own.read_text(encoding="utf-8").replace("OverrideCommands=true", "OverrideCommands=false"),
                   encoding="utf-8")
    (world.own / "manifest.json").unlink()
    result = world.run("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "instances/own/instance.cfg" in result.stdout
    assert not world.names_scripts() and not (world.own / "bin").exists()
    from tests.helpers.installs import qt_value

    assert qt_value(own, "PreLaunchCommand") == "echo instance-pre" and qt_value(own, "name") == "Überleben ✓"


def test_a_journal_line_cut_short_by_a_kill_is_the_change_not_begun(home):
    """The last line of a journal may be cut short (a kill while it was written): it is dropped, every
    whole line before it is read. A cut anywhere else is damage, not a kill."""
    from prelaunch.installer import journal

    run = journal.Journal("install", None).open()
    run.before_change("/nowhere/one.cfg", "ini", "prism", [{"where": "", "key": "K", "before": "a", "after": "b"}],
                      text=True)
    run.created("/nowhere/backup")
    run.leave()
    whole = Path(journal.path()).read_bytes()
    Path(journal.path()).write_bytes(whole + b'{"file": {"path": "/nowhere/tw')
    data = journal.load()
    assert [r["path"] for r in data["files"]] == ["/nowhere/one.cfg"] and data["created"] == ["/nowhere/backup"]
    assert data["command"] == "install" and data["manifest"] is None
    Path(journal.path()).write_bytes(b'{"version": 2, "comm\n' + whole)
    with pytest.raises(ValueError, match="line 1 cannot be read"):
        journal.load()
    journal.discard()
    assert journal.load() is None


def _journal_of_a_killed_database_write(world: World, monkeypatch) -> None:
    """What a kill leaves while SQLite was starting its rollback journal: the run's journal naming app.db,
    and an `app.db-journal` whose header was never written."""
    for name in ("HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, world.env[name])
    from prelaunch.installer import journal

    run = journal.Journal("install", None).open()
    run.before_change(str(world.modrinth / "app.db"), "sqlite", "modrinth",
                      [{"where": "settings", "key": "hook_pre_launch", "before": "echo hi", "after": "ours"}],
                      text=False)
    run.leave()
    (world.modrinth / "app.db-journal").write_bytes(bytes(512))


def test_a_stale_rollback_journal_of_the_killed_run_is_removed(world, monkeypatch):
    _journal_of_a_killed_database_write(world, monkeypatch)
    result = world.run("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "was interrupted" in result.stdout
    assert world.state() == world.original and not world.leftovers()


def test_an_interrupted_run_is_not_undone_while_its_launcher_runs(world, monkeypatch, tmp_path):
    _journal_of_a_killed_database_write(world, monkeypatch)
    fake = tmp_path / "ModrinthApp"
    shutil.copy("/bin/sleep", fake)
    app = subprocess.Popen([str(fake), "30"])
    try:
        result = world.run("install", "--yes")
    finally:
        app.kill()
        app.wait()
    assert result.returncode == 1
    assert f"a launcher that is running now (ModrinthApp, pid {app.pid}): close it first" in result.stdout
    assert (world.journal() / "journal.jsonl").exists() and (world.modrinth / "app.db-journal").exists()
    result = world.run("install", "--yes")
    assert result.returncode == 0 and "was interrupted" in result.stdout, result.stdout + result.stderr
    assert not world.leftovers()


def test_an_interrupted_run_puts_a_multimc_setting_back_with_multimc_rules(home):
    """The killed run had set a MultiMC instance's pre-launch command, and MultiMC saved the file since (so it
    is not put back byte for byte): the player's command, quoted at both ends and holding an `=`, is put back as
    MultiMC reads it, not with the extra quotes Prism's old-format reader would need."""
    from prelaunch.installer import journal, transaction
    from prelaunch.launchers import ini

    theirs, ours = '"/usr/bin/env" "GAME=1" "true"', str(home / "prelaunch-check")  # quoted, with an "="
    cfg = home / ".local/share/multimc/instances/m/instance.cfg"
    cfg.parent.mkdir(parents=True)
    cfg.write_text(f"InstanceType=OneSix\nOverrideCommands=true\nPreLaunchCommand={theirs}\nname=Modded\n")
    run = journal.Journal("install", None).open()
    run.before_change(str(cfg), "ini", "multimc", [{"where": "", "key": "PreLaunchCommand", "before": theirs,
                                                    "after": ours, "own": ours}], text=True)
    run.leave()
    cfg.write_text(f"InstanceType=OneSix\nOverrideCommands=true\nPreLaunchCommand={ours}\nlastLaunchTime=1\n"
                   "name=Modded\n")  # as MultiMC saves it after a launch
    assert "was interrupted" in (transaction.recover() or "")
    assert ini.read(cfg, "multimc")["PreLaunchCommand"] == theirs
