"""The devices check: the other computers' leases of the launch's account, judged on one time base, as findings;
and doctor's look at the folder itself."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime

import pytest

from prelaunch import timefmt
from prelaunch.checks import devices as check
from prelaunch.config import Config
from prelaunch.model import AccountInfo, LaunchContext
from prelaunch.net import clockoffset
from prelaunch.session import deviceid, devices, leasekeeper
from prelaunch.session import lease as leases
from tests.helpers.sync import conflict_name

UUID = "0123456789abcdef0123456789abcdef"
NOW = time.time()


def config_for(folder, stale_minutes: float = 5.0) -> Config:
    config = Config()
    config.devices.folder, config.devices.stale_minutes = str(folder), stale_minutes
    return config


def context(uuid: str = UUID, name: str = "Alex") -> LaunchContext:
    return LaunchContext(account=AccountInfo(name, uuid, "msa"))


def elsewhere(folder, heartbeat_at: float = NOW - 30, started_at: float = NOW - 3600, uuid: str = UUID,
              computer: str = "DESKTOP-A", device: str = "1111222233334444", offset: float | None = None,
              state: str = leases.PLAYING) -> leases.Lease:
    lease = leasekeeper.new_lease(device, computer, leases.account_id(uuid), "Alex", "Vanilla+", "prism",
                                  started_at, offset).beat(heartbeat_at, state)
    folder.mkdir(parents=True, exist_ok=True)
    devices.write(str(folder), lease)
    return lease


def test_a_fresh_game_elsewhere_is_an_error_in_the_players_words(home, tmp_path):
    lease = elsewhere(tmp_path / "Sync")
    [finding] = check.run(context(), config_for(tmp_path / "Sync"))
    assert (finding.severity, finding.title, finding.detail, finding.fixes) == (
        "error", f"Alex is playing on DESKTOP-A since {timefmt.clock(lease.started_at)}",
        "Launching here will sign that game out.", ("Quit it there first.",))
    assert check.is_account_in_use(finding)


def test_a_game_that_stopped_saying_so_is_a_console_line(home, tmp_path):
    elsewhere(tmp_path / "Sync", heartbeat_at=NOW - 12 * 60 - 5)
    findings = check.run(context(), config_for(tmp_path / "Sync"), now=NOW)
    assert [(f.severity, f.title) for f in findings] == [
        ("info", "Alex was last seen playing on DESKTOP-A 12 min ago"),
        ("ok", "Alex is not playing on your other computers")]


def test_the_threshold_is_the_configured_one(home, tmp_path):
    elsewhere(tmp_path / "Sync", heartbeat_at=NOW - 12 * 60)
    assert check.run(context(), config_for(tmp_path / "Sync", stale_minutes=15))[0].severity == "error"


def test_a_heartbeat_from_the_future_is_said_to_be_unclear(home, tmp_path):
    elsewhere(tmp_path / "Sync", heartbeat_at=NOW + 20 * 60)
    [finding] = check.run(context(), config_for(tmp_path / "Sync"), now=NOW)
    assert (finding.severity, finding.title) == ("warning", "Alex may be playing on DESKTOP-A: the two clocks "
                                                            "disagree")
    assert "20 min ahead" in finding.detail and not check.is_account_in_use(finding)


def test_clocks_ten_minutes_apart_are_corrected_by_what_each_measured(home, tmp_path):
    """DESKTOP-A's clock is 10 min fast, this one's 10 min slow; the network checks measured both."""
    true_now = NOW
    ours = true_now - 600
    clockoffset.save(-600.0, now=ours - 30)
    lease = elsewhere(tmp_path / "Sync", heartbeat_at=true_now + 600 - 60, started_at=true_now + 600 - 3600,
                      offset=600.0)
    [finding] = check.run(context(), config_for(tmp_path / "Sync"), now=ours)
    assert finding.severity == "error"
    assert finding.title.endswith(f"since {timefmt.clock(true_now - 3600 - 600)}")  # in this computer's time
    assert lease.started_at - (true_now - 3600 - 600) == 1200


def test_ended_games_other_accounts_and_this_computers_own_lease_are_not_findings(home, tmp_path):
    folder = tmp_path / "Sync"
    elsewhere(folder, device="2222222222222222", state=leases.RELEASED)
    elsewhere(folder, device="3333333333333333", uuid="ab" * 16)
    own = deviceid.get()
    elsewhere(folder, device=own)
    assert [(f.severity, f.title) for f in check.run(context(), config_for(folder))] == [
        ("ok", "Alex is not playing on your other computers")]


def test_conflict_copies_count_once_and_a_damaged_file_is_a_line(home, tmp_path):
    folder = tmp_path / "Sync"
    lease = elsewhere(folder)
    for engine in ("syncthing", "dropbox"):
        (folder / conflict_name(lease.file_name(), engine, "PC", NOW)).write_bytes(leases.encode(lease.beat(NOW - 99)))
    (folder / leases.file_name("4444444444444444", leases.account_id(UUID))).write_text("{")
    findings = check.run(context(), config_for(folder))
    assert [f.severity for f in findings] == ["info", "error"]
    assert findings[0].title.startswith("A file in the devices folder was skipped: prelaunch-4444444444444444-")


def test_a_folder_that_is_not_there_is_a_console_line(home, tmp_path):
    [finding] = check.run(context(), config_for(tmp_path / "Dropbox" / "prelaunch"))
    assert finding.severity == "info" and "is not there" in finding.title


def test_nothing_without_the_setting_or_an_account(home, tmp_path):
    elsewhere(tmp_path / "Sync")
    assert check.run(context(), Config()) == []
    assert check.run(LaunchContext(), config_for(tmp_path / "Sync")) == []
    assert check.run(context(uuid="not a uuid"), config_for(tmp_path / "Sync")) == []


def test_without_the_setting_the_lease_code_is_not_even_imported():
    code = ("import sys\nfrom prelaunch.checks import devices\nfrom prelaunch.config import Config\n"
            "from prelaunch.model import AccountInfo, LaunchContext\n"
            "ctx = LaunchContext(account=AccountInfo('Alex', '0123456789abcdef0123456789abcdef', 'msa'))\n"
            "assert devices.run(ctx, Config()) == []\n"
            "print(sorted(m for m in sys.modules if m.startswith(('prelaunch.session', 'prelaunch.net'))))")
    out = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_check_writes_nothing(home, tmp_path):
    folder = tmp_path / "Sync"
    elsewhere(folder)
    before = sorted(p.name for p in folder.iterdir())
    check.run(context(), config_for(folder))
    assert sorted(p.name for p in folder.iterdir()) == before
    assert deviceid.current() is None  # no id is made by reading


# --- doctor: the folder itself ------------------------------------------------------------------------------

def test_doctor_says_when_the_folder_and_its_sync_folder_are_missing(home, tmp_path):
    [finding] = check.folder_health(config_for(tmp_path / "Dropbox" / "prelaunch"))
    assert finding.severity == "warning" and "missing" in finding.title
    assert "sync app" in finding.fixes[0]


def test_doctor_says_the_folder_is_made_at_the_first_game(home, tmp_path):
    (tmp_path / "Sync").mkdir()
    [finding] = check.folder_health(config_for(tmp_path / "Sync" / "prelaunch"))
    assert finding.severity == "info" and "will be made" in finding.title
    assert list((tmp_path / "Sync").iterdir()) == []  # the look left nothing behind


def test_doctor_says_when_it_cannot_write_in_the_folder(home):
    [finding] = check.folder_health(config_for("/proc/1"))  # a folder nobody can make files in, root or not
    assert finding.severity == "warning" and finding.title.startswith("prelaunch cannot write in the devices folder")


def test_doctor_says_whether_the_folder_looks_synced(home, tmp_path):
    folder = tmp_path / "Sync"
    folder.mkdir()
    elsewhere(folder, device=deviceid.get())  # only this computer's own file
    [finding] = check.folder_health(config_for(folder))
    assert (finding.severity, finding.title) == ("info", "No other computer has written in the devices folder yet")
    elsewhere(folder, computer="LAPTOP-B", state=leases.RELEASED)
    elsewhere(folder, computer="DESKTOP-C", device="5555666677778888", uuid="ab" * 16)
    [finding] = check.folder_health(config_for(folder))
    assert (finding.severity, finding.title) == (
        "ok", "The devices folder is shared with 2 other computers: DESKTOP-C, LAPTOP-B")
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in folder.iterdir()
                                                              if leases.parse_name(p.name))


@pytest.mark.parametrize("state, shown", [("playing", "playing"), ("stale", "stale")])
def test_status_lists_the_other_computers_games(home, tmp_path, state, shown):
    heartbeat = NOW - 30 if state == "playing" else NOW - 3600
    lease = elsewhere(tmp_path / "Sync", heartbeat_at=heartbeat)
    elsewhere(tmp_path / "Sync", device="2222222222222222", state=leases.RELEASED)
    games, problem = check.games_elsewhere(config_for(tmp_path / "Sync"))
    assert problem == ""
    assert games == [{"computer": "DESKTOP-A", "account_name": "Alex", "instance_name": "Vanilla+",
                      "launcher": "prism", "since": lease.started_at, "last_seen": heartbeat, "state": shown}]
    assert datetime.fromtimestamp(games[0]["since"])  # a time a player's clock can show
