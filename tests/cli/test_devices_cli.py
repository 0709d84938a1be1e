"""One account, two computers, seen from the commands: `check` names the game on the other computer before the
launch and stops it (Cancel by default; what each `[session] on_account_in_use` does there is in
tests/session/test_account_in_use.py), `status` lists the other computers' games, `doctor` checks the folder.
Real `prelaunch` processes; a skewed clock is libfaketime's."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime

import pytest

from prelaunch.ui import timefmt
from tests.helpers.leases import playing_elsewhere
from tests.helpers.session import OWN_UUID, prism_with_own_steve

NOW = time.time()


def configure(home, folder, extra: str = "") -> None:
    (home / "prelaunch.toml").write_text(
        f"[network]\nenabled = false\n[devices]\nfolder = {json.dumps(str(folder))}\n{extra}", encoding="utf-8")


@pytest.fixture
def instance(home):
    return prism_with_own_steve(home, "Vanilla") / "minecraft"


def test_check_names_the_game_on_the_other_computer_and_cancels_by_default(cli, home, tmp_path, instance):
    lease = playing_elsewhere(tmp_path / "Sync" / "prelaunch", OWN_UUID)
    configure(home, tmp_path / "Sync" / "prelaunch")
    result = cli("check", "--ui", "none", cwd=instance)
    assert result.code == 1
    lines = result.out.splitlines()
    title = f"Steve is playing on DESKTOP-A since {timefmt.clock(lease.started_at)}"
    assert f"!![Error]!prelaunch: {title}" in lines
    assert "!![Error]!  Launching here will sign that game out." in lines
    assert "!![Error]!  1. Quit it there first." in lines
    assert "!![Error]!prelaunch: launch cancelled." in lines
    doc = json.JSONDecoder().raw_decode(cli("check", "--ui", "none", "--json", cwd=instance).out)[0]
    assert {"check": "devices", "severity": "error", "title": title, "detail": "Launching here will sign that game "
            "out.", "fixes": ["Quit it there first."]} in doc["findings"]


def test_a_game_that_ended_or_went_quiet_lets_the_launch_go_with_one_line(cli, home, tmp_path, instance):
    folder = tmp_path / "Sync"
    playing_elsewhere(folder, OWN_UUID, heartbeat_at=time.time() - 45 * 60 - 20)  # that computer died 45 minutes ago
    configure(home, folder)
    result = cli("check", "--ui", "none", cwd=instance)
    assert result.code == 0
    assert result.out.splitlines() == [
        "!![Info]!prelaunch: all good (account, token, session, other computers)",
        "!![Info]!prelaunch: Steve was last seen playing on DESKTOP-A 45 min ago"]


def test_without_the_setting_the_launch_line_is_as_before(cli, home, instance, tmp_path):
    playing_elsewhere(tmp_path / "Sync", OWN_UUID)
    result = cli("check", "--ui", "none", cwd=instance)
    assert (result.code, result.out.strip()) == (0, "!![Info]!prelaunch: all good (account, token, session)")


faketime = pytest.mark.skipif(shutil.which("faketime") is None, reason="libfaketime (Debian `faketime`) is needed")


def ten_minutes_slow(home, cwd) -> dict:
    """`prelaunch check --json` on a computer whose clock is 10 minutes slow (the environment is the test's:
    its HOME, XDG dirs and config)."""
    proc = subprocess.run(["faketime", "-f", "-10m", sys.executable, "-m", "prelaunch", "check", "--ui", "none",
                           "--json"], capture_output=True, text=True, cwd=cwd, timeout=60, stdin=subprocess.DEVNULL)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout, f"exit {proc.returncode}, nothing on stdout; stderr: {proc.stderr!r}"
    return json.JSONDecoder().raw_decode(proc.stdout)[0]  # the document, then the line saying what was decided


@faketime
def test_clocks_ten_minutes_apart_each_way_still_name_the_game(home, tmp_path, instance):
    """DESKTOP-A's clock is 10 min fast, this one (under libfaketime) 10 min slow; each measured so."""
    from prelaunch.net import clockoffset

    folder = tmp_path / "Sync"
    playing_elsewhere(folder, OWN_UUID, heartbeat_at=NOW + 600 - 40, started_at=NOW + 600 - 1800, offset=600.0)
    configure(home, folder)
    clockoffset.save(-600.0, now=NOW - 600 - 60)  # what this computer's network check measured a minute ago
    [finding] = [f for f in ten_minutes_slow(home, instance)["findings"] if f["check"] == "devices"]
    assert finding["severity"] == "error"
    # the time of day in this computer's time (its date is shown only when it is not "today", which the check,
    # ten minutes slow, may see otherwise than this test just after midnight)
    since = datetime.fromtimestamp(NOW - 1800 - 600).strftime("%H:%M")
    assert re.fullmatch(rf"Steve is playing on DESKTOP-A since (\d{{4}}-\d\d-\d\d )?{since}", finding["title"])


@faketime
def test_unmeasured_clocks_twenty_minutes_apart_are_said_to_be_unclear(home, tmp_path, instance):
    folder = tmp_path / "Sync"
    playing_elsewhere(folder, OWN_UUID, heartbeat_at=NOW + 600 - 40, started_at=NOW + 600 - 1800)
    configure(home, folder)
    [finding] = [f for f in ten_minutes_slow(home, instance)["findings"] if f["check"] == "devices"]
    assert (finding["severity"], finding["title"]) == (
        "warning", "Steve may be playing on DESKTOP-A: the two clocks disagree")


def test_status_lists_the_other_computers_games(cli, home, tmp_path):
    folder = tmp_path / "Sync"
    lease = playing_elsewhere(folder, OWN_UUID)
    configure(home, folder)
    text = cli("status").out.splitlines()
    assert text == ["No account is playing now on this computer.", "On your other computers:",
                    f"  Steve on DESKTOP-A: instance 'Modded' (MultiMC), since {timefmt.clock(lease.started_at)}"]
    doc = cli("status", "--json").json()
    assert doc["held"] == [] and [(g["computer"], g["state"]) for g in doc["elsewhere"]] == [("DESKTOP-A", "playing")]


def test_doctor_checks_the_folder(cli, home, tmp_path):
    configure(home, tmp_path / "Dropbox" / "prelaunch")
    result = cli("doctor")
    assert result.code == 1 and "[warning] devices: The devices folder is missing:" in result.out
    playing_elsewhere(tmp_path / "Sync", OWN_UUID)
    configure(home, tmp_path / "Sync")
    result = cli("doctor")
    assert "[ok]      devices: The devices folder is shared with 1 other computer: DESKTOP-A" in result.out


def test_doctor_reports_the_game_on_the_other_computer_as_a_fact(cli, home, tmp_path, instance):
    """doctor is no launch: the account playing on the other computer is the player's own game there."""
    lease = playing_elsewhere(tmp_path / "Sync", OWN_UUID)
    configure(home, tmp_path / "Sync")
    lines = cli("doctor", cwd=instance).out.splitlines()
    assert f"[info]    devices: Steve is playing on DESKTOP-A since {timefmt.clock(lease.started_at)}" in lines
    assert not any(line.startswith("[error]") for line in lines)
