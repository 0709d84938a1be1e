"""The lease folder on one computer: reading it (conflict copies once, temporaries and other files ignored, a
damaged file a line, a file being replaced waited for), writing a lease by a temporary file and a rename
(retried while held), and the device id."""

from __future__ import annotations

import json
import os
import random
import stat
import time
from pathlib import Path

import pytest

from prelaunch.session import deviceid, devices
from prelaunch.session import lease as leases
from prelaunch.session.lease import RELEASED
from tests.helpers.leases import ACCOUNT, NOW, OTHER_UUID, other, put
from tests.helpers.sync import ENGINES, conflict_name, temporary_name


def test_a_computers_file_and_its_conflict_copies_count_once_the_newest(tmp_path):
    newest = other(heartbeat_at=NOW, state=RELEASED)
    put(tmp_path, newest)
    for number, engine in enumerate(ENGINES):  # older copies, one per engine, each still "playing"
        put(tmp_path, other(heartbeat_at=NOW - 10 - number), conflict_name(newest.file_name(), engine, "PC", NOW))
    found = devices.scan(str(tmp_path), "aaaabbbbccccdddd")
    assert found.leases == [newest]
    assert found.skipped == []


def test_a_conflict_copy_newer_than_the_file_wins(tmp_path):
    older, newer = other(heartbeat_at=NOW - 60), other(heartbeat_at=NOW)
    put(tmp_path, older)
    put(tmp_path, newer, conflict_name(older.file_name(), "dropbox", "LAPTOP-B", NOW))
    assert devices.scan(str(tmp_path), "aaaabbbbccccdddd").leases == [newer]


def test_temporaries_and_other_files_are_ignored_without_a_word(tmp_path):
    lease = other()
    put(tmp_path, lease)
    rng = random.Random(3)
    for engine in ENGINES:
        (tmp_path / temporary_name(lease.file_name(), engine, rng)).write_bytes(b"half a le")
    (tmp_path / f"{lease.file_name()}.4242.tmp").write_bytes(b"{")  # a writer's own, before its rename
    (tmp_path / ".stfolder").mkdir()
    (tmp_path / "holiday.jpg").write_bytes(b"\xff\xd8")
    found = devices.scan(str(tmp_path), "aaaabbbbccccdddd")
    assert found.leases == [lease] and found.skipped == []


def test_a_damaged_or_foreign_file_is_skipped_with_one_line_and_the_rest_is_read(tmp_path):
    good = other()
    put(tmp_path, good)
    (tmp_path / leases.file_name("5555666677778888", ACCOUNT)).write_bytes(b"\x00garbage")
    foreign = other(device="9999aaaabbbbcccc")
    put(tmp_path, foreign, leases.file_name("9999aaaabbbbdddd", ACCOUNT))  # content of another computer
    (tmp_path / leases.file_name("eeeeffff00001111", ACCOUNT)).symlink_to("/dev/zero")
    found = devices.scan(str(tmp_path), "aaaabbbbccccdddd")
    assert found.leases == [good]
    assert len(found.skipped) == 3
    assert any("5555666677778888" in line and "damaged" in line for line in found.skipped)
    assert any("9999aaaabbbbdddd" in line and "another computer" in line for line in found.skipped)
    assert any("eeeeffff00001111" in line and "not read" in line for line in found.skipped)


def test_a_file_name_that_is_not_one_line_is_shown_escaped(tmp_path):
    name = conflict_name(other().file_name(), "onedrive", "PC\n!![Error]!x", NOW)
    (tmp_path / name).write_bytes(b"{")
    [line] = devices.scan(str(tmp_path), "aaaabbbbccccdddd").skipped
    assert "\n" not in line and "\\n" in line


def test_only_the_accounts_own_files_are_opened_when_one_is_asked_for(tmp_path):
    mine, theirs = other(), other(device="5555666677778888", uuid=OTHER_UUID)
    put(tmp_path, mine)
    (tmp_path / theirs.file_name()).write_bytes(b"damaged, but not this launch's business")
    found = devices.scan(str(tmp_path), "aaaabbbbccccdddd", ACCOUNT)
    assert found.leases == [mine] and found.skipped == []
    assert found.computers == {"1111222233334444", "5555666677778888"}  # seen all the same
    assert len(devices.scan(str(tmp_path), "aaaabbbbccccdddd").skipped) == 1


