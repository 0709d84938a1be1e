"""The account lock is filelock's: interop with a `filelock.FileLock` in another process both ways, owner-only
files and folders, and planted symlinks that change nothing outside prelaunch's folders."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from prelaunch import fileio, paths
from prelaunch.session import consent, lock
from tests.helpers.launch import game_argv, start_wrap, wait_for, write_config
from tests.helpers.session import OWN_UUID, wait_until

HOLD_WITH_FILELOCK = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire(timeout=5)
print("locked", flush=True)
time.sleep(60)
"""

TRY_FILELOCK = """
import sys
from filelock import FileLock, Timeout
try:
    FileLock(sys.argv[1]).acquire(timeout=0)
except Timeout:
    print("held")
else:
    print("free")
"""


def try_filelock(path: str) -> str:
    return subprocess.run([sys.executable, "-c", TRY_FILELOCK, path], capture_output=True, text=True,
                          timeout=30).stdout.strip()


def test_a_filelock_held_by_another_process_is_seen_as_held(home, tmp_path):
    write_config(home, '[session]\non_account_in_use = "block"\n[ui]\nmode = "none"\n')
    os.makedirs(lock.locks_dir(), mode=0o700)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_WITH_FILELOCK, lock.lock_file(OWN_UUID)],
                              stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"locked\n"
        assert lock.is_held(OWN_UUID)
        current = lock.current_holder(OWN_UUID)
        assert current is not None and current.pid == 0  # held, by a process that left no record: named
        assert current.programs == ((holder.pid, psutil.Process(holder.pid).name()),)
        proc = start_wrap(game_argv(tmp_path / "r.json", uuid=OWN_UUID), tmp_path)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == 1 and b"launch refused" in out and not (tmp_path / "r.json").exists()
    finally:
        holder.kill()
        holder.wait()
    assert not lock.is_held(OWN_UUID)


def test_a_lock_prelaunch_holds_makes_filelock_fail(home, tmp_path):
    proc = start_wrap(game_argv(tmp_path / "r.json", sleep_s=60, uuid=OWN_UUID), tmp_path)
    try:
        wait_for(tmp_path / "r.json")
        assert try_filelock(lock.lock_file(OWN_UUID)) == "held"
    finally:
        proc.kill()
        proc.wait()
    # the watchdog holding it ends with the game (within milliseconds; a loaded machine may take longer)
    assert wait_until(lambda: try_filelock(lock.lock_file(OWN_UUID)) == "free", timeout=5)


