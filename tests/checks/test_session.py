"""The session check against real processes: a wrapped game, a foreign launcher's game, a leftover game. The
in-process tests hand the scan the processes they started (real ones, through psutil); the `check` runs
look at every process of the machine, and find their own games by an account and instance of their own."""

import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from prelaunch.checks import session
from prelaunch.config import Config
from prelaunch.model import AccountInfo, InstanceInfo, LaunchContext, LauncherInfo
from tests.helpers.builders import FIXTURE_UUID, dashed, mint_jwt, prism_with_steve
from tests.helpers.launch import GAME, game_argv, java, start_wrap, wait_for
from tests.helpers.session import OWN_UUID, ended, prism_with_own_steve, watchdogs_of


def context_for(instance_dir: Path, uuid: str = OWN_UUID) -> LaunchContext:
    return LaunchContext(launcher=LauncherInfo("prism", Path("/d"), "x"),
                         instance=InstanceInfo(instance_dir.name, "Here", instance_dir),
                         account=AccountInfo("Steve", uuid, "msa", None))


@pytest.fixture
def foreign_game(tmp_path):
    """A game started by some other launcher, with its account and token on the command line (dashed UUID)."""
    record = tmp_path / "foreign.json"
    proc = subprocess.Popen(game_argv(record, sleep_s=60, uuid=dashed(OWN_UUID),
                                      token=mint_jwt(time.time() + 3600)), cwd=tmp_path)
    wait_for(record)
    yield proc
    proc.kill()
    proc.wait()


def scan_of(*procs: subprocess.Popen) -> session.procinfo.Reading:
    """The session check's scan of exactly these processes (and of this test's own, which it never counts)."""
    return session.scan([psutil.Process(), *(psutil.Process(proc.pid) for proc in procs)])


def test_nobody_playing_is_ok(home, tmp_path):
    found = session.run(context_for(tmp_path / "inst"), Config(), scan_of())
    assert [f.severity for f in found] == ["ok"]


def test_game_of_another_launcher_for_the_same_account(home, tmp_path, foreign_game):
    found = session.run(context_for(tmp_path / "elsewhere"), Config(), scan_of(foreign_game))
    assert [(f.severity, f.title) for f in found] == [("error", "'Steve' is already playing in another game")]
    assert str(foreign_game.pid) in found[0].detail


def test_other_account_is_not_reported(home, tmp_path, foreign_game):
    found = session.run(context_for(tmp_path / "elsewhere", uuid="ab" * 16), Config(), scan_of(foreign_game))
    assert all(f.severity == "ok" for f in found)


def test_only_java_processes_command_lines_are_read(home, tmp_path):
    """A game is a Java runtime: a program of another name is not looked into, whatever its command line."""
    tail = ["net.minecraft.client.main.Main", "--username", "Steve", "--uuid", OWN_UUID]
    sleep = ["-c", "import time; time.sleep(60)"]
    other = subprocess.Popen([sys.executable, *sleep, *tail])
    game = subprocess.Popen([java(), *sleep, *tail])
    try:
        assert psutil.Process(other.pid).name() != "java" and psutil.Process(game.pid).name() == "java"
        found = session.run(context_for(tmp_path / "elsewhere"), Config(), scan_of(other, game))
        assert [(f.severity, f"process ID {game.pid}" in f.detail) for f in found] == [("error", True)]
    finally:
        for proc in (other, game):
            proc.kill()
            proc.wait()


def test_leftover_game_of_the_same_instance_is_an_error_with_this_os_words(home, tmp_path):
    inst = tmp_path / "inst"
    (inst / "minecraft").mkdir(parents=True)
    record = tmp_path / "leftover.json"
    proc = subprocess.Popen(game_argv(record, sleep_s=60, uuid="ab" * 16), cwd=inst / "minecraft")
    try:
        wait_for(record)
        found = session.run(context_for(inst), Config(), scan_of(proc))
        assert [f.severity for f in found] == ["error"]
        assert f"process ID {proc.pid}" in found[0].detail and "corrupt" in found[0].detail
        assert str(proc.pid) not in found[0].title  # the headline of a dialog: no process number
        how = found[0].fixes[1]
        assert how == session.end_process_steps(proc.pid)
        assert "system monitor" in how and f"kill {proc.pid}" in how
        assert "Task Manager" not in " ".join(found[0].fixes) and "Activity Monitor" not in " ".join(found[0].fixes)
        assert not session.is_account_in_use(found[0])  # not what [session] on_account_in_use is about
    finally:
        proc.kill()
        proc.wait()


def test_each_os_gets_its_own_words_to_end_a_process():
    words = {platform: session.end_process_steps(4242, platform) for platform in ("linux", "win32", "darwin")}
    assert "Task Manager" in words["win32"] and "4242" in words["win32"]
    assert "Activity Monitor" in words["darwin"] and "4242" in words["darwin"]
    assert "kill 4242" in words["linux"]
    for platform, text in words.items():
        others = {"linux": ("Task Manager", "Activity Monitor"), "win32": ("kill ", "Activity Monitor"),
                  "darwin": ("Task Manager", "kill ")}[platform]
        assert not any(word in text for word in others), platform


