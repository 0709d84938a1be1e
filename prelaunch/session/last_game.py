"""The record of an account's last game: what its log said (`game_log`) beside what prelaunch knew while it ran
(the token's expiry, a renewal the watchdog saw, a second launch of the account that prelaunch let go on or
refused, the network verdicts of the watchdog's probes), kept so that the next `check`, `doctor` or `status`
can say what happened, once.

The watchdog makes a `Game` when the game starts (cheap: no file is written, latest.log is only looked at),
fills in what it sees, and calls `conclude()` when the game has ended. A second launch of the account is noted
by whoever decides about it (`note_second_launch`) in a file of its own beside the record, which `conclude()`
takes in. Records are prelaunch's own state: owner-only, written whole under a lock, read without following
links; they hold times, names and server names only, never a token, a digest of one, or a log line.
"""

from __future__ import annotations

import os
import time

from prelaunch.session import game_log
from prelaunch.uuids import normalise as normalise_uuid

VERSION = 1
MAX_LAUNCHES = 20
MAX_VERDICTS = 20


def folder() -> str:
    from prelaunch import paths

    return os.path.join(paths.state_dir(), "last-game")


def _checked(uuid: str) -> str:
    if normalise_uuid(uuid) != uuid:
        raise ValueError("an account is named by 32 lowercase hex digits")
    return uuid


def record_file(uuid: str) -> str:
    return os.path.join(folder(), f"{_checked(uuid)}.json")


def launches_file(uuid: str) -> str:
    return os.path.join(folder(), f"{_checked(uuid)}.launches.json")


class Game:
    """One game of one account, followed by the watchdog."""

    def __init__(self, uuid: str, account: str = "", launcher: str = "", instance: str = "", game_dir: str = "",
                 started_at: float | None = None, token_expires_at: float | None = None) -> None:
        self.uuid, self.account, self.launcher, self.instance = _checked(uuid), account, launcher, instance
        self.game_dir, self.token_expires_at = game_dir, token_expires_at
        self.started_at = time.time() if started_at is None else started_at
        self.log_mark = game_log.mark(game_dir) if game_dir else None
        self.renewed_at: float | None = None
        self.verdicts: list[dict] = []  # the network verdict each time it changed: {"at", "ok"}

    def note_verdict(self, ok: bool, at: float | None = None) -> None:
        """A fresh network verdict; only a change is kept."""
        if not self.verdicts or self.verdicts[-1]["ok"] != ok:
            self.verdicts = (self.verdicts + [{"at": time.time() if at is None else at, "ok": ok}])[-MAX_VERDICTS:]

    def conclude(self, ended_at: float | None = None) -> dict:
        """Read this session's log, take in the second launches noted meanwhile, and keep the record (replacing
        the account's previous one). Returns it; raises OSError when it cannot be written."""
        ended_at = time.time() if ended_at is None else ended_at
        evidence = game_log.read_session(self.game_dir, self.log_mark, self.started_at) if self.game_dir else None
        record = {"version": VERSION, "uuid": self.uuid, "account": self.account, "launcher": self.launcher,
                  "instance": self.instance, "started_at": self.started_at, "ended_at": ended_at,
                  "token_expires_at": self.token_expires_at, "renewed_at": self.renewed_at,
                  "second_launches": _launches_during(self.uuid, self.started_at, ended_at),
                  "verdicts": self.verdicts, "log": evidence.as_dict() if evidence is not None else None,
                  "said": False}
        from prelaunch.session import records

        records.write(record_file(self.uuid), record)
        return record


def note_second_launch(uuid: str, allowed: bool, at: float | None = None) -> None:
    """A second launch of an account that is playing: let go on (`allowed`) or refused. Kept for that game's
    record; a note that cannot be written is skipped."""
    from prelaunch.session import records

    path = launches_file(uuid)
    try:
        records.folder(folder())
        with records.writer_lock(path):
            launches = _read_launches(path)
            launches.append({"at": time.time() if at is None else at, "allowed": bool(allowed)})
            _replace(path, {"launches": launches[-MAX_LAUNCHES:]})
    except OSError:
        pass


def _read_launches(path: str) -> list[dict]:
    from prelaunch.session import records

    try:
        doc = records.read(path)
    except (OSError, ValueError):
        return []
    found = doc.get("launches") if isinstance(doc, dict) else None
    return [item for item in found if isinstance(item, dict) and _number(item.get("at")) is not None
            and isinstance(item.get("allowed"), bool)] if isinstance(found, list) else []


def _launches_during(uuid: str, started_at: float, ended_at: float) -> list[dict]:
    """The second launches noted while this game ran; the note file is then removed."""
    from prelaunch.session import records

    path = launches_file(uuid)
    if not os.path.lexists(path):
        return []
    try:
        with records.writer_lock(path):
            found = [item for item in _read_launches(path) if started_at <= item["at"] <= ended_at]
            os.unlink(path)
    except OSError:
        return []
    return found


def _replace(path: str, doc: dict) -> None:
    """Write a record whose writer lock the caller holds."""
    import json

    from prelaunch import atomicfile

    atomicfile.write(path, json.dumps(doc).encode())


def _number(value: object) -> float | None:
    import math

    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def read(uuid: str) -> dict | None:
    """The account's last-game record, or None (none, damaged, or not one prelaunch wrote)."""
    from prelaunch.session import records

    try:
        doc = records.read(record_file(uuid))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("version") != VERSION or doc.get("uuid") != uuid:
        return None
    return doc


def take(uuid: str) -> dict | None:
    """The account's last-game record when it has not been told yet, marked told: each record is said once.
    None when there is none to tell, or it cannot be marked (then it is not said, rather than said again)."""
    from prelaunch.session import records

    path = record_file(uuid)
    if not os.path.lexists(path):
        return None
    try:
        with records.writer_lock(path):
            record = read(uuid)
            if record is None or record.get("said") is not False:
                return None
            _replace(path, {**record, "said": True})
    except OSError:
        return None
    return record


def untold() -> list[str]:
    """The accounts whose last-game record has not been told yet."""
    try:
        names = os.listdir(folder())
    except OSError:
        return []
    uuids = sorted(name[:-5] for name in names if name.endswith(".json") and normalise_uuid(name[:-5]) == name[:-5])
    return [uuid for uuid in uuids if (record := read(uuid)) is not None and record.get("said") is False]