def test_a_probe_does_not_take_the_lock_for_longer_than_an_instant(home):
    fd = lock.acquire(OWN_UUID)
    try:
        assert fd is not None and lock.acquire(OWN_UUID, wait_s=0) is None
    finally:
        os.close(fd)
    assert not lock.is_held(OWN_UUID)
    fd = lock.acquire(OWN_UUID, wait_s=0)
    assert fd is not None
    os.close(fd)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_what_prelaunch_writes_is_owner_only_from_the_start(home, tmp_path):
    os.umask(0o022)  # the usual umask: nothing may rely on it
    proc = start_wrap(game_argv(tmp_path / "r.json", sleep_s=60, uuid=OWN_UUID), tmp_path)
    try:
        wait_for(tmp_path / "r.json")
        consent.give(OWN_UUID, str(tmp_path))
        state = Path(paths.state_dir())
        written = [state / "locks" / f"{OWN_UUID}.lock", state / "locks" / f"{OWN_UUID}.json",
                   state / "locks" / f"{OWN_UUID}.json.lock", state / "consent" / f"{OWN_UUID}.json",
                   state / "consent" / f"{OWN_UUID}.json.lock"]
        assert {str(p): oct(mode_of(p)) for p in written} == {str(p): "0o600" for p in written}
        folders = [state, state / "locks", state / "consent"]
        assert {str(p): oct(mode_of(p)) for p in folders} == {str(p): "0o700" for p in folders}
    finally:
        proc.kill()
        proc.wait()


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder`: its kind, mode, size and content (what a write through a link would change)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = os.lstat(path)
        content = path.read_bytes() if stat.S_ISREG(info.st_mode) else None
        found[str(path.relative_to(folder))] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), content)
    return found


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside prelaunch's, with files a planted symlink points at."""
    folder = tmp_path / "outside"
    folder.mkdir()
    for name in ("lock", "record", "record-lock", "consent", "consent-lock", "temporary"):
        (folder / name).write_text(f"the player's own {name}\n")
        os.chmod(folder / name, 0o644)
    return folder


def test_planted_symlinks_at_every_file_change_nothing_outside(home, tmp_path, outside):
    locks = Path(lock.locks_dir())
    given = Path(paths.state_dir()) / "consent"
    for folder in (locks, given):
        folder.mkdir(parents=True, mode=0o700)
    plants = {locks / f"{OWN_UUID}.lock": "lock", locks / f"{OWN_UUID}.json": "record",
              locks / f"{OWN_UUID}.json.lock": "record-lock", given / f"{OWN_UUID}.json": "consent",
              given / f"{OWN_UUID}.json.lock": "consent-lock",
              Path(f"{locks / OWN_UUID}.json.{os.getpid()}.tmp"): "temporary",
              Path(f"{given / OWN_UUID}.json.{os.getpid()}.tmp"): "temporary"}
    for link, target in plants.items():
        link.symlink_to(outside / target)
    before = snapshot(outside)

    proc = start_wrap(game_argv(tmp_path / "r.json", sleep_s=2, uuid=OWN_UUID), tmp_path)  # the lock, in a real wrapper
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and (tmp_path / "r.json").exists(), (out, err)
    for write in (lambda: lock.write_holder(OWN_UUID, lock.Holder.for_this_process(account_name="Steve")),
                  lambda: consent.give(OWN_UUID, str(tmp_path)),
                  lambda: consent.take(OWN_UUID, str(tmp_path)), lambda: lock.read_holder(OWN_UUID)):
        try:
            write()
        except OSError:
            pass  # refusing to write through a link is fine; writing through it is not
    assert snapshot(outside) == before
    assert not os.path.islink(locks / f"{OWN_UUID}.lock")  # the account lock replaced its planted link


def test_a_planted_symlink_folder_is_refused_and_the_game_starts(home, tmp_path, outside):
    state = Path(paths.state_dir())
    state.mkdir(parents=True, mode=0o700)
    (state / "locks").symlink_to(outside)
    os.chmod(outside, 0o755)
    before = snapshot(outside)
    proc = start_wrap(game_argv(tmp_path / "r.json", uuid=OWN_UUID), tmp_path)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and (tmp_path / "r.json").exists()
    assert b"the account lock cannot be used" in out
    assert snapshot(outside) == before and mode_of(outside) == 0o755  # not narrowed through the link either


@pytest.mark.parametrize("kind", ["fifo", "directory", "huge"])
def test_a_record_that_is_not_a_small_regular_file_is_no_record(home, kind):
    os.makedirs(lock.locks_dir(), mode=0o700)
    path = Path(lock.locks_dir(), f"{OWN_UUID}.json")
    if kind == "fifo":
        os.mkfifo(path)  # opening it for reading would wait for a writer forever
    elif kind == "directory":
        path.mkdir()
    else:
        path.write_bytes(b'{"pid": 1, "pad": "' + b"x" * (fileio.STATE_FILE + 1) + b'"}')
    assert lock.read_holder(OWN_UUID) is None


@pytest.mark.parametrize("pid, read", [
    (1, True), (2**31 - 1, True), (0, False), (-1, False), (2**31, False), (2**63, False), (True, False),
    (False, False), (4242.0, False), ("4242", False), (None, False)])
def test_a_record_names_a_process_only_by_a_pid_a_process_can_have(home, pid, read):
    """prelaunch writes a process ID as a JSON integer from 1 to 2**31 - 1: a record with anything else there
    (zero, a negative or huge number, true, a text) was not written by it, and names nobody."""
    os.makedirs(lock.locks_dir(), mode=0o700)
    record = {"pid": pid, "process_start": 1_800_000_000.0, "account_name": "Alex", "instance_name": "Vanilla"}
    Path(lock.locks_dir(), f"{OWN_UUID}.json").write_text(json.dumps(record), encoding="utf-8")
    holder = lock.read_holder(OWN_UUID)
    assert (holder is not None) == read
    if read:
        assert (holder.pid, holder.account_name, holder.instance_name) == (pid, "Alex", "Vanilla")
