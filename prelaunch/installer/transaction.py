"""Installs and uninstalls as transactions. One at a time: a `filelock.FileLock` next to the manifest, with
a bounded wait and a message naming who holds it. Every launcher file is recorded in the journal before it
changes; when a run fails, what it changed is put back and the manifest is the one from before; a journal
left by a run that was killed is rolled back the same way by the next run (`recover`). Each file is written
by the `Writer` of its kind, given the run's journal."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import time
from contextlib import closing, contextmanager
from types import TracebackType
from typing import Callable, Iterator, Literal

from filelock import FileLock, Timeout

from prelaunch import fileio, paths
from prelaunch.installer import backups, config_file, entrypoints, journal, modrinth, modrinth_legacy, prism, running
from prelaunch.installer import manifest as manifest_module
from prelaunch.installer.changes import FileChange
from prelaunch.installer.records import FileEntry, FileRecord, JournalData, Manifest, SettingRecord
from prelaunch.installer.writer import Writer

WRITERS: dict[str, Writer] = {"ini": prism, "sqlite": modrinth, "json": modrinth_legacy, config_file.KIND: config_file}
WAIT_SECONDS = 30.0


class Busy(RuntimeError):
    """Another install or uninstall held the lock for longer than the wait."""


class NotRecovered(RuntimeError):
    """An interrupted run's changes could not all be put back; its journal stays for the next try."""


def lock_path() -> str:
    return os.path.join(paths.data_dir(), "install.lock")


def holder_path() -> str:
    return os.path.join(paths.data_dir(), "install.holder.json")


def holder() -> str:
    """Who holds the install lock, in words."""
    try:
        with open(holder_path(), "rb") as handle:
            record = json.load(handle)
        started = time.strftime("%H:%M:%S", time.localtime(float(record["started"])))
        return f"`prelaunch {record['command']}` (pid {int(record['pid'])}, started at {started})"
    except (OSError, ValueError, KeyError, TypeError, OverflowError):
        return f"another prelaunch install or uninstall (it holds {lock_path()})"


def _quiet(line: str) -> None:
    """Nobody is told while this run waits."""


@contextmanager
def exclusive(command: str, say: Callable[[str], None] = _quiet, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the install lock for the block: at once when free, else after waiting at most `wait` seconds
    (`say` is given the line that says for whom, before the wait); Busy when it stays taken."""
    paths.private_dir(paths.data_dir())
    lock = FileLock(lock_path(), mode=paths.PRIVATE_FILE)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        say(f"Waiting for {holder()} to finish (at most {wait:.0f} s)...")
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise Busy(f"{holder()} is still changing launcher files") from None
    try:
        record = {"command": command, "pid": os.getpid(), "started": time.time()}
        fileio.write(holder_path(), json.dumps(record).encode())
        yield
    finally:
        try:
            os.unlink(holder_path())
        except OSError:
            pass
        lock.release()


class Transaction:
    """One run's changes to launcher files. Leaving the block normally commits (the manifest must be saved
    inside it); leaving it by an exception puts every file back, and `failures` lists what could not be."""

    def __init__(self, command: str, manifest: Manifest) -> None:
        before = copy.deepcopy(manifest) if manifest_module.exists() else None
        self.journal = journal.Journal(command, before)
        self.failures: list[str] = []
        self.files = 0

    def __enter__(self) -> Transaction:
        self.journal.open()
        return self

    def apply(self, change: FileChange, manifest: Manifest) -> bool:
        """Install one file's change through its writer, journaled first."""
        self._record(change.path, change.kind, change.launcher, [s.as_dict() for s in change.changed])
        try:
            return WRITERS[change.kind].apply(change, manifest, self.journal)
        except BaseException:
            if change.kind == "sqlite":  # its writer commits all cells or, raising, rolls back all of them
                self.journal.data["files"][-1]["untouched"] = True
            raise

    def restore(self, path: str, entry: FileEntry) -> str:
        """Give one file back from its manifest entry, journaled first (its settings going the other way)."""
        backwards: list[SettingRecord] = [{**s, "before": s["after"], "after": s["before"]} for s in entry["settings"]]
        self._record(path, entry["kind"], entry.get("launcher", ""), backwards)
        return WRITERS[entry["kind"]].restore(path, entry, self.journal)

    def _record(self, path: str, kind: str, launcher: str, settings: list[SettingRecord]) -> None:
        self.journal.before_change(path, kind, launcher, settings, text=kind != "sqlite")
        self.files += 1

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> Literal[False]:
        if exc is None:
            self.journal.close()
            return False
        self.failures = rollback(self.journal.data)
        if self.failures:
            self.journal.leave()  # the journal stays on disk: the next run tries again
        else:
            self.journal.close()
        return False


