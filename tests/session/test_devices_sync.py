"""Two computers on one machine: each its own state dir (its device id) and its own copy of the synced folder,
kept in step by the test sync engine (delays, reordering, drops, conflict copies in each engine's naming,
temporaries left behind), with clocks 10 minutes fast and 10 minutes slow, each measured to about a second as
the network check does. Time is virtual: every computer's clock is the world's time plus its skew."""

from __future__ import annotations

import random

import pytest

from prelaunch.session import deviceid, devices, leasekeeper
from prelaunch.session import lease as leases
from prelaunch.session.lease import ENDED, FRESH, STALE, UNCLEAR
from prelaunch.session.leasekeeper import HEARTBEAT_S
from tests.helpers.sync import ENGINES, TestSync, conflict_name

UUID = "0123456789abcdef0123456789abcdef"
T0 = 1_800_000_000.0
STALE_S = 300.0  # [devices] stale_minutes = 5, the default
DELAY = (1.0, 12.0)
RESCAN_S = 30.0
SYNC_DELAY_S = DELAY[1] + RESCAN_S  # the longest a change travels here: the slowest delivery, dropped once
MEASURED_WITHIN_S = 1.0  # the network check's clock offset is good to about a second


class Computer:
    def __init__(self, world: World, name: str, skew: float, measured: bool) -> None:
        self.world, self.name, self.skew = world, name, skew
        root = world.root / name
        (root / "Sync").mkdir(parents=True)
        self.folder, self.state = root / "Sync" / "prelaunch", root / "state"
        self.offset = skew + world.rng.uniform(-MEASURED_WITHIN_S / 2, MEASURED_WITHIN_S / 2) if measured else None

    def clock(self) -> float:
        return self.world.t + self.skew

    def keeper(self, uuid: str = UUID) -> leasekeeper.Keeper:
        return leasekeeper.Keeper(str(self.folder), self.name, leases.account_id(uuid), "Alex", "Vanilla+", "prism",
                                  STALE_S, self.offset, self.clock, str(self.state))

    def verdicts(self) -> dict[str, str]:
        """What a launch here would make of the other computers' leases of the account, by computer name."""
        found = devices.scan(str(self.folder), deviceid.get(str(self.state)), leases.account_id(UUID))
        assert found.skipped == []
        names = [lease.computer for lease in found.leases]
        assert len(names) == len(set(names)), "a computer counted twice"
        return {lease.computer: leases.judge(lease, self.clock(), self.offset, STALE_S)[0]
                for lease in found.leases}


class World:
    def __init__(self, root, engine: str = "syncthing", skews=(600.0, -600.0), measured: bool = True,
                 seed: int = 1, spurious_conflicts: float = 0.3) -> None:
        self.root, self.t, self.rng = root, T0, random.Random(seed)
        self.a = Computer(self, "DESKTOP-A", skews[0], measured)
        self.b = Computer(self, "LAPTOP-B", skews[1], measured)
        self.sync = TestSync({self.a.name: self.a.folder, self.b.name: self.b.folder}, engine=engine, delay=DELAY,
                             drop=0.25, rescan_s=RESCAN_S, spurious_conflicts=spurious_conflicts, seed=seed)
        self.games: dict[leasekeeper.Keeper, float] = {}  # running games -> when their next heartbeat is due
        self.told: list[tuple[float, leasekeeper.Keeper, leases.Lease]] = []

    def start(self, computer: Computer) -> tuple[leasekeeper.Keeper, leasekeeper.Beat]:
        keeper = computer.keeper()
        beat = keeper.start()
        assert beat.problems == []
        self.games[keeper] = self.t + HEARTBEAT_S
        return keeper, beat

    def end(self, keeper: leasekeeper.Keeper, release: bool = True) -> None:
        del self.games[keeper]
        if release:
            assert keeper.release() == []

    def run(self, seconds: float, until=lambda: False) -> bool:
        """Let `seconds` pass, one at a time (the sync engine and heartbeats at work); stop early, and say so,
        once `until()` holds."""
        for _ in range(int(seconds)):
            self.t += 1
            self.sync.step(self.t)
            for keeper, due in list(self.games.items()):
                if self.t >= due:
                    beat = keeper.beat()
                    assert not [p for p in beat.problems if "new one" not in p], beat.problems
                    self.told += [(self.t, keeper, lease) for lease in beat.started]
                    self.games[keeper] = due + HEARTBEAT_S
            if until():
                return True
        return False


