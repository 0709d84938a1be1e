"""A game's lease on one computer from its start to its end: written, renewed, released; the other computers'
games of the account told once, when they start; a device id that another computer also uses given up."""

from __future__ import annotations

import os
import threading
from dataclasses import replace

from prelaunch.session import deviceid, leasekeeper
from prelaunch.session import lease as leases
from prelaunch.session.lease import RELEASED, Lease
from tests.helpers.leases import ACCOUNT, NOW, OTHER_UUID, STALE_S, other, put
from tests.helpers.sync import ENGINES, conflict_name


class Clock:
    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def keeper(folder, state, clock, offset=None, computer="DESKTOP-A") -> leasekeeper.Keeper:
    return leasekeeper.Keeper(str(folder), computer, ACCOUNT, "Alex", "Vanilla+", "prism", STALE_S, offset, clock,
                          str(state))


def test_a_game_writes_its_lease_at_the_start_renews_it_and_releases_it_at_the_end(tmp_path):
    clock, folder = Clock(), tmp_path / "Sync" / "prelaunch"
    (tmp_path / "Sync").mkdir()
    keep = keeper(folder, tmp_path / "state", clock, offset=2.5)
    assert keep.start().problems == []
    [name] = os.listdir(folder)
    device = deviceid.get(str(tmp_path / "state"))
    assert name == leases.file_name(device, ACCOUNT)

    def written() -> Lease:
        return leases.decode((folder / name).read_bytes(), device, ACCOUNT)

    assert (written().state, written().started_at, written().heartbeat_at, written().clock_offset) == (
        leases.PLAYING, NOW, NOW, 2.5)
    clock.now += 60
    assert keep.beat().problems == []
    assert (written().heartbeat_at, written().started_at) == (NOW + 60, NOW)
    clock.now += 30
    assert keep.release() == []
    assert (written().state, written().heartbeat_at) == (RELEASED, NOW + 90)


def test_a_game_started_elsewhere_is_told_once_and_one_there_at_the_start_not_at_all(tmp_path):
    clock = Clock()
    put(tmp_path, other(device="5555666677778888", heartbeat_at=NOW - 30))  # playing there before we started
    keep = keeper(tmp_path, tmp_path / "state", clock)
    start = keep.start()
    assert [lease.device for lease in start.elsewhere] == ["5555666677778888"] and start.started == []
    clock.now += 60
    put(tmp_path, other(heartbeat_at=NOW + 50, started_at=NOW + 50))
    beat = keep.beat()
    assert [lease.device for lease in beat.started] == ["1111222233334444"]
    assert beat.started[0].computer == "LAPTOP-B"
    clock.now += 60
    put(tmp_path, other(heartbeat_at=NOW + 110, started_at=NOW + 50))
    assert keep.beat().started == []  # the same game, told already


def test_stale_released_and_other_accounts_games_are_not_news(tmp_path):
    clock = Clock()
    keep = keeper(tmp_path, tmp_path / "state", clock)
    keep.start()
    clock.now += 60
    put(tmp_path, other(device="1111111111111111", heartbeat_at=NOW - STALE_S - 60))
    put(tmp_path, other(device="2222222222222222", heartbeat_at=NOW + 50, state=RELEASED))
    put(tmp_path, other(device="3333333333333333", heartbeat_at=NOW + 50, uuid=OTHER_UUID))
    put(tmp_path, other(device="4444444444444444", heartbeat_at=NOW + 60 + STALE_S + 60))  # clock unclear
    beat = keep.beat()
    assert beat.started == [] and beat.elsewhere == []


def test_a_folder_that_is_gone_costs_the_game_nothing_and_comes_back(tmp_path):
    clock, synced = Clock(), tmp_path / "Sync"
    keep = keeper(synced / "prelaunch", tmp_path / "state", clock)
    assert keep.start().problems == ["the lease cannot be written (the folder it should be in is missing)"]
    assert keep.release() == []  # nothing was written, nothing to end
    synced.mkdir()  # the sync folder is back (a drive plugged in, the sync app started)
    clock.now += 60
    assert keep.beat().problems == []
    assert len(os.listdir(synced / "prelaunch")) == 1


