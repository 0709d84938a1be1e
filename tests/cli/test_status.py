"""`prelaunch status` agrees with `check`: it lists every game `check` would see, the games prelaunch holds
(holder records and the lock) and the games its scan of the running programs finds, whoever started them; each
by account name and instance, never by a bare account id. Real games (tests/game.py) and real locks."""

from __future__ import annotations

import os
import secrets
import subprocess
import time
from pathlib import Path

import filelock
import pytest

from prelaunch.session import lock
from tests.helpers.builders import dashed, mint_jwt, prism_account, prism_instance, write_prism
from tests.helpers.launch import GAME, game_argv, java, start_wrap, wait_for

ALEX = secrets.token_hex(16)  # this run's own account: no other test run's game is Alex's


def alex_instance(home: Path) -> Path:
    """Prism's data dir with Alex as the default account and one instance, "Vanilla+"."""
    account = prism_account("Alex", ALEX, mint_jwt(time.time() + 9e4), active=True)
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": "Vanilla+"}},
                           accounts=[account])
    instance = prism_instance(data_dir, "v")
    (instance / "minecraft").mkdir(parents=True, exist_ok=True)
    return instance


@pytest.fixture
def game_without_prelaunch(home, tmp_path):
    """Alex's game in the instance, started by something else than prelaunch (another launcher, or a launcher
    prelaunch is not set up in): its account and token on its command line, no lock, no record."""
    instance = alex_instance(home)
    record = tmp_path / "game.json"
    argv = [java(), GAME, str(record), "0", "60", "net.minecraft.client.main.Main", "--username", "Alex",
            "--uuid", dashed(ALEX), "--accessToken", mint_jwt(time.time() + 3600)]
    proc = subprocess.Popen(argv, cwd=instance / "minecraft")
    try:
        wait_for(record)
        yield instance, proc
    finally:
        proc.kill()
        proc.wait()


def lines_of(text: str, pid: int) -> list[str]:
    return [line for line in text.splitlines() if f"pid {pid}" in line]


def test_status_lists_the_game_check_stops_for(cli, game_without_prelaunch):
    instance, proc = game_without_prelaunch
    checked = cli("check", "--ui", "none", cwd=instance / "minecraft")
    assert checked.code == 1 and "'Alex' is already playing in another game" in checked.out
    text = cli("status").out
    assert "No account is playing now" not in text
    shown = lines_of(text, proc.pid)
    assert len(shown) == 1 and shown[0].startswith("Alex: instance 'Vanilla+' (Prism Launcher), pid"), text
    assert ALEX not in text and dashed(ALEX) not in text
    doc = cli("status", "--json").json()
    games = [game for game in doc["games"] if game["pid"] == proc.pid]
    assert games == [{"uuid": ALEX, "account_name": "Alex", "launcher": "prism", "instance_name": "Vanilla+",
                      "instance_dir": str(instance.resolve()), "pid": proc.pid, "since": games[0]["since"]}]
    assert abs(games[0]["since"] - psutil_start(proc.pid)) < 1


def psutil_start(pid: int) -> float:
    import psutil

    return psutil.Process(pid).create_time()


def test_a_game_prelaunch_holds_is_listed_once(cli, home, tmp_path):
    """The wrapped game is both held and seen by the scan: one line, from its record."""
    instance = alex_instance(home)
    record = tmp_path / "r.json"
    proc = start_wrap(game_argv(record, sleep_s=60, uuid=ALEX, token=mint_jwt(time.time() + 7200)),
                      instance / "minecraft", env={"INST_DIR": str(instance)})
    try:
        wait_for(record)
        doc = cli("status", "--json").json()
        assert [row["pid"] for row in doc["held"] if row["uuid"] == ALEX] == [proc.pid]
        assert [game for game in doc["games"] if game["pid"] == proc.pid] == []
        assert len(lines_of(cli("status").out, proc.pid)) == 1
    finally:
        proc.kill()
        proc.wait()


def test_a_held_account_with_no_record_is_named_from_the_launchers_accounts(cli, home):
    """Something holds Alex's lock and left no record: the line names Alex (from Prism's accounts.json), and
    what holds it, never the account's id."""
    alex_instance(home)
    os.makedirs(lock.locks_dir(), exist_ok=True)
    with filelock.FileLock(lock.lock_file(ALEX)):
        text = cli("status").out
        doc = cli("status", "--json").json()
    assert ALEX not in text and "Alex: no game runs, but held by" in text, text
    assert [row["account_name"] for row in doc["held"] if row["uuid"] == ALEX] == ["Alex"]


def test_an_account_no_launcher_knows_is_said_so_in_words(cli, home):
    stranger = secrets.token_hex(16)
    os.makedirs(lock.locks_dir(), exist_ok=True)
    with filelock.FileLock(lock.lock_file(stranger)):
        text = cli("status").out
    assert stranger not in text and stranger[:8] not in text
    assert "An account none of your launchers knows: no game runs, but held by" in text, text


def start_game(record: Path, cwd: Path, *args: str) -> subprocess.Popen:
    proc = subprocess.Popen([java(), GAME, str(record), "0", "60", *args], cwd=cwd)
    wait_for(record)
    return proc


def test_a_game_of_the_instance_whose_account_is_not_on_its_command_line(cli, home, tmp_path):
    """Prism hands the account to its game on standard input: check sees the instance's game still running,
    and status lists it by its instance."""
    instance = alex_instance(home)
    proc = start_game(tmp_path / "g.json", instance / "minecraft", "org.prismlauncher.EntryPoint")
    try:
        checked = cli("check", "--ui", "none", cwd=instance / "minecraft")
        assert checked.code == 1 and "A game of instance 'Vanilla+' is still running" in checked.out
        shown = lines_of(cli("status").out, proc.pid)
        assert len(shown) == 1 and shown[0].startswith("Account unknown: instance 'Vanilla+' (Prism Launcher)")
    finally:
        proc.kill()
        proc.wait()


def test_a_game_with_only_its_account_id_is_named_from_the_launcher(cli, home, tmp_path):
    instance = alex_instance(home)
    proc = start_game(tmp_path / "g.json", tmp_path, "net.minecraft.client.main.Main", "--uuid", ALEX)
    try:
        assert "'Alex' is already playing" in cli("check", "--ui", "none", cwd=instance / "minecraft").out
        text = cli("status").out
        shown = lines_of(text, proc.pid)
        assert len(shown) == 1 and shown[0].startswith(f"Alex: a game in {tmp_path.resolve()}, pid"), text
        assert ALEX not in text
    finally:
        proc.kill()
        proc.wait()


def test_a_game_no_launch_of_yours_could_see_is_not_listed(cli, home, tmp_path):
    """Another account's game outside the player's launchers (another user's, another program's): check
    passes it by, and so does status."""
    instance = alex_instance(home)
    proc = start_game(tmp_path / "g.json", tmp_path, "net.minecraft.client.main.Main", "--username", "Zed",
                      "--uuid", secrets.token_hex(16))
    try:
        assert cli("check", "--ui", "none", cwd=instance / "minecraft").code == 0
        assert lines_of(cli("status").out, proc.pid) == []
        assert [g for g in cli("status", "--json").json()["games"] if g["pid"] == proc.pid] == []
    finally:
        proc.kill()
        proc.wait()