def test_this_computers_own_files_are_not_counted_and_only_the_accounts_are_read(tmp_path):
    own = other(device="aaaabbbbccccdddd")
    put(tmp_path, own)
    copy = conflict_name(own.file_name(), "syncthing", "PC", NOW)
    put(tmp_path, own.beat(NOW - 5), copy)
    put(tmp_path, other(device="aaaabbbbccccdddd", uuid=OTHER_UUID))
    found = devices.scan(str(tmp_path), "aaaabbbbccccdddd")
    assert found.leases == [] and found.own == [] and found.computers == set()
    found = devices.scan(str(tmp_path), "aaaabbbbccccdddd", ACCOUNT)
    assert found.leases == [] and sorted(found.own, key=lambda lease: lease.heartbeat_at) == [own.beat(NOW - 5), own]


def test_a_missing_folder_is_an_error_the_caller_sees(tmp_path):
    with pytest.raises(FileNotFoundError):
        devices.scan(str(tmp_path / "gone"), "aaaabbbbccccdddd")


def test_a_lease_is_written_whole_and_owner_only(tmp_path):
    lease = other()
    devices.write(str(tmp_path), lease)
    path = tmp_path / lease.file_name()
    assert leases.decode(path.read_bytes(), lease.device, lease.account_id) == lease
    assert stat.S_IMODE(path.stat().st_mode) == devices.FILE_MODE
    assert os.listdir(tmp_path) == [lease.file_name()]  # no temporary left


def test_a_file_held_by_a_sync_client_is_retried_then_written(tmp_path, monkeypatch):
    """Windows refuses to replace a file another program holds open (PermissionError); it cannot be made to
    happen here, so the rename fails the way it fails there, twice."""
    real_replace, failures, naps = os.replace, [], []

    def held_twice(source, target):
        if len(failures) < 2:
            failures.append(target)
            raise PermissionError(13, "The process cannot access the file", target)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", held_twice)
    devices.write(str(tmp_path), other(), sleep=naps.append)
    assert len(failures) == 2 and naps == [devices.RETRY_S] * 2
    assert os.listdir(tmp_path) == [other().file_name()]


def test_a_file_held_for_longer_than_the_wait_gives_up_and_leaves_nothing(tmp_path, monkeypatch):
    def always_held(source, target):
        raise PermissionError(13, "The process cannot access the file", target)

    monkeypatch.setattr(os, "replace", always_held)
    with pytest.raises(PermissionError):
        devices.write(str(tmp_path), other(), wait_s=0.3)
    assert os.listdir(tmp_path) == []


def test_the_lease_folder_is_made_inside_the_synced_folder_but_never_without_it(tmp_path):
    devices.make_folder(str(tmp_path / "prelaunch"))
    assert stat.S_IMODE((tmp_path / "prelaunch").stat().st_mode) == devices.FOLDER_MODE
    devices.make_folder(str(tmp_path / "prelaunch"))  # already there: fine
    with pytest.raises(FileNotFoundError):
        devices.make_folder(str(tmp_path / "Dropbox" / "prelaunch"))
    assert not (tmp_path / "Dropbox").exists()


def test_the_device_id_is_made_once_kept_owner_only_and_renewed_once(tmp_path):
    state = str(tmp_path / "state")
    first = deviceid.get(state)
    assert deviceid.get(state) == first and len(first) == 16
    record = deviceid.path(state)
    assert stat.S_IMODE(os.stat(record).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(record)).st_mode) == 0o700
    renewed = deviceid.renew(first, state)
    assert renewed != first and deviceid.get(state) == renewed
    assert deviceid.renew(first, state) == renewed  # a second process finding the same copy: the same new id


def test_a_damaged_device_record_gets_a_new_id(tmp_path):
    state = str(tmp_path / "state")
    first = deviceid.get(state)
    with open(deviceid.path(state), "w") as handle:
        json.dump({"id": "../../etc"}, handle)
    assert deviceid.get(state) not in (first, "../../etc")


def test_a_lease_syncthing_is_replacing_is_waited_for(tmp_path):
    """Syncthing removes the old file, then renames its download into place: for a moment only
    `.syncthing.NAME.tmp` is there. The read waits for the rename (here: done by the first pause)."""
    lease = other()
    download = tmp_path / f".syncthing.{lease.file_name()}.tmp"
    download.write_bytes(leases.encode(lease))
    naps = []

    def pause(seconds: float) -> None:
        naps.append(seconds)
        os.replace(download, tmp_path / lease.file_name())

    assert devices.scan(str(tmp_path), "aaaabbbbccccdddd", ACCOUNT, sleep=pause).leases == [lease]
    assert naps == [devices.SETTLE_STEP_S]


