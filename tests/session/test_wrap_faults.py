"""The wrapper under damaged input: whatever goes wrong inside prelaunch, the account's lock is held while the
game runs (a second `wrap` of the same account under `block` is refused: never two games of one account), and
the watchdog is started. Real `prelaunch wrap` processes and real games stand-ins throughout."""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prelaunch.session import lock
from tests.builders import prism_account, prism_instance, write_prism
from tests.session.helpers import OWN_UUID, open_paths, watchdogs_of
from tests.test_wrapper import GAME, game_argv, start_wrap, wait_for, write_config

DEEP = "[" * 100_000 + "]" * 100_000  # JSON nested 100,000 deep
EXP_FORMS = {  # the `exp` claim as JSON text
    "1e400": "1e400", "Infinity": "Infinity", "-Infinity": "-Infinity", "NaN": "NaN", "huge": "1e30",
    "negative": "-5", "float": str(time.time() + 7200.5), "string": '"1893456000"', "nested": DEEP,
}
ON_A_COMMAND_LINE = dict(EXP_FORMS, nested="[" * 30_000 + "]" * 30_000)  # one argument holds at most 128 KiB


def raw_jwt(exp_json: str) -> str:
    """A token shaped like a Minecraft JWT whose `exp` is the given JSON text (which json.dumps cannot make)."""
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    payload = '{"xuid": "0", "iat": %d, "exp": %s}' % (time.time(), exp_json)
    header = b64(json.dumps({"alg": "RS256"}).encode())
    return f"{header}.{b64(payload.encode())}.{b64(secrets.token_bytes(32))}"


def prism_instance_with(home: Path, token: str, ygg_exp_json: str | None = None, name: str = "Vanilla") -> Path:
    """Prism's data dir with Steve as default account holding `token` (and `ygg.exp` as raw JSON text)."""
    account = prism_account("Steve", OWN_UUID, token, active=True)
    if ygg_exp_json is not None:
        account["ygg"]["exp"] = "@YGG_EXP@"
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": name}}, accounts=[account])
    if ygg_exp_json is not None:
        accounts = data_dir / "accounts.json"
        accounts.write_text(accounts.read_text().replace('"@YGG_EXP@"', ygg_exp_json), encoding="utf-8")
    return prism_instance(data_dir, "v")


def prism_game(record: Path, sleep_s: float) -> list[str]:
    """A game stand-in launched as Prism does: no account on its command line (it comes on stdin)."""
    return [sys.executable, GAME, str(record), "0", str(sleep_s), "org.prismlauncher.EntryPoint"]


def block_policy(home: Path) -> None:
    write_config(home, '[session]\non_account_in_use = "block"\n[ui]\nmode = "none"\n')


def assert_one_game(first, tmp_path: Path, second_argv: list[str], cwd: Path, env: dict | None = None) -> bytes:
    """While `first` runs its game: the lock is held, its watchdog runs, a second wrap is refused."""
    assert lock.is_held(OWN_UUID)
    assert len(watchdogs_of(first.pid)) == 1, "no watchdog for the first game"
    second = start_wrap(second_argv, cwd, env)
    out, err = second.communicate(timeout=60)
    assert second.returncode == 1, (out, err)
    assert b"launch refused" in out and b"Traceback" not in out + err
    return out


def finish(first) -> bytes:
    first.kill()
    out, err = first.communicate(timeout=30)
    assert b"Traceback" not in out + err
    return out


@pytest.mark.parametrize("form", ON_A_COMMAND_LINE)
def test_token_expiry_on_the_command_line(home, tmp_path, form):
    block_policy(home)
    token = raw_jwt(ON_A_COMMAND_LINE[form])
    first = start_wrap(game_argv(tmp_path / "a.json", sleep_s=60, token=token, uuid=OWN_UUID), tmp_path)
    try:
        wait_for(tmp_path / "a.json")
        assert_one_game(first, tmp_path, game_argv(tmp_path / "b.json", token=token, uuid=OWN_UUID), tmp_path)
        assert not (tmp_path / "b.json").exists()
    finally:
        finish(first)


@pytest.mark.parametrize("form", EXP_FORMS)
def test_token_expiry_in_prisms_accounts(home, tmp_path, form):
    block_policy(home)
    inst = prism_instance_with(home, raw_jwt(EXP_FORMS[form]))
    env = {"INST_DIR": str(inst)}
    first = start_wrap(prism_game(tmp_path / "a.json", 60), inst / "minecraft", env)
    try:
        wait_for(tmp_path / "a.json")
        assert_one_game(first, tmp_path, prism_game(tmp_path / "b.json", 0), inst / "minecraft", env)
        assert not (tmp_path / "b.json").exists()
    finally:
        finish(first)


@pytest.mark.parametrize("ygg_exp", ["1e400", "Infinity", "NaN"])
def test_stored_expiry_in_prisms_accounts(home, tmp_path, ygg_exp):
    block_policy(home)
    inst = prism_instance_with(home, "not-a-jwt", ygg_exp_json=ygg_exp)
    env = {"INST_DIR": str(inst)}
    first = start_wrap(prism_game(tmp_path / "a.json", 60), inst / "minecraft", env)
    try:
        wait_for(tmp_path / "a.json")
        assert_one_game(first, tmp_path, prism_game(tmp_path / "b.json", 0), inst / "minecraft", env)
    finally:
        finish(first)


DAMAGED = {"truncated": '{"pid": 12', "nested": DEEP, "wrong types": '{"pid": "1", "instance_name": 5}',
           "huge": '{"pad": "' + "x" * 200_000 + '"}'}


