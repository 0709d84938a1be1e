"""The write-ahead journal of an install or uninstall: before a launcher file is changed, what it held and
what is about to change in it is on disk (fsynced), next to the manifest. A journal left behind means the
run that wrote it was interrupted; the next install or uninstall rolls it back (`transaction.recover`).

Layout: `<data dir>/journal/journal.json` and, per text file, a copy of its bytes before the change
(`before-N`). The journal's own files are 0600 in a 0700 folder. While a journal is open, `files`
reports every launcher-file write and every backup it makes here (`note_written`, `note_created`), so the
per-launcher writers keep their API and still write nothing unrecorded.
"""

from __future__ import annotations

import json
import os
import shutil
import time

from prelaunch import atomicfile, paths

VERSION = 1
_open: Journal | None = None


def folder() -> str:
    return os.path.join(paths.data_dir(), "journal")


def path() -> str:
    return os.path.join(folder(), "journal.json")


def _sync_folder(name: str) -> None:
    """Make a rename or unlink in `name` durable (POSIX; Windows has no directory handles)."""
    if os.name == "nt":
        return
    descriptor = os.open(name, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class Journal:
    """One run's record: the manifest as it was, every file about to change, every file the run created."""

    def __init__(self, command: str, manifest_before: dict | None) -> None:
        self.data = {"version": VERSION, "command": command, "pid": os.getpid(), "started": time.time(),
                     "manifest": manifest_before, "files": [], "created": []}

    def open(self) -> Journal:
        global _open
        if os.path.lexists(path()):
            raise FileExistsError(f"an unfinished journal is in {folder()}")
        paths.private_dir(folder())
        self._save()
        _open = self
        return self

    def _save(self) -> None:
        atomicfile.write(path(), json.dumps(self.data).encode(), sync=True)
        _sync_folder(folder())

    def before_change(self, change_path: str, kind: str, launcher: str, settings: list[dict],
                      text: bool) -> None:
        """Record a launcher file before it changes: its bytes (text files) and the settings going from
        `before` to `after`."""
        record = {"path": change_path, "kind": kind, "launcher": launcher, "settings": settings,
                  "before": None, "written": []}
        if text and os.path.exists(change_path):
            with open(change_path, "rb") as handle:
                original = handle.read()
            copy = os.path.join(folder(), f"before-{len(self.data['files'])}")
            atomicfile.write(copy, original, sync=True)
            record["before"] = {"copy": copy, "sha256": _sha256(original)}
        self.data["files"].append(record)
        self._save()

    def written(self, change_path: str, data: bytes) -> None:
        for record in reversed(self.data["files"]):
            if record["path"] == change_path:
                record["written"].append(_sha256(data))
                self._save()
                return

    def created(self, created_path: str) -> None:
        self.data["created"].append(created_path)
        self._save()

    def close(self) -> None:
        """The run is finished (committed or rolled back): the journal goes."""
        global _open
        _open = None
        discard()


def discard() -> None:
    """Remove the journal: what it recorded is committed, or was put back."""
    shutil.rmtree(folder(), ignore_errors=True)
    _sync_folder(os.path.dirname(folder()))


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def note_written(change_path: str, data: bytes) -> None:
    """A launcher file is about to get these bytes (called by `files.atomic_write`)."""
    if _open is not None:
        _open.written(change_path, data)


def note_created(created_path: str) -> None:
    """A file of prelaunch's own is about to be created (a backup): a rollback removes it."""
    if _open is not None:
        _open.created(created_path)


def suspend() -> Journal | None:
    """Stop recording (a rollback's own writes are not part of the run); returns what `resume` takes."""
    global _open
    journal, _open = _open, None
    return journal


def resume(journal: Journal | None) -> None:
    global _open
    _open = journal


def load() -> dict | None:
    """A journal left behind by an interrupted run; None when there is none. ValueError when it cannot be
    read."""
    try:
        with open(path(), "rb") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ValueError(str(exc)) from exc
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), list):
        raise ValueError("not a journal of this version")
    return data


def set_aside() -> str:
    """Move an unreadable journal out of the way, keeping it for a look; returns where it went."""
    target = f"{folder()}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}"
    os.replace(folder(), target)
    return target