def test_check_stops_at_a_leftover_game_by_default(cli, home, tmp_path):
    inst = prism_with_own_steve(home, "V")
    record = tmp_path / "leftover.json"
    proc = subprocess.Popen(game_argv(record, sleep_s=60, uuid="ab" * 16), cwd=inst / "minecraft")
    try:
        wait_for(record)
        result = cli("check", "--ui", "none", cwd=inst / "minecraft")
        assert result.code == 1 and "launch cancelled" in result.out
        assert "already playing" not in result.out
    finally:
        proc.kill()
        proc.wait()


def test_only_the_account_is_read_from_other_games(home, tmp_path, foreign_game, monkeypatch):
    """Other games' command lines hold live tokens: the scan never looks at one, even for its expiry."""
    from prelaunch import identifiers

    looked = []
    monkeypatch.setattr(identifiers, "jwt_expiry", lambda token: looked.append(token))
    found = session.run(context_for(tmp_path / "elsewhere"), Config(), scan_of(foreign_game))
    assert [f.severity for f in found] == ["error"]
    assert looked == []


def test_wrapped_game_is_reported_with_its_holder(home, tmp_path):
    inst = prism_with_steve(home, "Vanilla+")
    record = tmp_path / "r.json"
    argv = [java(), GAME, str(record), "0", "60", "org.prismlauncher.EntryPoint"]
    proc = start_wrap(argv, inst / "minecraft", env={"INST_DIR": str(inst)})
    try:
        wait_for(record)
        found = session.run(context_for(tmp_path / "other-instance", uuid=FIXTURE_UUID), Config(), scan_of(proc))
        assert len(found) == 1 and found[0].severity == "error"
        assert found[0].title == "'Steve' is already playing in instance 'Vanilla+'"
        assert found[0].summary.startswith("That game started at ") and " in Prism Launcher;" in found[0].summary
    finally:
        proc.kill()
        proc.wait()


def test_check_stops_when_the_account_is_in_use_and_nobody_answers(cli, home, tmp_path, foreign_game):
    result = cli("check", "--ui", "none", cwd=prism_with_own_steve(home, "V") / "minecraft")
    assert result.code == 1
    assert "!![Error]!prelaunch: 'Steve' is already playing in another game" in result.out
    assert "launch cancelled" in result.out


def test_status_lists_held_accounts(cli, home, tmp_path):
    assert cli("status").out.strip() == "No account is playing now."
    record = tmp_path / "r.json"
    proc = start_wrap(game_argv(record, sleep_s=60, token=mint_jwt(time.time() + 7200)), tmp_path,
                      env={"INST_NAME": "Pack"})
    try:
        wait_for(record)
        doc = cli("status", "--json").json()
        assert doc["version"] == 1 and len(doc["held"]) == 1
        row = doc["held"][0]
        assert row["uuid"] == FIXTURE_UUID and row["pid"] == proc.pid and row["instance_name"] == "Pack"
        text = cli("status").out
        assert "Steve: instance 'Pack'" in text and "left" in text
        watchdogs = watchdogs_of(proc.pid)
    finally:
        proc.kill()
        proc.wait()
    # the watchdog holds the lock until it has seen the game end and kept its record
    assert len(watchdogs) == 1 and ended(watchdogs)
    assert cli("status", "--json").json()["held"] == []


def test_a_read_that_does_not_come_back_is_said_as_such(home, tmp_path, foreign_game, monkeypatch):
    """The scan stops when one process's details do not come back (as a process stuck in the kernel holds
    them), and says so: what it looked at before still counts."""

    def stuck():
        yield psutil.Process(foreign_game.pid)
        time.sleep(30)  # as the read of a process blocked in the kernel would
        yield psutil.Process()

    monkeypatch.setattr(session, "SCAN_STALL_S", 0.3)
    started = time.monotonic()
    found = session.run(context_for(tmp_path / "inst"), Config(), session.scan(stuck()))
    assert time.monotonic() - started < 5
    assert [(f.severity, f.title) for f in found] == [
        ("info", "Not every running program was looked at"), ("error", "'Steve' is already playing in another game")]
    assert found[0].detail == ("The details of one running program could not be read within 0.3 s (1 looked at "
                               "before it), so another game of this account may have been missed.")


def test_a_scan_still_going_at_the_deadline_says_how_far_it_got(home, tmp_path):
    """Many processes, read one after another and never stuck: the scan goes on up to the launch's network
    deadline, then says how many it looked at."""

    def slow():
        for _ in range(500):
            time.sleep(0.02)
            yield psutil.Process()

    config = Config()
    config.network.deadline = 0.5
    started = time.monotonic()
    found = session.run(context_for(tmp_path / "inst"), config, session.scan(slow()))
    assert 0.5 <= time.monotonic() - started < 5
    assert [(f.severity, f.title) for f in found] == [("info", "Not every running program was looked at")]
    looked = int(found[0].detail.split("with ")[1].split(" looked")[0])
    assert 5 <= looked <= 25
    assert found[0].detail == (f"Looking through the running programs stopped after 0.5 s, with {looked} looked at "
                               "and more to go, so another game of this account may have been missed.")
