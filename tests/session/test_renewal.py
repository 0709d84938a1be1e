"""The renewal watch against the launchers' own ways of saving: accounts.json through Qt's QSaveFile, app.db
updated by another connection in WAL mode, minecraft_auth.json rewritten whole. Same account renewed: seen
once; another account renewed, or the same token saved again: nothing."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from prelaunch.session import renewal
from tests.builders import (
    MINTED_SECRETS,
    dashed,
    mint_jwt,
    prism_account,
    write_modrinth,
    write_modrinth_legacy,
    write_prism,
)
from tests.session.launcher_writes import (
    modrinth_upsert,
    open_like_modrinth,
    renew_in_accounts_json,
    renew_in_modrinth,
    resave_accounts_json,
    rewrite_minecraft_auth_json,
)

STEVE, ALEX = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"


def age(path: Path, seconds: float = 60) -> None:
    """Date the file back, as a file written a while before the game started."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def accounts_json(home: Path, kind: str = "prism") -> Path:
    accounts = [prism_account("Steve", STEVE, mint_jwt(time.time() + 9e4), active=True),
                prism_account("Alex", ALEX, mint_jwt(time.time() + 9e4))]
    path = write_prism(home / kind, accounts=accounts, kind=kind, config_version=kind == "prism") / "accounts.json"
    age(path)
    return path


@pytest.mark.parametrize("kind", ["prism", "multimc"])
def test_accounts_json_saved_by_qt(home, kind):
    path = accounts_json(home, kind)
    watch = renewal.Watch(kind, str(path), STEVE)
    assert not watch.poll()  # nothing changed
    resave_accounts_json(path)
    assert not watch.poll()  # the same tokens saved again
    renew_in_accounts_json(path, ALEX)
    assert not watch.poll()  # another account renewed
    renew_in_accounts_json(path, STEVE)
    assert watch.poll() and watch.seen_at == pytest.approx(time.time(), abs=5)
    renew_in_accounts_json(path, STEVE)
    assert not watch.poll()  # told once: the watch is done


def test_a_renewal_right_after_another_write_is_seen(home):
    """Two saves within one clock tick leave the same size and time: a file changed just before a reading is
    read again at the next wake-up."""
    path = accounts_json(home)
    watch = renewal.Watch("prism", str(path), STEVE)
    renew_in_accounts_json(path, ALEX)
    assert not watch.poll()
    written = os.stat(path)
    text = path.read_text(encoding="utf-8")
    token = prism_token(text, STEVE)
    with open(path, "r+", encoding="utf-8") as handle:  # in place, same length: same inode and size
        handle.write(text.replace(token, token[::-1]))
    os.utime(path, ns=(written.st_atime_ns, written.st_mtime_ns))  # and the same time
    assert watch.poll()


def test_an_unchanged_file_is_not_read(home):
    """A wake-up with nothing new costs a stat: a file whose inode, size and time are unchanged is not read,
    even when (made here behind its back) its content differs."""
    path = accounts_json(home)
    watch = renewal.Watch("prism", str(path), STEVE)
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    token = prism_token(text, STEVE)
    with open(path, "r+", encoding="utf-8") as handle:  # in place: same inode
        handle.write(text.replace(token, token[::-1]))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert not watch.poll()
    age(path, 30)  # the time moves: now it is read
    assert watch.poll()


def prism_token(text: str, uuid: str) -> str:
    import json

    return next(a["ygg"]["token"] for a in json.loads(text)["accounts"] if a["profile"]["id"] == uuid)


def test_a_damaged_or_missing_file_says_nothing_until_it_is_readable(home):
    path = accounts_json(home)
    good = path.read_bytes()
    watch = renewal.Watch("prism", str(path), STEVE)
    path.write_text('{"formatVersion": 3, "accounts": [', encoding="utf-8")
    assert not watch.poll()
    path.unlink()
    assert not watch.poll()
    path.write_bytes(good)
    age(path, 30)
    assert not watch.poll()  # the game's own sign-in again
    renew_in_accounts_json(path, STEVE)
    assert watch.poll()


def test_a_reader_that_fails_says_nothing_and_reads_again(home, monkeypatch):
    """Whatever goes wrong reading the file, the watchdog's wake-up goes on: nothing is said, and the file is
    read again at the next one."""
    path = accounts_json(home)
    watch = renewal.Watch("prism", str(path), STEVE)
    reader = renewal.READERS["prism"]

    def failing(*args):
        raise KeyError("a bug in a reader")

    monkeypatch.setitem(renewal.READERS, "prism", failing)
    renew_in_accounts_json(path, STEVE)
    age(path, 30)
    assert not watch.poll()
    monkeypatch.setitem(renewal.READERS, "prism", reader)
    assert watch.poll()


def test_an_account_missing_at_the_start_is_not_a_renewal_when_it_appears(home):
    path = accounts_json(home)
    watch = renewal.Watch("prism", str(path), "ab" * 16)
    assert not watch.poll()
    import json

    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["accounts"].append(prism_account("Sam", "ab" * 16, mint_jwt(time.time() + 9e4)))
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert not watch.poll()  # the first reading of it is its baseline


