"""The lease across a real sync engine: two Syncthing instances (Debian's `syncthing`), one per "computer", on
127.0.0.1 only. A game's lease written on one computer reaches the other, where a launch is told of it; its
release too; and a computer that dies mid-game goes stale on the other after the threshold."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from prelaunch import timefmt
from prelaunch.session import deviceid, devices, leasekeeper
from prelaunch.session import lease as leases
from prelaunch.session.lease import ENDED, FRESH, STALE
from tests.helpers import syncthing
from tests.session.helpers import OWN_UUID, prism_with_own_steve

pytestmark = pytest.mark.skipif(syncthing.missing() is not None, reason=syncthing.missing() or "")

UUID = OWN_UUID  # the account of this test run's launches (see tests/session/helpers.py)
CARRY_WAIT_S = 30.0  # the watcher waits 1 s here; a lease took about 1 s (README)


class Computer:
    def __init__(self, root: Path, name: str) -> None:
        self.name, self.state = name, root / name / "state"
        self.engine = syncthing.Syncthing(root / name / "syncthing", root / name / "Sync", name)
        self.folder = self.engine.folder / "prelaunch"

    def keeper(self, stale_s: float) -> leasekeeper.Keeper:
        return leasekeeper.Keeper(str(self.folder), self.name, leases.account_id(UUID), "Steve", "Vanilla+",
                                  "prism", stale_s, None, state_dir=str(self.state))

    def verdicts(self, stale_s: float) -> dict[str, str]:
        try:
            found = devices.scan(str(self.folder), deviceid.get(str(self.state)), leases.account_id(UUID))
        except FileNotFoundError:
            return {}
        return {lease.computer: leases.judge(lease, time.time(), None, stale_s)[0] for lease in found.leases}


@pytest.fixture
def computers(tmp_path):
    a, b = Computer(tmp_path, "DESKTOP-A"), Computer(tmp_path, "LAPTOP-B")
    try:
        syncthing.pair(a.engine, b.engine, watcher_delay_s=1)
        yield a, b
    finally:
        a.engine.stop()
        b.engine.stop()


def test_a_lease_and_its_release_reach_the_other_computer(computers, cli, home):
    """What a launch on the second computer says, in a real `prelaunch check` with [devices] set to its copy of
    the folder: before the lease arrives nothing, then the game on the first computer, then (released) nothing."""
    a, b = computers
    (home / "prelaunch.toml").write_text(f'[network]\nenabled = false\n[devices]\nfolder = "{b.folder}"\n')
    instance = prism_with_own_steve(home, "Vanilla") / "minecraft"
    keeper = a.keeper(stale_s=300)
    assert keeper.start().problems == []
    carried = syncthing.wait_for(lambda: b.verdicts(300) == {"DESKTOP-A": FRESH}, CARRY_WAIT_S)
    assert carried is not None, "the lease never reached the other computer"
    print(f"\nSyncthing carried a new lease in {carried:.2f} s")
    result = cli("check", "--ui", "none", cwd=instance)
    assert result.code == 1
    assert f"!![Error]!prelaunch: Steve is playing on DESKTOP-A since {timefmt.clock(keeper.lease.started_at)}" in (
        result.out.splitlines())
    keeper.beat()
    assert keeper.release() == []
    carried = syncthing.wait_for(lambda: b.verdicts(300) == {"DESKTOP-A": ENDED}, CARRY_WAIT_S)
    assert carried is not None, "the release never reached the other computer"
    print(f"Syncthing carried the release in {carried:.2f} s")
    result = cli("check", "--ui", "none", cwd=instance)
    assert (result.code, result.out.strip()) == (0, "!![Info]!prelaunch: all good (account, token, session, other "
                                                    "computers)")


def test_a_computer_that_dies_mid_game_goes_stale_on_the_other(computers):
    a, b = computers
    stale_s = 10.0
    keeper = a.keeper(stale_s)
    keeper.start()
    assert syncthing.wait_for(lambda: b.verdicts(stale_s) == {"DESKTOP-A": FRESH}, CARRY_WAIT_S) is not None
    keeper.beat()
    last_heartbeat = keeper.lease.heartbeat_at
    assert syncthing.wait_for(lambda: b.verdicts(stale_s) == {"DESKTOP-A": FRESH} and syncthing.holds(
        b.folder / keeper.lease.file_name(), leases.encode(keeper.lease)), CARRY_WAIT_S) is not None
    a.engine.kill()  # switched off mid-game: no release, no goodbye
    assert time.time() < last_heartbeat + stale_s - 1, "too slow here to see the moment it goes stale"
    seen = []
    went_stale = syncthing.wait_for(lambda: seen.append(b.verdicts(stale_s)) or seen[-1] != {"DESKTOP-A": FRESH},
                                    stale_s + 10, step=0.05)
    assert went_stale is not None and seen[-1] == {"DESKTOP-A": STALE}
    assert abs(time.time() - (last_heartbeat + stale_s)) < 0.5
