"""The session check against real processes: a wrapped game, a foreign launcher's game, a leftover game."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from prelaunch.checks import session
from prelaunch.config import Config
from prelaunch.model import AccountInfo, InstanceInfo, LaunchContext, LauncherInfo
from tests.builders import FIXTURE_UUID, dashed, mint_jwt, prism_with_steve
from tests.session.helpers import OWN_UUID, prism_with_own_steve
from tests.test_wrapper import GAME, game_argv, start_wrap, wait_for


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


def test_nobody_playing_is_ok(home, tmp_path):
    found = session.run(context_for(tmp_path / "inst"), Config())
    assert [f.severity for f in found] == ["ok"]


def test_game_of_another_launcher_for_the_same_account(home, tmp_path, foreign_game):
    found = session.run(context_for(tmp_path / "elsewhere"), Config())
    assert [(f.severity, f.title) for f in found] == [("error", "'Steve' is already playing in another game")]
    assert str(foreign_game.pid) in found[0].detail


def test_other_account_is_not_reported(home, tmp_path, foreign_game):
    found = session.run(context_for(tmp_path / "elsewhere", uuid="ab" * 16), Config())
    assert all(f.severity == "ok" for f in found)


def test_leftover_game_of_the_same_instance_is_an_error_with_this_os_words(home, tmp_path):
    inst = tmp_path / "inst"
    (inst / "minecraft").mkdir(parents=True)
    record = tmp_path / "leftover.json"
    proc = subprocess.Popen(game_argv(record, sleep_s=60, uuid="ab" * 16), cwd=inst / "minecraft")
    try:
        wait_for(record)
        found = session.run(context_for(inst), Config())
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
    from prelaunch import jwt

    looked = []
    monkeypatch.setattr(jwt, "expiry", lambda token: looked.append(token))
    found = session.run(context_for(tmp_path / "elsewhere"), Config())
    assert [f.severity for f in found] == ["error"]
    assert looked == []


def test_wrapped_game_is_reported_with_its_holder(home, tmp_path):
    inst = prism_with_steve(home, "Vanilla+")
    record = tmp_path / "r.json"
    argv = [sys.executable, GAME, str(record), "0", "60", "org.prismlauncher.EntryPoint"]
    proc = start_wrap(argv, inst / "minecraft", env={"INST_DIR": str(inst)})
    try:
        wait_for(record)
        found = session.run(context_for(tmp_path / "other-instance", uuid=FIXTURE_UUID), Config())
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
    finally:
        proc.kill()
        proc.wait()
    assert cli("status", "--json").json()["held"] == []


def test_a_process_table_that_cannot_be_read_in_time(home, tmp_path, monkeypatch):
    def stuck():
        time.sleep(30)
        yield 1, []

    monkeypatch.setattr(session, "SCAN_WAIT_S", 0.2)
    found = session.run(context_for(tmp_path / "inst"), Config(), session.scan(stuck))
    assert [(f.severity, f.title) for f in found] == [
        ("info", "Not every running program was looked at within 0.2 s")]