def test_a_lease_that_vanishes_between_the_listing_and_the_read_is_read_again(tmp_path, monkeypatch):
    lease = other()
    put(tmp_path, lease)
    aside, removed = tmp_path / "aside", []
    real_read = devices.fileio.read

    def removed_first(path, cap, follow_symlinks=True):
        if not removed and os.path.basename(path) == lease.file_name():
            removed.append(path)
            os.replace(path, aside)  # the sync engine removes it to put the new one in its place
        return real_read(path, cap, follow_symlinks)

    monkeypatch.setattr(devices.fileio, "read", removed_first)
    found = devices.scan(str(tmp_path), "aaaabbbbccccdddd", ACCOUNT,
                         sleep=lambda seconds: os.replace(aside, tmp_path / lease.file_name()))
    assert found.leases == [lease] and found.skipped == []


def test_a_download_left_behind_costs_a_read_the_settling_time_at_most(tmp_path):
    lease = other()
    (tmp_path / f"~syncthing~{lease.file_name()}.tmp").write_bytes(b"half")  # aborted, kept for a day
    started = time.monotonic()
    assert devices.scan(str(tmp_path), "aaaabbbbccccdddd", ACCOUNT, settle_s=0.1).leases == []
    assert time.monotonic() - started < 0.5


def test_downloads_beside_their_file_or_of_other_accounts_cost_no_wait(tmp_path):
    lease, theirs = other(), other(uuid=OTHER_UUID)
    put(tmp_path, lease)
    for name in (f".syncthing.{lease.file_name()}.tmp", f".{lease.file_name()}.~0badcafe",
                 f".syncthing.{theirs.file_name()}.tmp", ".syncthing.holiday.jpg.tmp"):
        (tmp_path / name).write_bytes(b"half")

    def no_pause(seconds: float) -> None:
        raise AssertionError("waited")

    assert devices.scan(str(tmp_path), "aaaabbbbccccdddd", ACCOUNT, sleep=no_pause).leases == [lease]


def test_this_computer_is_shown_by_the_configured_name_else_its_host_name(monkeypatch):
    assert devices.computer_name("  Gaming PC ") == "Gaming PC"
    assert devices.computer_name("") == os.uname().nodename
    monkeypatch.delattr(os, "uname")  # as on Windows, whose host name is in COMPUTERNAME
    monkeypatch.setenv("COMPUTERNAME", "DESKTOP-A")
    assert devices.computer_name() == "DESKTOP-A"


def test_the_configured_folder_starts_at_the_home_folder_unless_absolute(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert devices.folder_path("~/Dropbox/prelaunch") == str(tmp_path / "Dropbox" / "prelaunch")
    assert devices.folder_path("Sync/prelaunch") == str(tmp_path / "Sync" / "prelaunch")
    assert devices.folder_path("/srv/sync/../sync/prelaunch") == "/srv/sync/prelaunch"


@pytest.mark.parametrize("inside", ["Dropbox/prelaunch", "Sync", "OneDrive - Contoso/Minecraft é", "~odd"])
def test_a_folder_is_written_from_the_home_folder_as_the_configured_folder_reads_it(monkeypatch, tmp_path, inside):
    home = tmp_path / "Home of Zoë"
    monkeypatch.setenv("HOME", str(home))
    folder = home / inside
    assert devices.written(str(folder)) == f"~/{inside}"
    assert devices.folder_path(devices.written(str(folder))) == str(folder)
    assert devices.written(f"{home}/elsewhere/../{inside}/") == f"~/{inside}"


def test_a_folder_outside_the_home_folder_is_written_whole(monkeypatch, tmp_path):
    home = tmp_path / "alex"
    monkeypatch.setenv("HOME", str(home))
    for outside in (tmp_path / "alexx" / "Sync", tmp_path / "Sync", Path("/srv/sync")):  # alexx: not in alex
        assert devices.written(str(outside)) == str(outside)
        assert devices.folder_path(devices.written(str(outside))) == str(outside)
    assert devices.written(str(home)) == "~" and devices.folder_path("~") == str(home)