def rollback(data: JournalData) -> list[str]:
    """Undo what a journal records, newest first, and put its manifest back; the files that could not be
    put back, each with the reason. Its own writes are not journaled."""
    failed = []
    for record in reversed(data["files"]):
        try:
            _undo(record)
        except Exception as exc:  # noqa: BLE001 - go on with the others, and say which one
            failed.append(f"{record['path']} ({type(exc).__name__}: {exc})")
        _remove_temporary(record["path"], data["pid"])
    if not failed:
        if data["manifest"] is None:
            manifest_module.forget()
        else:
            manifest_module.save(data["manifest"])
        for created in reversed(data["created"]):
            _remove_created(created)
    for own in (manifest_module.path(), holder_path(), *_script_paths()):
        _remove_temporary(own, data["pid"])
    return failed


def _undo(record: FileRecord) -> None:
    path = record["path"]
    if record.get("untouched"):
        return
    if not os.path.exists(path):
        before = journal.before_bytes(record)
        if record.get("removed") and before is not None:
            backups.atomic_write(path, before, None)  # the run removed it
        return
    writer = WRITERS[record["kind"]]
    # each setting put back while it still holds what this run set, read with the rules of the file's launcher
    settings_only: FileEntry = {"kind": record["kind"], "backup": "", "written": None, "settings": record["settings"],
                                "launcher": record.get("launcher", "")}
    if record["kind"] == "sqlite":
        writer.restore(path, settings_only, None)  # cells still as this run left them go back
        _drop_stale_rollback_journal(path)
        return
    before = journal.before_bytes(record)
    if before is None:
        return
    with open(path, "rb") as handle:
        digest = backups.sha256(handle.read())
    if digest == backups.sha256(before):
        return  # not changed, or already put back
    if digest in record["written"]:
        backups.atomic_write(path, before, None)  # it holds what this run wrote: byte for byte
        return
    # changed since (or the note of what was written is missing): each setting still as this run set it
    writer.restore(path, settings_only, None)


def _drop_stale_rollback_journal(path: str) -> None:
    """A kill while SQLite was starting its rollback journal leaves a `-journal` whose header was never
    written: not hot, so SQLite ignores it and removes it only at the database's next write. Under an
    exclusive lock, after the read that rolls back a hot one, what is left is that stale file."""
    stale = f"{path}-journal"
    if not os.path.exists(stale):
        return
    with closing(sqlite3.connect(path, timeout=5.0, isolation_level=None)) as db:
        db.execute("BEGIN EXCLUSIVE")
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if os.path.exists(stale):
                os.unlink(stale)
        finally:
            db.execute("ROLLBACK")


def _remove_temporary(path: str, pid: int) -> None:
    """The temporary an atomic write of `path` by process `pid` leaves when that process is killed."""
    temporary = f"{path}.{pid}.tmp"
    try:
        if os.path.isfile(temporary) and not os.path.islink(temporary):
            os.unlink(temporary)
    except OSError:
        pass


def _script_paths() -> list[str]:
    return [os.path.join(entrypoints.bin_dir(), name) for name in ("prelaunch-check", "prelaunch-wrap")]


def _remove_created(path: str) -> None:
    """A file or folder the rolled-back run created (a backup, the `prelaunch` command, the folder made for
    it), and a backup folder left empty. A folder goes only when empty: the files created in it were
    journaled after it, so they are gone already."""
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            os.rmdir(path)
            return
        os.unlink(path)
    except OSError:
        return
    parent = os.path.dirname(path)
    if os.path.dirname(parent) == backups.backups_dir():
        try:
            os.rmdir(parent)
        except OSError:
            pass


def interrupted() -> str | None:
    """The folder of the journal an interrupted run left (the next run puts its files back first), else None."""
    return journal.folder() if os.path.lexists(journal.path()) else None


def recover() -> str | None:
    """Roll back a run that was interrupted (its journal is still there); what was found and done, in one
    sentence, or None when no run was interrupted. NotRecovered when some file could not be put back."""
    try:
        data = journal.load()
    except ValueError as exc:
        where = journal.set_aside()
        return (f"An interrupted install left a journal that cannot be read ({exc}); it was moved to {where}. "
                "Launcher files it may have changed are checked below as they are now.")
    if data is None:
        return None
    started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(data.get("started") or 0))
    for _, pid, name in running.in_the_way((record.get("launcher", ""), record["path"]) for record in data["files"]):
        raise NotRecovered(f"an interrupted `prelaunch {data.get('command')}` (started {started}) changed files of "
                           f"a launcher that is running now ({name}, pid {pid}): close it first, so that the files "
                           "can be put back")
    failed = rollback(data)
    if failed:
        raise NotRecovered("an interrupted `prelaunch {}` (started {}) could not be undone for: {}".format(
            data.get("command"), started, "; ".join(failed)))
    journal.discard()
    earlier = f"An earlier `prelaunch {data.get('command')}` (started {started}) was interrupted"
    if data["files"]:
        return (f"{earlier}: the {len(data['files'])} launcher file(s) it had begun to change are back as they "
                "were before it.")
    return f"{earlier} before it changed any launcher file."
