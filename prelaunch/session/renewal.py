"""Has the launcher renewed the running game's sign-in? Renewing an account while a game of it runs ends that
game's session: the game plays on, but its next server join fails with "Invalid session" (reference: auth.md
section 12, launchers.md section 11). The watchdog makes one `Watch` when the game starts and calls `poll()` at
each wake-up; `poll()` is True once, the first time the account's stored sign-in differs from the one it had
when the game started.

Cost: a wake-up with nothing new is a `stat` of the launcher's file (and of app.db's write-ahead log, where the
Modrinth App's writes land first). Only a changed file is read, and only that account's entry is digested.
A file changed less than `RACY_S` ago is read again at the next wake-up, since a second write in the same clock
tick would leave the same size and time behind (the "racily clean" case git knows).

Secrecy: the sign-in is compared as a keyed digest held in this process's memory only, never written or
logged: Python's `hash()` of the entry behind a random key made for each watch (SipHash, itself keyed with the
interpreter's random per-process seed). The built-in needs no hashing library in a process that must stay small.
"""

from __future__ import annotations

import json
import os
import time
from typing import TYPE_CHECKING, Any

from prelaunch import fileio
from prelaunch.identifiers import normalise_uuid

if TYPE_CHECKING:
    from collections.abc import Callable

# What a watch reads: accounts.json as Prism Launcher or MultiMC loads it, the Modrinth App's app.db (0.8+), or
# its caches/metadata/minecraft_auth.json (0.7).
PRISM, MULTIMC, MODRINTH, MODRINTH_JSON = "prism", "multimc", "modrinth", "modrinth-0.7"
RACY_S = 2.0

TITLE = "Minecraft sign-in renewed while you play{who}"
SAID = ("{launcher} renewed {whose} sign-in at {time}: the game keeps playing, but online servers may now refuse "
        "it with \"Invalid session\".")
FIRST_STEP = "To be safe, quit the game and launch it again before you join a server."


class Unreadable(Exception):
    """The file could not be read or understood this time (busy, half-written, damaged): read it again later."""


def message(account: str, launcher: str, at: float) -> tuple[str, str]:
    """Title and text of the notice shown the moment a renewal is seen."""
    from prelaunch.model import LAUNCHER_NAMES
    from prelaunch.ui import inert, timefmt

    name = LAUNCHER_NAMES.get(MODRINTH if launcher == MODRINTH_JSON else launcher, "The launcher")
    account = inert.line(account)  # a name is text: shown as written, never as a new line or terminal control
    whose = f"{account}'s" if account else "this account's"
    said = SAID.format(launcher=name, whose=whose, time=timefmt.clock(at))
    return TITLE.format(who=f" ({account})" if account else ""), f"{said} {FIRST_STEP}"


def find_source(launcher: str, data_dir: str | None, instance_dir: str | None = None) -> tuple[str, str] | None:
    """(what to read, the file) holding the sign-ins of a launcher whose data dir is `data_dir` (for the Modrinth
    App found from the instance folder when not given); None when there is nothing to watch."""
    if launcher in (PRISM, MULTIMC) and data_dir:
        from prelaunch.launchers import prism_accounts

        return launcher, os.path.join(data_dir, prism_accounts.FILE)
    if launcher != MODRINTH:
        return None
    from prelaunch.launchers import modrinth

    if not data_dir and instance_dir:
        located = modrinth.locate(instance_dir)
        data_dir = located[0] if located else None
    if not data_dir:
        return None
    database = os.path.join(data_dir, modrinth.DATABASE)
    if os.path.isfile(database):
        return MODRINTH, database
    return MODRINTH_JSON, os.path.join(data_dir, modrinth.LEGACY_AUTH)


