"""How the launchers rewrite their sign-in stores while a game runs, for the tests of what the watchdog sees.

- Prism Launcher and MultiMC rebuild the whole accounts.json from memory at every account change and save it
  through Qt's QSaveFile (a temporary file beside it, renamed over it on commit), formatted by QJsonDocument, owner
  only (Prism launcher/minecraft/auth/AccountList.cpp, `AccountList::saveList`). Qt's own classes do it here.
- The Modrinth App keeps app.db open in WAL mode and renews an account with its upsert (modrinth/code
  packages/app-lib/src/state/minecraft_auth.rs, `Credentials::upsert`: when the account is the active one, every
  row's `active` is cleared first, then `INSERT ... ON CONFLICT (uuid) DO UPDATE`). Done here through an apsw
  connection of its own that stays open, as the app's does.
- The 0.7 app rewrote caches/metadata/minecraft_auth.json whole.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.helpers.builders import dashed, mint_jwt, secret


def save_like_prism(path: Path, doc: dict) -> None:
    """Save `doc` as Prism's AccountList::saveList does: QJsonDocument::toJson through a QSaveFile, 0600."""
    from PySide6.QtCore import QFileDevice, QIODevice, QJsonDocument, QSaveFile

    data = QJsonDocument.fromJson(json.dumps(doc).encode()).toJson()
    saved = QSaveFile(str(path))
    assert saved.open(QIODevice.OpenModeFlag.WriteOnly)
    saved.write(data)
    saved.setPermissions(QFileDevice.Permission.ReadOwner | QFileDevice.Permission.WriteOwner)
    assert saved.commit(), saved.errorString()


def _entry(doc: dict, uuid: str) -> dict:
    return next(a for a in doc["accounts"] if a.get("profile", {}).get("id") == uuid)


def renew_in_accounts_json(path: Path, uuid: str, lifetime_s: float = 86400) -> None:
    """The launcher renews the account `uuid` (profile id as stored): a new Minecraft token and its times, and
    new Microsoft tokens, then the whole file saved again."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    entry, now = _entry(doc, uuid), int(time.time())
    entry["ygg"] = {**entry.get("ygg", {}), "iat": now, "exp": now + int(lifetime_s),
                    "token": mint_jwt(now + lifetime_s, iat=now)}
    if "msa" in entry:
        entry["msa"] = {**entry["msa"], "iat": now, "exp": now + 3600, "token": secret("msa-")}
    save_like_prism(path, doc)


def resave_accounts_json(path: Path) -> None:
    """The launcher saves the file again with every token as it was (a skin fetched, the default changed)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    for entry in doc["accounts"]:
        entry.setdefault("profile", {})["skin"] = {"id": "new-skin", "url": "u", "variant": "SLIM"}
    save_like_prism(path, doc)


def open_like_modrinth(database: Path):
    """A connection to app.db held open by 'the app' (WAL mode, so `-wal` and `-shm` exist while it lives)."""
    import apsw

    connection = apsw.Connection(str(database))
    connection.setbusytimeout(30_000)  # state/db.rs
    assert connection.execute("PRAGMA journal_mode").fetchall() == [("wal",)]
    return connection


def modrinth_upsert(connection, uuid: str, token: str | None = None, expires: int | None = None) -> None:
    """The app's upsert of the row of `uuid` (32 hex digits): a renewal when `token` is new, a re-save of the same
    token when it is None."""
    row = connection.execute("SELECT active, username, access_token, refresh_token, expires FROM minecraft_users "
                             "WHERE uuid = ?", (dashed(uuid),)).fetchone()
    active, username, old_token, refresh, old_expires = row
    with connection:  # one transaction, as sqlx's executor runs it
        if active:
            connection.execute("UPDATE minecraft_users SET active = FALSE")
        connection.execute(
            "INSERT INTO minecraft_users (uuid, active, username, access_token, refresh_token, expires) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET active = excluded.active, "
            "username = excluded.username, access_token = excluded.access_token, "
            "refresh_token = excluded.refresh_token, expires = excluded.expires",
            (dashed(uuid), active, username, old_token if token is None else token,
             refresh if token is None else secret("refresh-"), old_expires if expires is None else expires))


def renew_in_modrinth(connection, uuid: str) -> None:
    now = int(time.time())
    modrinth_upsert(connection, uuid, mint_jwt(now + 86400, iat=now), now + 3600)


def rewrite_minecraft_auth_json(path: Path, uuid: str, token: str | None) -> None:
    """The 0.7 app writes minecraft_auth.json again whole; `token` None keeps the account's token."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    user = doc["users"][dashed(uuid)]
    if token is not None:
        user["access_token"], user["refresh_token"] = token, secret("refresh-")
    doc["token"] = {"private_key": secret("device-"), "issue_instant": time.time()}
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
