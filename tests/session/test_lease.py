"""The lease record: its file names and every sync engine's conflict copies of them, its bytes, and the judgement
of its age on one time base."""

from __future__ import annotations

import json
import random

import pytest

from prelaunch.session import lease as leases
from prelaunch.session.lease import ENDED, FRESH, RELEASED, STALE, UNCLEAR, Lease
from tests.helpers.sync import ENGINES, conflict_name, temporary_name

UUID = "0123456789abcdef0123456789abcdef"
DEVICE = "00aa11bb22cc33dd"
ACCOUNT = leases.account_id(UUID)
NOW = 1_800_000_000.0


def make(heartbeat_at: float = NOW, offset: float | None = None, state: str = leases.PLAYING, **changes) -> Lease:
    fields = dict(device=DEVICE, computer="DESKTOP-A", account_id=ACCOUNT, account_name="Alex",
                  instance="Vanilla+", launcher="prism", started_at=heartbeat_at - 600, heartbeat_at=heartbeat_at,
                  clock_offset=offset, state=state)
    fields.update(changes)
    return Lease(**fields)


def test_the_account_id_is_the_same_everywhere_and_is_not_the_uuid():
    assert leases.account_id(UUID) == ACCOUNT
    assert len(ACCOUNT) == 16 and UUID not in ACCOUNT and ACCOUNT not in UUID
    assert leases.account_id("f" * 32) != ACCOUNT


def test_a_file_name_reads_back_as_its_device_and_account():
    assert leases.parse_name(leases.file_name(DEVICE, ACCOUNT)) == (DEVICE, ACCOUNT, "")


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engines_conflict_copy_is_recognised_as_a_copy_of_the_file(engine):
    name = conflict_name(leases.file_name(DEVICE, ACCOUNT), engine, "LAPTOP-B", NOW)
    device, account, mark = leases.parse_name(name)
    assert (device, account) == (DEVICE, ACCOUNT)
    assert mark  # a copy, never the file itself


@pytest.mark.parametrize("engine", ENGINES)
def test_sync_engines_temporary_files_are_none_of_ours(engine):
    name = temporary_name(leases.file_name(DEVICE, ACCOUNT), engine, random.Random(1))
    assert leases.parse_name(name) is None


@pytest.mark.parametrize("name", ["prelaunch-00aa11bb22cc33dd-0123.json", "notes.json", ".stfolder",
                                  f"prelaunch-{DEVICE}-{ACCOUNT}.json.4242.tmp", "prelaunch-devices.json",
                                  f"PRELAUNCH-{DEVICE}-{ACCOUNT}.json", f"prelaunch-{DEVICE.upper()}-{ACCOUNT}.json"])
def test_other_names_are_none_of_ours(name):
    assert leases.parse_name(name) is None


def test_a_lease_reads_back_as_it_was_written():
    for lease in (make(), make(offset=-612.5, state=RELEASED)):
        assert leases.decode(leases.encode(lease), DEVICE, ACCOUNT) == lease


def test_a_lease_holds_no_uuid_and_names_what_it_says():
    doc = json.loads(leases.encode(make()))
    assert UUID not in json.dumps(doc)
    assert set(doc) == {"format", "version", "device", "computer", "account_id", "account_name", "instance",
                        "launcher", "started_at", "heartbeat_at", "clock_offset", "state"}


def _doc(**changes) -> bytes:
    doc = json.loads(leases.encode(make()))
    doc.update(changes)
    return json.dumps(doc).encode()


@pytest.mark.parametrize("data, reason", [
    (b"", "damaged"), (b"{not json", "damaged"), (b"\xff\xfe", "damaged"), (b"[" * 100_000, "damaged"),
    (b"[]", "not a prelaunch lease"), (json.dumps({"pid": 1}).encode(), "not a prelaunch lease"),
    (_doc(version=2), "format 2"), (_doc(version=True), "format unknown"),
    (_doc(version="1"), "format unknown"),
    (_doc(device="ffffffffffffffff"), "names another computer"), (_doc(account_id="0" * 16), "another computer"),
    (_doc(state="gone"), "no state"), (_doc(heartbeat_at="now"), "heartbeat_at is not a time"),
    (_doc(started_at=float("nan")), "started_at"), (_doc(computer=["x"]), "computer is not text"),
    (_doc(heartbeat_at=None), "heartbeat_at"),
])
def test_a_damaged_or_foreign_file_is_refused_with_a_reason(data, reason):
    with pytest.raises(ValueError, match=reason):
        leases.decode(data, DEVICE, ACCOUNT)


def test_a_huge_version_number_is_refused_without_spelling_it_out():
    data = _doc().replace(b'"version": 1', b'"version": ' + b"9" * 4000)
    with pytest.raises(ValueError, match="format unknown"):
        leases.decode(data, DEVICE, ACCOUNT)


def test_names_from_another_computer_are_one_short_line_each():
    lease = leases.decode(_doc(computer="LAPTOP\n!![Error]!B\x1b[31m", instance="x" * 5000), DEVICE, ACCOUNT)
    assert lease.computer == "LAPTOP?!![Error]!B?[31m"
    assert lease.instance == "x" * leases.TEXT_CAP


STALE_S = 300.0


@pytest.mark.parametrize("age, verdict", [(0, FRESH), (60, FRESH), (299, FRESH), (301, STALE), (3600, STALE),
                                          (-299, FRESH), (-301, UNCLEAR)])
def test_age_on_one_clock(age, verdict):
    assert leases.judge(make(NOW - age), NOW, None, STALE_S) == (verdict, pytest.approx(age))


@pytest.mark.parametrize("theirs, ours", [(600, -600), (-600, 600), (600, 600), (-600, -600), (0, 600)])
def test_clocks_ten_minutes_apart_are_judged_on_one_time_base(theirs, ours):
    """The other computer's clock is `theirs` seconds ahead of true time, ours `ours`; each measured so."""
    true_now = NOW
    heartbeat = make(true_now - 60 + theirs, offset=theirs)  # written a minute ago by its own clock
    assert leases.judge(heartbeat, true_now + ours, ours, STALE_S) == (FRESH, pytest.approx(60))
    old = make(true_now - 400 + theirs, offset=theirs)
    assert leases.judge(old, true_now + ours, ours, STALE_S)[0] == STALE


def test_without_measured_offsets_a_heartbeat_from_the_future_is_unclear_not_fresh():
    heartbeat = make(NOW + 1200)  # the other clock is 20 min ahead of ours and nobody measured it
    verdict, age = leases.judge(heartbeat, NOW, None, STALE_S)
    assert verdict == UNCLEAR and age == pytest.approx(-1200)


def test_a_released_lease_has_ended_whatever_its_age():
    for heartbeat in (NOW, NOW - 86400, NOW + 86400):
        assert leases.judge(make(heartbeat, state=RELEASED), NOW, None, STALE_S)[0] == ENDED


def test_the_start_is_shown_in_this_computers_time():
    lease = make(offset=600)  # its clock is 10 min fast
    assert leases.local_time(lease, lease.started_at, -120) == lease.started_at - 720


def test_of_two_copies_the_later_heartbeat_wins_and_a_release_on_a_tie():
    assert make(NOW).newer_than(make(NOW - 1))
    assert make(NOW, state=RELEASED).newer_than(make(NOW))
    assert not make(NOW).newer_than(make(NOW, state=RELEASED))