CASES = [(engine, seed) for engine in ENGINES for seed in (1, 2, 3)]


@pytest.mark.parametrize("engine, seed", CASES)
def test_the_first_player_is_told_within_two_heartbeats_and_the_sync_delay(tmp_path, engine, seed):
    world = World(tmp_path, engine, seed=seed)
    first, _ = world.start(world.a)
    world.run(world.rng.uniform(30, 200))
    assert world.b.verdicts() == {"DESKTOP-A": FRESH}  # a launch on B is told A is playing
    started = world.t
    second, beat = world.start(world.b)
    assert [lease.computer for lease in beat.elsewhere] == ["DESKTOP-A"] and beat.started == []
    assert world.run(2 * HEARTBEAT_S + SYNC_DELAY_S, until=lambda: world.told)
    [(when, keeper, lease)] = world.told
    assert keeper is first and lease.computer == "LAPTOP-B"
    assert when - started <= 2 * HEARTBEAT_S + SYNC_DELAY_S
    world.run(5 * HEARTBEAT_S)
    assert len(world.told) == 1  # told once


@pytest.mark.parametrize("engine, seed", CASES)
def test_a_game_that_ends_is_released_on_the_other_computer(tmp_path, engine, seed):
    world = World(tmp_path, engine, skews=(-600.0, 600.0), seed=seed)
    keeper, _ = world.start(world.a)
    world.run(world.rng.uniform(60, 400))
    assert world.b.verdicts() == {"DESKTOP-A": FRESH}
    world.end(keeper)
    ended = world.t
    assert world.run(SYNC_DELAY_S + 1, until=lambda: world.b.verdicts() == {"DESKTOP-A": ENDED})
    assert world.t - ended <= SYNC_DELAY_S
    world.run(2 * STALE_S)
    assert world.b.verdicts() == {"DESKTOP-A": ENDED}  # and stays so: no older copy brings the game back


@pytest.mark.parametrize("engine, seed", CASES)
def test_a_computer_that_dies_without_releasing_goes_stale_after_the_threshold(tmp_path, engine, seed):
    world = World(tmp_path, engine, seed=seed)
    keeper, _ = world.start(world.a)
    world.run(world.rng.uniform(100, 400))
    last_heartbeat = world.games[keeper] - HEARTBEAT_S
    world.end(keeper, release=False)  # the computer is switched off mid-game
    seen = []
    world.run(STALE_S + SYNC_DELAY_S, until=lambda: seen.append((world.t, world.b.verdicts()["DESKTOP-A"]))
              or seen[-1][1] != FRESH)
    when, verdict = seen[-1]
    assert verdict == STALE  # never "unclear" on the way, for all the 20 minutes between the two clocks
    assert abs(when - (last_heartbeat + STALE_S)) <= 2 * MEASURED_WITHIN_S


@pytest.mark.parametrize("engine", ENGINES)
def test_conflict_copies_are_made_and_harmless(tmp_path, engine):
    world = World(tmp_path, engine, seed=7, spurious_conflicts=0.5)
    first, _ = world.start(world.a)
    world.run(200)
    second, _ = world.start(world.b)
    world.run(3 * HEARTBEAT_S + SYNC_DELAY_S)
    world.end(first)
    world.run(SYNC_DELAY_S + 1)
    assert world.sync.conflicts > 0 and world.sync.delivered > 10
    copies = [path.name for path in world.b.folder.iterdir() if leases.parse_name(path.name)
              and leases.parse_name(path.name)[2]]
    assert copies, "no conflict copy reached the other computer"
    assert world.b.verdicts() == {"DESKTOP-A": ENDED}
    assert world.a.verdicts() == {"LAPTOP-B": FRESH}
    assert [(keeper, lease.computer) for _, keeper, lease in world.told] == [(first, "LAPTOP-B")]


def test_without_measured_offsets_twenty_minutes_between_the_clocks_is_said_to_be_unclear(tmp_path):
    world = World(tmp_path, measured=False)  # A's clock 10 min fast, B's 10 min slow, neither measured
    world.start(world.a)
    world.run(60)
    assert world.b.verdicts() == {"DESKTOP-A": UNCLEAR}  # not "fresh", and not "stale" either