@pytest.mark.parametrize("damage", DAMAGED)
def test_damaged_holder_record_while_the_game_runs(home, tmp_path, damage):
    """The lock is what counts: a record damaged while its game runs does not let a second game in."""
    block_policy(home)
    first = start_wrap(game_argv(tmp_path / "a.json", sleep_s=60, uuid=OWN_UUID), tmp_path)
    try:
        wait_for(tmp_path / "a.json")
        Path(lock.locks_dir(), f"{OWN_UUID}.json").write_text(DAMAGED[damage], encoding="utf-8")
        out = assert_one_game(first, tmp_path, game_argv(tmp_path / "b.json", uuid=OWN_UUID), tmp_path)
        assert b"Steve is already playing in another game" in out  # the damaged record names nobody
    finally:
        finish(first)


@pytest.mark.parametrize("damage", DAMAGED)
def test_damaged_holder_record_of_nobody_is_stale(home, tmp_path, damage):
    block_policy(home)
    os.makedirs(lock.locks_dir(), mode=0o700)
    Path(lock.locks_dir(), f"{OWN_UUID}.json").write_text(DAMAGED[damage], encoding="utf-8")
    proc = start_wrap(game_argv(tmp_path / "a.json", uuid=OWN_UUID), tmp_path)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and (tmp_path / "a.json").exists(), (out, err)
    assert lock.read_holder(OWN_UUID).pid == proc.pid  # replaced by a whole record


@pytest.mark.parametrize("damage", DAMAGED)
def test_damaged_consent_file(home, tmp_path, damage):
    block_policy(home)
    first = start_wrap(game_argv(tmp_path / "a.json", sleep_s=60, uuid=OWN_UUID), tmp_path)
    try:
        wait_for(tmp_path / "a.json")
        consent = Path(home / ".local/state/prelaunch/consent")
        consent.mkdir(mode=0o700, exist_ok=True)
        (consent / f"{OWN_UUID}.json").write_text(DAMAGED[damage], encoding="utf-8")
        assert_one_game(first, tmp_path, game_argv(tmp_path / "b.json", uuid=OWN_UUID), tmp_path)
    finally:
        finish(first)


def test_a_console_that_cannot_show_the_instance_name(home, tmp_path):
    block_policy(home)
    env = {"PYTHONIOENCODING": "cp1252", "INST_NAME": "Café 日本 ☕"}
    first = start_wrap(game_argv(tmp_path / "a.json", sleep_s=60, uuid=OWN_UUID), tmp_path, env)
    try:
        wait_for(tmp_path / "a.json")
        assert lock.read_holder(OWN_UUID).instance_name == "Café 日本 ☕"
        out = assert_one_game(first, tmp_path, game_argv(tmp_path / "b.json", uuid=OWN_UUID), tmp_path, env)
        assert "Steve is already playing in instance 'Café".encode("cp1252") in out
    finally:
        finish(first)


def test_a_nested_accounts_file_is_damage_not_a_crash(home, tmp_path):
    """Prism's accounts.json nested 100,000 deep: no account can be known, the game starts, no traceback."""
    inst = prism_instance_with(home, "x")
    (inst.parents[1] / "accounts.json").write_text('{"formatVersion": 3, "accounts": ' + DEEP + "}")
    proc = start_wrap(prism_game(tmp_path / "a.json", 0), inst / "minecraft", {"INST_DIR": str(inst)})
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and (tmp_path / "a.json").exists()
    assert b"Traceback" not in out + err and b"internal error" not in out


def test_the_holder_record_holds_a_sane_expiry(home, tmp_path):
    """An `exp` of 1e400 is no expiry: the record says unknown rather than a number no clock reaches."""
    first = start_wrap(game_argv(tmp_path / "a.json", sleep_s=60, token=raw_jwt("1e400"), uuid=OWN_UUID), tmp_path)
    try:
        wait_for(tmp_path / "a.json")
        doc = json.loads(Path(lock.locks_dir(), f"{OWN_UUID}.json").read_text())
        assert doc["pid"] == first.pid and doc["token_expires_at"] is None
    finally:
        finish(first)


WRAP_WITH_A_WATCHDOG_THAT = """
import sys
from prelaunch.cli import main
from prelaunch.session import watchdog

def fails(*args, **kwargs):
    raise RuntimeError("injected")

def answers_late(self, *args):
    answered_in_time = handed_over(self, *args)
    return False  # past the wait: the watchdog holds the lock, and so does the game

handed_over = watchdog.Keeper.hand_over
if sys.argv[1] == "fails":
    watchdog.Keeper = fails
else:
    watchdog.Keeper.hand_over = answers_late
sys.exit(main(["wrap", "--", *sys.argv[2:]]))
"""


@pytest.mark.parametrize("fault", ["is late", "fails"])
def test_a_watchdog_that_cannot_take_the_lock_leaves_it_with_the_game(home, tmp_path, fault):
    """The watchdog did not say it was ready in time, or starting it failed: the game inherits the lock, as
    under an earlier prelaunch, and a second game is refused all the same."""
    block_policy(home)
    record = tmp_path / "a.json"
    first = subprocess.Popen([sys.executable, "-c", WRAP_WITH_A_WATCHDOG_THAT, fault,
                              *game_argv(record, sleep_s=60, uuid=OWN_UUID)], cwd=tmp_path,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(record)
        assert lock.is_held(OWN_UUID)
        assert os.path.realpath(lock.lock_file(OWN_UUID)) in open_paths(first.pid).values()  # the game holds it
        second = start_wrap(game_argv(tmp_path / "b.json", uuid=OWN_UUID), tmp_path)
        out, _ = second.communicate(timeout=60)
        assert second.returncode == 1 and b"launch refused" in out
    finally:
        out = finish(first)
    assert (b"the watchdog did not start in time; the game holds the account's lock itself" if fault == "is late"
            else b"the watchdog could not start (RuntimeError)") in out