class Watch:
    """The stored sign-in of one account, as it was when the game started (read at construction)."""

    def __init__(self, kind: str, path: str, uuid: str) -> None:
        if kind not in READERS:
            raise ValueError(f"unknown kind {kind!r}")
        self.kind, self.path, self.uuid = kind, os.path.abspath(path), normalise_uuid(uuid) or ""
        self.seen_at: float | None = None  # when a renewal was first seen
        self._key = os.urandom(32)
        self._baseline: int | None = None
        self._read_at: tuple | None = None  # the file's signature when it was last read, unless that was racy
        self.poll()

    def poll(self, now: float | None = None) -> bool:
        """True the first time the account's sign-in is seen to differ from the game's; then the watch is done.
        A file that cannot be read this time, or that no longer holds the account, says nothing. Never raises."""
        if self.seen_at is not None:
            return False
        signature = self._signature()
        if signature is None or signature == self._read_at:
            return False
        try:
            digest = self._digest()
        except Exception:  # noqa: BLE001 - Unreadable, or any other failure: read again at the next wake-up;
            return False  # the watchdog that calls this holds on to the game whatever happens here
        now = time.time() if now is None else now
        self._read_at = None if _racy(signature, now) else signature
        if digest is None:
            return False
        if self._baseline is None:  # the first reading is the game's own sign-in
            self._baseline = digest
            return False
        if digest == self._baseline:
            return False
        self.seen_at = now
        return True

    def _signature(self) -> tuple | None:
        """(mtime, size, inode) of the file, and for app.db of its write-ahead log; None without the file."""
        files = (self.path, self.path + "-wal") if self.kind == MODRINTH else (self.path,)
        found = tuple(fileio.signature(path) for path in files)
        return None if found[0] is None else found

    def _digest(self) -> int | None:
        material = READERS[self.kind](self.path, self.uuid)
        if material is None:
            return None
        return hash(self._key + json.dumps(material).encode())


def _racy(signature: tuple, now: float) -> bool:
    newest = max(part[0] for part in signature if part is not None)
    return now * 1e9 - newest < RACY_S * 1e9


def _accounts_json(launcher: str) -> Callable[[str, str], list | None]:
    def read(path: str, uuid: str) -> list | None:
        """The account's `ygg` token, issue and expiry times, from accounts.json read exactly as the launcher
        loads it (its first entry of that profile id). A token kept elsewhere (Prism's open PR #5847 moves
        tokens to the system keychain) still leaves its times here."""
        from prelaunch.launchers import prism_accounts
        from prelaunch.model import LaunchContext

        found = prism_accounts.read(path, launcher, LaunchContext())
        if found is None:
            raise Unreadable(path)
        for account in found[0]:
            if normalise_uuid(account.profile_id) == uuid:
                return [account.ygg.get(key) for key in ("token", "iat", "exp")]
        return None

    return read


def _modrinth_database(path: str, uuid: str) -> list | None:
    """The account's `minecraft_users` row (token and expiry), read so that no side file is left behind."""
    import sqlite3

    from prelaunch.launchers import modrinth_db

    def work(db: Any) -> list:  # a connection of sqlite3 or of apsw (`modrinth_db.read`)
        return db.execute("SELECT access_token, expires FROM minecraft_users "
                          "WHERE replace(lower(uuid), '-', '') = ?", (uuid,)).fetchall()

    try:
        rows = modrinth_db.read(path, work)
    except sqlite3.Error as exc:
        raise Unreadable(path) from exc
    return [list(row) for row in rows] or None


def _modrinth_json(path: str, uuid: str) -> list | None:
    """`users.<uuid>` of the 0.7 app's minecraft_auth.json: token and expiry."""
    try:
        doc = json.loads(fileio.read(path, fileio.LAUNCHER_JSON))
    except (OSError, ValueError, RecursionError) as exc:
        raise Unreadable(path) from exc
    users = doc.get("users") if isinstance(doc, dict) else None
    for key, user in (users.items() if isinstance(users, dict) else ()):
        if isinstance(user, dict) and uuid in (normalise_uuid(key), normalise_uuid(user.get("id"))):
            return [user.get("access_token"), user.get("expires")]
    return None


READERS = {PRISM: _accounts_json(PRISM), MULTIMC: _accounts_json(MULTIMC), MODRINTH: _modrinth_database,
           MODRINTH_JSON: _modrinth_json}
