"""The Modrinth App's app.db: which schema era it has, and opening it so that reading is bounded and leaves
nothing behind.

The app runs its database in WAL mode with a 30 s busy timeout (modrinth/code packages/app-lib/src/state/db.rs:54).
A read-only open of a WAL database creates `app.db-wal` and `app.db-shm` beside it and cannot remove them when
it closes. While the app runs both files exist already; when no connection has the database open, neither
does, and prelaunch reads with `immutable=1`, which opens no side file. Should the app start during that read
(the side files appear, or the file changes), the read is done again the ordinary way. A database in
rollback-journal mode is read the ordinary way too (its readers create no file). One case still leaves a file:
a `-wal` the app left behind when it was killed, without its `-shm`; that WAL holds committed data an
immutable read would miss, so the ordinary read (which makes the `-shm`) is the right one there.

JSONB (the 0.15+ instance overrides) needs SQLite 3.45 or newer: Python's own when it is that new, else apsw's,
which bundles a current SQLite.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

from prelaunch import readfile

BUSY_TIMEOUT_S = 1.0  # reading: a busy database gives up after a second
WRITE_BUSY_TIMEOUT_S = 5.0
JSONB_MINIMUM = (3, 45, 0)
# SQLite file header, bytes 18 and 19: read and write format version, 2 for WAL
# (sqlite.org/fileformat2.html, "File format version numbers").
_WAL_HEADER = (18, b"\x02\x02")

T = TypeVar("T")

ERA_NEW = "0.15+"
ERA_PROFILES_QUOTED = "0.10.16-0.14"
ERA_PROFILES = "0.8-0.10.15"


class JsonbUnavailable(sqlite3.DatabaseError):
    """Neither Python's SQLite nor apsw can read JSONB here."""


def _jsonb_native() -> bool:
    return sqlite3.sqlite_version_info >= JSONB_MINIMUM


def _connect(path: str, query: str, jsonb: bool, timeout: float, write: bool = False) -> Any:
    """A connection (Python's sqlite3, or apsw when JSONB is needed and Python's SQLite is too old); both take
    `execute(sql, parameters)` with `fetchone()`/`fetchall()` on the result, and `close()`."""
    uri = Path(path).absolute().as_uri() + (f"?{query}" if query else "")
    if not jsonb or _jsonb_native():
        return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None if write else "DEFERRED")
    try:
        import apsw
    except ImportError as exc:
        raise JsonbUnavailable(f"JSONB needs SQLite 3.45 or newer (this Python has {sqlite3.sqlite_version}) "
                               "or apsw") from exc
    flags = apsw.SQLITE_OPEN_URI | (apsw.SQLITE_OPEN_READWRITE if write else apsw.SQLITE_OPEN_READONLY)
    try:
        connection = apsw.Connection(uri, flags=flags)
        connection.setbusytimeout(int(timeout * 1000))
    except apsw.Error as exc:
        raise sqlite3.DatabaseError(f"{type(exc).__name__}: {exc}") from exc
    return connection


def _unshared_wal(path: str) -> bool:
    """A WAL database that no connection has open: its header says WAL and neither side file exists."""
    if os.path.exists(path + "-wal") or os.path.exists(path + "-shm"):
        return False
    offset, wal = _WAL_HEADER
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            return handle.read(len(wal)) == wal
    except OSError:
        return False


def _run(path: str, query: str, work: Callable[[Any], T], jsonb: bool) -> T:
    try:
        with closing(_connect(path, query, jsonb, BUSY_TIMEOUT_S)) as db:
            return work(db)
    except sqlite3.Error:
        raise
    except Exception as exc:
        apsw = sys.modules.get("apsw")
        if apsw is not None and isinstance(exc, apsw.Error):  # apsw's errors read like sqlite3's to callers
            raise sqlite3.DatabaseError(f"{type(exc).__name__}: {exc}") from exc
        raise


def read(path: str | os.PathLike, work: Callable[[Any], T], jsonb: bool = False) -> T:
    """`work(connection)` on app.db opened read-only: bounded by the busy timeout, never written, and with no
    new file beside it. Errors are `sqlite3.Error`s."""
    path = os.path.abspath(path)
    if _unshared_wal(path):
        before = readfile.signature(path)
        try:
            result = _run(path, "immutable=1", work, jsonb)
        except JsonbUnavailable:
            raise
        except sqlite3.DatabaseError:
            pass  # a torn read while the app started: read again the ordinary way
        else:
            if before is not None and _unshared_wal(path) and readfile.signature(path) == before:
                return result
    return _run(path, "mode=ro", work, jsonb)


def connect_writable(path: str | os.PathLike, jsonb: bool = False) -> Any:
    """A read-write connection in autocommit mode (the caller runs BEGIN IMMEDIATE ... COMMIT)."""
    return _connect(os.path.abspath(path), "", jsonb, WRITE_BUSY_TIMEOUT_S, write=True)


def tables(db: Any) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}


def columns(db: Any, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()}


def storage_era(db: Any) -> str | None:
    """Which schema app.db has: "0.15+" (`instances`, `instance_launch_overrides`; `profiles` dropped),
    "0.10.16-0.14" (`profiles` and `settings.version`), "0.8-0.10.15" (`profiles` only), or None for a layout
    prelaunch does not know. Reference: launchers.md sections 2 and 10."""
    found = tables(db)
    if "minecraft_users" not in found or "settings" not in found:
        return None
    if "instances" in found and "instance_launch_overrides" in found:
        # every release from 0.15.0 to 0.18.2 keeps the overrides in one JSONB `overrides` column; a layout
        # with a column per override existed only in unreleased development commits (modrinth/code 81995513e9,
        # replaced by 0252337726 before 0.15.0), and is not read
        return ERA_NEW if "overrides" in columns(db, "instance_launch_overrides") else None
    if "profiles" not in found:
        return None
    return ERA_PROFILES_QUOTED if "version" in columns(db, "settings") else ERA_PROFILES
