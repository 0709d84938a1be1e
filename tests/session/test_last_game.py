"""The last-game record: owner-only, token-free, the second launches noted during the game, told once."""

from __future__ import annotations

import json
import os
import stat
import time

import pytest

from prelaunch.session import last_game
from tests.builders import MINTED_SECRETS
from tests.session.game_logs import DUPLICATE, KEY_REFUSED, join, write_log

UUID = "0123456789abcdef0123456789abcdef"


def played(tmp_path, entries, **seen) -> dict:
    """A game that ran for an hour and logged `entries` (seconds after its start, kind); returns its record."""
    start = time.time() - 3600
    game = last_game.Game(UUID, "Alex", "prism", "Vanilla", str(tmp_path / "mc"), started_at=start,
                          token_expires_at=seen.pop("token_expires_at", None))
    write_log(tmp_path / "mc", start, [(start + offset, kind) for offset, kind in entries])
    game.renewed_at = seen.pop("renewed_at", None)
    return game.conclude()


def test_the_record_is_owner_only_and_holds_no_log_line_or_token(home, tmp_path):
    record = played(tmp_path, [(600, join()), (900, KEY_REFUSED), (1200, DUPLICATE)])
    path = last_game.record_file(UUID)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
    text = open(path, encoding="utf-8").read()
    assert json.loads(text) == record and record["said"] is False
    assert not [s for s in MINTED_SECRETS if s in text]  # the log's first lines carried a token
    for words in ("Failed", "Exception", "Setting user", "accessToken", "LWJGL"):
        assert words not in text
    assert [j["host"] for j in record["log"]["joins"]] == ["play.example.net"]
    assert len(record["log"]["key_refused"]) == 1 and len(record["log"]["duplicate_login"]) == 1


def test_told_once(home, tmp_path):
    played(tmp_path, [(900, KEY_REFUSED)])
    assert last_game.untold() == [UUID]
    assert last_game.take(UUID)["log"]["key_refused"]
    assert last_game.take(UUID) is None and last_game.untold() == []
    assert last_game.read(UUID)["said"] is True  # the record stays, told


def test_second_launches_during_the_game_are_taken_in(home, tmp_path):
    now = time.time()
    last_game.note_second_launch(UUID, True, at=now - 7200)  # before this game: another game's
    last_game.note_second_launch(UUID, False, at=now - 1800)
    last_game.note_second_launch(UUID, True, at=now - 600)
    record = played(tmp_path, [])
    assert record["second_launches"] == [{"at": now - 1800, "allowed": False}, {"at": now - 600, "allowed": True}]
    assert not os.path.exists(last_game.launches_file(UUID))
    assert stat.S_IMODE(os.stat(last_game.record_file(UUID)).st_mode) == 0o600


def test_a_game_without_a_log_or_a_game_dir_keeps_what_prelaunch_saw(home, tmp_path):
    game = last_game.Game(UUID, "Alex", "modrinth", started_at=time.time() - 60, token_expires_at=1)
    game.renewed_at = time.time() - 30
    game.note_verdict(True)
    game.note_verdict(True)
    game.note_verdict(False)
    record = game.conclude()
    assert record["log"] is None and record["renewed_at"] == game.renewed_at
    assert [v["ok"] for v in record["verdicts"]] == [True, False]  # changes only


@pytest.mark.parametrize("content", [b"{", b"[]", b'{"version": 1, "uuid": "ff"}', b"\x00" * 10])
def test_a_damaged_record_is_no_record(home, content):
    os.makedirs(last_game.folder(), mode=0o700, exist_ok=True)
    with open(last_game.record_file(UUID), "wb") as handle:
        handle.write(content)
    assert last_game.read(UUID) is None and last_game.take(UUID) is None and last_game.untold() == []


@pytest.mark.parametrize("uuid", ["../../x", "0123456789ABCDEF0123456789ABCDEF", "", "a" * 31])
def test_an_account_is_named_by_its_uuid_only(home, uuid):
    with pytest.raises(ValueError):
        last_game.record_file(uuid)
    with pytest.raises(ValueError):
        last_game.Game(uuid)