@pytest.fixture
def modrinth_app(home):
    """app.db of the newest era with Steve (active) and Alex, held open by 'the app'."""
    root = write_modrinth(home / "ModrinthApp", "0.15+", [(dashed(STEVE), "Steve", mint_jwt(time.time() + 9e4), True),
                                                         (dashed(ALEX), "Alex", mint_jwt(time.time() + 9e4), False)])
    age(root / "app.db")
    connection = open_like_modrinth(root / "app.db")
    yield root / "app.db", connection
    connection.close()


def test_app_db_updated_by_another_connection_in_wal_mode(modrinth_app):
    database, app = modrinth_app
    watch = renewal.Watch("modrinth", str(database), STEVE)
    assert Path(f"{database}-wal").exists()  # the app's write-ahead log: its writes land there first
    modrinth_upsert(app, STEVE)  # the same token saved again
    assert not watch.poll()
    renew_in_modrinth(app, ALEX)  # clears Steve's `active` too
    assert not watch.poll()
    renew_in_modrinth(app, STEVE)
    assert watch.poll()


def test_app_db_read_leaves_no_side_file_when_the_app_is_closed(home):
    root = write_modrinth(home / "ModrinthApp", "0.15+", [(dashed(STEVE), "Steve", mint_jwt(time.time() + 9e4), True)])
    database = root / "app.db"
    watch = renewal.Watch("modrinth", str(database), STEVE)
    app = open_like_modrinth(database)
    renew_in_modrinth(app, STEVE)
    app.close()  # the last connection checkpoints and removes -wal and -shm
    assert not Path(f"{database}-wal").exists()
    assert watch.poll()
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("app.db")) == ["app.db"]


def test_modrinth_0_7_minecraft_auth_json(home):
    root = write_modrinth_legacy(home / "theseus", [(dashed(STEVE), "Steve", mint_jwt(time.time() + 9e4)),
                                                    (dashed(ALEX), "Alex", mint_jwt(time.time() + 9e4))],
                                 default=dashed(STEVE))
    path = root / "caches" / "metadata" / "minecraft_auth.json"
    age(path)
    watch = renewal.Watch("modrinth-0.7", str(path), STEVE)
    rewrite_minecraft_auth_json(path, STEVE, None)
    age(path, 40)
    assert not watch.poll()
    rewrite_minecraft_auth_json(path, ALEX, mint_jwt(time.time() + 9e4))
    age(path, 30)
    assert not watch.poll()
    rewrite_minecraft_auth_json(path, STEVE, mint_jwt(time.time() + 9e4))
    assert watch.poll()


def test_where_each_launcher_keeps_its_sign_ins(home):
    prism = accounts_json(home).parent
    assert renewal.find_source("prism", str(prism)) == ("prism", str(prism / "accounts.json"))
    modern = write_modrinth(home / "ModrinthApp", "0.15+", [], instances={"p": "P"})
    assert renewal.find_source("modrinth", None, str(modern / "profiles" / "p")) == (
        "modrinth", os.path.realpath(modern / "app.db"))
    legacy = write_modrinth_legacy(home / "theseus", [], default=None, instances={"o": "O"})
    assert renewal.find_source("modrinth", str(legacy)) == (
        "modrinth-0.7", str(legacy / "caches" / "metadata" / "minecraft_auth.json"))
    assert renewal.find_source("modrinth", None, str(home)) is None
    assert renewal.find_source("", str(prism)) is None


def test_the_watch_keeps_no_token_and_writes_nothing(home):
    path = accounts_json(home)
    before = sorted(p for p in home.rglob("*"))
    watch = renewal.Watch("prism", str(path), STEVE)
    renew_in_accounts_json(path, STEVE)
    assert watch.poll()
    held = repr(vars(watch))
    assert not [s for s in MINTED_SECRETS if s in held]
    assert sorted(p for p in home.rglob("*")) == before


JARGON = re.compile(r"\b(token|jwt|dns|tls|certificate|pid|uuid|digest|hash)\b", re.IGNORECASE)


def test_the_notice_is_in_a_players_words():
    title, text = renewal.message("Alex", "prism", time.time())
    assert title == "Minecraft sign-in renewed while you play (Alex)"
    assert text.startswith("Prism Launcher renewed Alex's sign-in at ")
    assert '"Invalid session"' in text and text.endswith(renewal.FIRST_STEP)
    assert text.count(". ") == 1  # one sentence, then the first thing to do
    for launcher in ("multimc", "modrinth", "modrinth-0.7", ""):
        assert not JARGON.search(" ".join(renewal.message("", launcher, 0)))
    title, text = renewal.message("Al\nex\x1b]0;x\x07", "prism", 0)  # a name is shown as written, inert
    assert "\n" not in title + text and "\x1b" not in title + text and "Al\\nex\\x1b]0;x\\x07" in title
