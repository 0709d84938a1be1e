"""The game's lease under `[devices]`, kept by the real watchdog of a real `prelaunch wrap`: written when the game
starts, renewed at each heartbeat, released when the game ends (also on the launcher's Kill); another computer
starting the account is told within two heartbeats; `wrap` under `on_account_in_use = "block"` refuses while the
account plays on another computer. The other computer is a lease keeper of its own (its own id) on the same
folder, as the sync engine would bring its file over."""

from __future__ import annotations

import subprocess
from pathlib import Path

from prelaunch.session import deviceid, devices, lease, leasekeeper, lock, watchdog
from tests.helpers.launch import game_argv, start_wrap, wait_for, write_config
from tests.helpers.session import OWN_UUID, wait_until, watchdogs_of

HEARTBEAT_S = 1.0  # `[devices] heartbeat_seconds`; the default is 60 s


def devices_config(home: Path, folder: Path, policy: str = "ask") -> None:
    write_config(home, f'[devices]\nfolder = "{folder}"\nname = "DESKTOP-A"\nheartbeat_seconds = {HEARTBEAT_S}\n'
                       f'[session]\non_account_in_use = "{policy}"\n[ui]\nmode = "console"\n')


def other_computer(folder: Path, tmp_path: Path) -> leasekeeper.Keeper:
    """LAPTOP-B, with an id of its own, keeping a lease of the same account in the same folder."""
    return leasekeeper.Keeper(str(folder), "LAPTOP-B", lease.account_id(OWN_UUID), "Steve", "Vanilla", "prism",
                              300.0, None, state_dir=str(tmp_path / "laptop-b"))


def leases_seen_by(tmp_path: Path, folder: Path) -> list[lease.Lease]:
    """The leases of the account that LAPTOP-B sees in the folder (all but its own)."""
    return devices.scan(str(folder), deviceid.get(str(tmp_path / "laptop-b")), lease.account_id(OWN_UUID)).leases


def end_game(proc: subprocess.Popen) -> bytes:
    proc.kill()
    out, _ = proc.communicate(timeout=30)
    return out


def test_the_lease_lives_with_the_game_and_another_computer_starting_the_account_is_told(home, tmp_path):
    folder = tmp_path / "synced"
    devices_config(home, folder)
    laptop = other_computer(folder, tmp_path)
    record = tmp_path / "game.json"
    proc = start_wrap(game_argv(record, sleep_s=60, uuid=OWN_UUID), tmp_path)
    try:
        wait_for(record)
        assert wait_until(lambda: [x.state for x in leases_seen_by(tmp_path, folder)] == [lease.PLAYING], timeout=5)
        first_beat = leases_seen_by(tmp_path, folder)[0].heartbeat_at
        assert wait_until(lambda: leases_seen_by(tmp_path, folder)[0].heartbeat_at > first_beat, timeout=5)
        assert laptop.start().elsewhere  # the laptop sees our game, and starts the account all the same
        log = home / ".local/state/prelaunch/log/prelaunch.log"
        assert wait_until(lambda: log.exists() and "started on LAPTOP-B" in log.read_text(),
                          timeout=2 * HEARTBEAT_S + 1)
    finally:
        out = end_game(proc)  # the launcher's Kill
    assert out.count(b"Steve was just started on LAPTOP-B: this game's online session will end.") == 1, out
    assert wait_until(lambda: [x.state for x in leases_seen_by(tmp_path, folder)] == [lease.RELEASED], timeout=5)


def test_wrap_refuses_under_block_while_the_account_plays_on_another_computer(home, tmp_path):
    folder = tmp_path / "synced"
    devices_config(home, folder, policy="block")
    laptop = other_computer(folder, tmp_path)
    laptop.start()
    refused = start_wrap(game_argv(tmp_path / "game.json", uuid=OWN_UUID), tmp_path)
    out, _ = refused.communicate(timeout=60)
    assert refused.returncode == 1 and b"launch refused" in out, out
    assert not (tmp_path / "game.json").exists()
    laptop.release()
    allowed = start_wrap(game_argv(tmp_path / "game.json", uuid=OWN_UUID), tmp_path)
    out, _ = allowed.communicate(timeout=60)
    assert allowed.returncode == 0, out


SLOW_FOLDER = """
import time
try:
    from prelaunch.session import leasekeeper
except ImportError:  # a Python without prelaunch (the stand-in game)
    pass
else:
    start = leasekeeper.Keeper.start

    def slow_start(self, *args, **kwargs):
        time.sleep(leasekeeper_delay)
        return start(self, *args, **kwargs)

    leasekeeper_delay = {delay}
    leasekeeper.Keeper.start = slow_start
"""


def test_a_slow_synced_folder_delays_neither_the_game_nor_the_watchdogs_hold(home, tmp_path):
    """Putting up the lease takes longer than the wrapper waits for its watchdog (a sync folder on a slow drive):
    the game starts at once, the watchdog holds the lock all the same, and the lease comes up when the folder
    lets it."""
    folder = tmp_path / "synced"
    devices_config(home, folder)
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SLOW_FOLDER.format(delay=watchdog.READY_WAIT_S + 1))
    record = tmp_path / "game.json"
    proc = start_wrap(game_argv(record, sleep_s=60, uuid=OWN_UUID), tmp_path, env={"PYTHONPATH": str(shim)})
    try:
        wait_for(record)
        assert len(watchdogs_of(proc.pid)) == 1
        assert wait_until(lambda: folder.exists() and [x.state for x in leases_seen_by(tmp_path, folder)]
                          == [lease.PLAYING], timeout=watchdog.READY_WAIT_S + 6)
        assert watchdogs_of(proc.pid) and lock.is_held(OWN_UUID)
    finally:
        out = end_game(proc)
    assert b"did not start in time" not in out, out
    assert wait_until(lambda: [x.state for x in leases_seen_by(tmp_path, folder)] == [lease.RELEASED], timeout=5)