def test_another_games_heartbeat_in_a_copy_of_this_computers_file_gives_it_a_new_id(tmp_path):
    clock, state = Clock(), tmp_path / "state"
    keep = keeper(tmp_path, state, clock)
    keep.start()
    old = keep.lease
    clock.now += 120
    keep.beat()
    twin = replace(old, started_at=NOW + 30, heartbeat_at=NOW + 90)  # its twin plays with the same id
    put(tmp_path, twin, conflict_name(old.file_name(), "syncthing", "TWIN", NOW))
    clock.now += 60
    beat = keep.beat()
    assert any("new one" in line for line in beat.problems)
    assert keep.lease.device not in ("", old.device) and deviceid.get(str(state)) == keep.lease.device
    assert leases.decode((tmp_path / old.file_name()).read_bytes(), old.device, ACCOUNT).state == RELEASED
    assert leases.decode((tmp_path / keep.lease.file_name()).read_bytes(), keep.lease.device,
                         ACCOUNT).heartbeat_at == NOW + 180
    clock.now += 60
    assert keep.beat().problems == []  # the old id's copy is no longer this computer's


def test_the_old_file_is_left_alone_when_the_twin_wrote_it_last(tmp_path):
    clock = Clock()
    keep = keeper(tmp_path, tmp_path / "state", clock)
    keep.start()
    old = keep.lease
    twin = replace(old, started_at=NOW + 30, heartbeat_at=NOW + 90)
    put(tmp_path, twin)
    clock.now += 120
    assert any("new one" in line for line in keep.beat().problems)
    assert (tmp_path / old.file_name()).read_bytes() == leases.encode(twin)


def test_copies_of_this_computers_own_writing_are_no_sign_of_a_twin(tmp_path):
    """Conflict copies of a file with one writer: of this game's heartbeats, or of a game played here before
    (up to its release moments before this one started, or dated later by a clock set back since)."""
    clock, state = Clock(), tmp_path / "state"
    keep = keeper(tmp_path, state, clock)
    keep.start()
    device = keep.lease.device
    earlier = replace(keep.lease, started_at=NOW - 3600, heartbeat_at=NOW - 1, state=RELEASED)
    set_back = replace(keep.lease, started_at=NOW - 1800, heartbeat_at=NOW + 7200, state=RELEASED)
    put(tmp_path, set_back, conflict_name(keep.lease.file_name(), "dropbox", "SETBACK", NOW))  # its clock was
    # two hours fast in the game before
    for engine in ENGINES:
        clock.now += 60
        put(tmp_path, keep.lease, conflict_name(keep.lease.file_name(), engine, "PC", clock.now))
        put(tmp_path, earlier, conflict_name(keep.lease.file_name(), engine, "OLD", clock.now - 7200))
        assert keep.beat().problems == []
    assert deviceid.get(str(state)) == device == keep.lease.device


def test_the_notice_names_the_account_and_the_computer():
    title, text = leasekeeper.started_message(other())
    assert "Alex" in title and "LAPTOP-B" in title
    assert text == "Alex was just started on LAPTOP-B: this game's online session will end."


def test_an_offset_that_is_no_number_is_left_out_rather_than_spoil_the_file(tmp_path):
    keep = keeper(tmp_path, tmp_path / "state", Clock(), offset=float("nan"))
    keep.start()
    written = leases.decode((tmp_path / keep.lease.file_name()).read_bytes(), keep.lease.device, ACCOUNT)
    assert written.clock_offset is None


def test_a_fifo_in_place_of_this_computers_file_holds_nothing_up(tmp_path):
    clock = Clock()
    keep = keeper(tmp_path, tmp_path / "state", clock)
    keep.start()
    old = keep.lease
    (tmp_path / old.file_name()).unlink()
    os.mkfifo(tmp_path / old.file_name())
    put(tmp_path, replace(old, started_at=NOW + 30, heartbeat_at=NOW + 90),
        conflict_name(old.file_name(), "syncthing", "TWIN", NOW))
    clock.now += 120
    done = []
    worker = threading.Thread(target=lambda: done.append(keep.beat()), daemon=True)
    worker.start()
    worker.join(10)
    assert done, "a heartbeat waited on a FIFO"
    assert keep.lease.device != old.device