def test_a_copied_device_id_is_noticed_and_the_two_computers_part(tmp_path):
    world = World(tmp_path, spurious_conflicts=0.0)
    twin = world.b
    shared = deviceid.get(str(world.a.state))
    (twin.state / "devices").mkdir(mode=0o700, parents=True)
    (twin.state / "devices" / "device.json").write_bytes((world.a.state / "devices" / "device.json").read_bytes())
    assert deviceid.get(str(twin.state)) == shared  # a copied disk: one id on two computers
    world.start(world.a)
    world.run(5)
    world.start(twin)  # same account, same file name: the sync engine has two writers of one file
    assert world.run(4 * HEARTBEAT_S + 2 * SYNC_DELAY_S, until=lambda: world.a.verdicts() == {"LAPTOP-B": FRESH}
                     and twin.verdicts() == {"DESKTOP-A": FRESH})
    assert deviceid.get(str(world.a.state)) != deviceid.get(str(twin.state))
    assert world.sync.conflicts > 0
    world.run(2 * HEARTBEAT_S)
    told = {(keeper.lease.computer, lease.computer) for _, keeper, lease in world.told}
    assert told == {("DESKTOP-A", "LAPTOP-B"), ("LAPTOP-B", "DESKTOP-A")}  # each was told of the other


def test_the_folders_hold_no_uuid_only_the_names(tmp_path):
    world = World(tmp_path)
    keeper, _ = world.start(world.a)
    world.run(200)
    world.end(keeper)
    world.run(SYNC_DELAY_S)
    dashed = f"{UUID[:8]}-{UUID[8:12]}-{UUID[12:16]}-{UUID[16:20]}-{UUID[20:]}"
    files = [path for computer in (world.a, world.b) for path in computer.folder.iterdir()]
    assert files
    for path in files:
        text = path.name + path.read_bytes().decode("utf-8", "replace")
        assert UUID not in text.lower() and dashed not in text.lower()


def test_the_test_sync_delays_reorders_drops_and_never_undoes_a_change(tmp_path):
    sync = TestSync({"A": tmp_path / "a", "B": tmp_path / "b"}, delay=(1, 20), drop=0.3, seed=5,
                    leftover_temporaries=0.0)
    arrivals = {}
    for second in range(200):
        if second < 100 and second % 5 == 0:
            (tmp_path / "a" / f"f{second % 3}").write_text(str(second))
        sync.step(second)
        for path in (tmp_path / "b").iterdir():
            arrivals.setdefault((path.name, path.read_text()), second)
    sync.settle(200)
    assert sync.dropped > 0
    for name in ("f0", "f1", "f2"):
        assert (tmp_path / "b" / name).read_text() == (tmp_path / "a" / name).read_text()
    order = sorted(arrivals, key=arrivals.get)
    written = sorted(arrivals, key=lambda item: int(item[1]))
    assert order != written  # reordered
    values = {}
    for name, value in order:  # what each file showed on B over time only ever moved forward
        assert int(value) > values.get(name, -1)
        values[name] = int(value)


def test_the_test_sync_makes_conflict_copies_of_concurrent_changes_on_both_sides(tmp_path):
    for engine in ENGINES:
        root = tmp_path / engine
        sync = TestSync({"A": root / "a", "B": root / "b"}, engine=engine, drop=0.0, seed=2)
        (root / "a" / "f.json").write_text("from A")
        (root / "b" / "f.json").write_text("from B")
        sync.step(0)
        sync.settle(0)
        sync.settle(100)
        names = sorted(path.name for path in (root / "a").iterdir() if TestSync.carried(path.name))
        assert names == sorted(path.name for path in (root / "b").iterdir() if TestSync.carried(path.name))
        assert len(names) == 2 and "f.json" in names
        [copy] = [name for name in names if name != "f.json"]
        assert copy.startswith("f") and copy.endswith(".json")
        assert copy in (conflict_name("f.json", engine, "A", 0), conflict_name("f.json", engine, "B", 0))
        texts = {(root / side / name).read_text() for side in "ab" for name in names}
        assert texts == {"from A", "from B"}
        assert (root / "a" / "f.json").read_text() == (root / "b" / "f.json").read_text()
