"""The write-ahead journal of an install or uninstall: before a launcher file is changed, what it held and
what is about to change in it is on disk (fsynced), next to the manifest. A journal left behind means the
run that wrote it was interrupted; the next install or uninstall rolls it back (`transaction.recover`).

`<data dir>/journal/journal.jsonl`, 0600 in a 0700 folder, one JSON object a line, appended: first the run
(its command, pid, start, and the manifest as it was), then per launcher file its record (the settings going
from `before` to `after`, and a text file's bytes before), written and fsynced before the file changes. The
open `Journal` is passed to every writer, backup and `prelaunch` command placement of the run, which note in it
each launcher-file write (the digest of the bytes written), each recorded file it removes (uninstall, for a
configuration file the install made) and each file of prelaunch's own they create: no write of the run goes
unrecorded. A line cut short by a kill is the last one and describes a change not yet
begun: it is ignored.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import time
from typing import Any, cast

from prelaunch import paths
from prelaunch.installer.records import FileRecord, JournalData, Manifest, SettingRecord

VERSION = 2
_APPEND = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


def folder() -> str:
    return os.path.join(paths.data_dir(), "journal")


def path() -> str:
    return os.path.join(folder(), "journal.jsonl")


def _sync_folder(name: str) -> None:
    """Make a new name or an unlink in `name` durable (POSIX; Windows has no directory handles)."""
    if os.name == "nt":
        return
    descriptor = os.open(name, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class Journal:
    """One run's record: the manifest as it was, every file about to change, every file the run created.
    `data` holds the same as the file, for a rollback in this process."""

    def __init__(self, command: str, manifest_before: Manifest | None) -> None:
        self.data: JournalData = {"version": VERSION, "command": command, "pid": os.getpid(), "started": time.time(),
                     "manifest": manifest_before, "files": [], "created": []}
        self._descriptor: int | None = None

    def open(self) -> Journal:
        if os.path.lexists(path()):
            raise FileExistsError(f"an unfinished journal is in {folder()}")
        paths.private_dir(folder())
        self._descriptor = os.open(path(), _APPEND | os.O_EXCL, paths.PRIVATE_FILE)
        header = {k: v for k, v in self.data.items() if k not in ("files", "created")}
        self._append(header, durable=True)
        _sync_folder(folder())
        return self

    def _append(self, entry: object, durable: bool) -> None:
        """One line; `durable`: on disk before the caller goes on (what a change needs before it starts)."""
        if self._descriptor is None:
            raise ValueError("the journal is not open")
        os.write(self._descriptor, json.dumps(entry).encode() + b"\n")
        if durable:
            os.fsync(self._descriptor)

    def before_change(self, change_path: str, kind: str, launcher: str, settings: list[SettingRecord],
                      text: bool) -> None:
        """Record a launcher file before it changes: its bytes (text files) and the settings going from
        `before` to `after`."""
        record: FileRecord = {"path": change_path, "kind": kind, "launcher": launcher, "settings": settings,
                  "before": None, "written": []}
        if text and os.path.exists(change_path):
            with open(change_path, "rb") as handle:
                record["before"] = base64.b64encode(handle.read()).decode()
        self.data["files"].append(record)
        self._append({"file": record}, durable=True)

    def written(self, change_path: str, digest: str) -> None:
        """The digest (sha256) of bytes about to replace a recorded file. Not fsynced: without it a rollback
        still puts the recorded settings back one by one."""
        record = _latest(self.data["files"], change_path)
        if record is not None:
            record["written"].append(digest)
            self._append({"written": change_path, "sha256": digest}, durable=False)

    def removing(self, removed_path: str) -> None:
        """A recorded file is about to be removed (fsynced first): a rollback writes it back from its bytes
        before."""
        record = _latest(self.data["files"], removed_path)
        if record is None:
            raise ValueError(f"{removed_path} was not recorded before its removal")
        record["removed"] = True
        self._append({"removed": removed_path}, durable=True)

    def created(self, created_path: str) -> None:
        """A file of prelaunch's own is about to be created (a backup, the `prelaunch` command): a rollback
        removes it."""
        self.data["created"].append(created_path)
        self._append({"created": created_path}, durable=False)

    def close(self) -> None:
        """The run is finished (committed or rolled back): the journal goes."""
        self.leave()
        discard()

    def leave(self) -> None:
        """Stop writing, and leave the journal on disk for the next run to roll back (what could not be put
        back now)."""
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None


def discard() -> None:
    """Remove the journal: what it recorded is committed, or was put back."""
    shutil.rmtree(folder(), ignore_errors=True)
    _sync_folder(os.path.dirname(folder()))


def load() -> JournalData | None:
    """A journal left behind by an interrupted run, as `Journal.data` holds it (each file's bytes before
    decoded); None when there is none. ValueError when it cannot be read."""
    try:
        with open(path(), "rb") as handle:
            lines = handle.read().split(b"\n")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ValueError(str(exc)) from exc
    entries: list[Any] = []
    for number, line in enumerate(lines):
        try:
            entries.append(json.loads(line))
        except ValueError:
            if any(rest.strip() for rest in lines[number + 1:]):
                raise ValueError(f"line {number + 1} cannot be read") from None
            break  # the last line, cut short by a kill: its change had not begun
    if not entries or not isinstance(entries[0], dict) or entries[0].get("version") != VERSION:
        raise ValueError("not a journal of this version")
    data = cast(JournalData, dict(entries[0], files=[], created=[]))  # a journal of this version: its keys
    for entry in entries[1:]:
        if "file" in entry:
            data["files"].append(entry["file"])
        elif "written" in entry:
            if (record := _latest(data["files"], entry["written"])) is not None:
                record["written"].append(entry["sha256"])
        elif "created" in entry:
            data["created"].append(entry["created"])
        elif "removed" in entry:
            if (record := _latest(data["files"], entry["removed"])) is not None:
                record["removed"] = True
    return data


def _latest(files: list[FileRecord], path: str) -> FileRecord | None:
    """The last record of the file at `path` (a file changed twice in one run has two)."""
    return next((record for record in reversed(files) if record["path"] == path), None)


def before_bytes(record: FileRecord) -> bytes | None:
    """A text file's bytes before the change a record describes."""
    before = record.get("before")
    return None if before is None else base64.b64decode(before)


def set_aside() -> str:
    """Move an unreadable journal out of the way, keeping it for a look; returns where it went."""
    target = f"{folder()}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}"
    os.replace(folder(), target)
    return target
