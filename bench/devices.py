"""Costs of the lease folder ([devices]), with 10 computers x 10 accounts of lease files in it:
- reading it for one account (what `check` does): budget 5 ms; and a whole `prelaunch check` of a Prism
  instance with [devices] set against the same without it (interleaved runs, medians);
- reading all of it (what `status` does);
- a game's lease kept for an hour in a process of its own (what the watchdog will do: the start, 60
  heartbeats, the release): CPU budget 1 s, and the process's peak RSS against the watchdog's 15 MiB;
- where Debian's `syncthing` is installed: how long two Syncthing instances on 127.0.0.1 take to carry a
  heartbeat from one "computer" to the other, with the folder watcher's default delay (10 s) and with 1 s.

Run: python bench/devices.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]
from common import machine, wall  # noqa: E402

from prelaunch.session import devices, leasekeeper  # noqa: E402
from prelaunch.session import lease as leases  # noqa: E402
from tests.helpers import syncthing  # noqa: E402
from tests.helpers.builders import mint_jwt, prism_account, prism_instance, write_prism  # noqa: E402

COMPUTERS = 10
ACCOUNTS = 10
UUIDS = [f"{n:032x}" for n in range(1, ACCOUNTS + 1)]
OWN = "ffffffffffffffff"

FIRST_CHECK = """
import sys, time
from prelaunch.cli import check  # what `check` has loaded when the devices check runs
from prelaunch.checks import devices
from prelaunch.config import Config
from prelaunch.model import AccountInfo, LaunchContext
config = Config()
config.devices.folder = sys.argv[1]
context = LaunchContext(account=AccountInfo("Player01", sys.argv[2], "msa"))
started = time.perf_counter()
devices.run(context, config)
print((time.perf_counter() - started) * 1000)
"""

HOUR_OF_HEARTBEATS = """
import sys, time
from prelaunch.session import leasekeeper
folder, state, account = sys.argv[1:4]
now = [time.time()]
keeper = leasekeeper.Keeper(folder, "BENCH", account, "Alex", "Vanilla+", "prism", 300.0, None, lambda: now[0], state)
keeper.start()
cpu = time.process_time()
for _ in range(60):
    now[0] += 60
    keeper.beat()
keeper.release()
print(time.process_time() - cpu, PEAK_RSS_KIB())
"""
PEAK_RSS = """
def PEAK_RSS_KIB():
    # VmHWM: this process's own peak; psutil gives no peak on Linux, and ru_maxrss keeps the forking
    # parent's from before exec
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
"""


def fill(folder: Path) -> None:
    """10 computers, each with a lease of each of 10 accounts (their last heartbeat an hour ago: none fresh)."""
    now = time.time()
    for number in range(COMPUTERS):
        device = f"{number + 1:016x}"
        for uuid in UUIDS:
            lease = leasekeeper.new_lease(device, f"PC-{number}", leases.account_id(uuid), f"Player{uuid[-2:]}",
                                          "Vanilla+", "prism", now - 7200, 0.5).beat(now - 3600 - number)
            devices.write(str(folder), lease)
    (folder / ".stfolder").mkdir()


def median_ms(action, runs: int = 301) -> float:
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root) / "Sync" / "prelaunch"
        folder.mkdir(parents=True)
        fill(folder)
        print(f"folder: {len(os.listdir(folder))} entries ({COMPUTERS} computers x {ACCOUNTS} accounts of leases)")
        account = leases.account_id(UUIDS[0])
        one = median_ms(lambda: devices.scan(str(folder), OWN, account))
        print(f"reading it for one account, again in one process: {one:.2f} ms median")
        alone = dict(os.environ, HOME=root, XDG_STATE_HOME=f"{root}/state", XDG_CACHE_HOME=f"{root}/cache")
        firsts = [float(subprocess.run([sys.executable, "-c", FIRST_CHECK, str(folder), UUIDS[0]], check=True,
                                       capture_output=True, text=True, cwd=root, env=alone).stdout)
                  for _ in range(21)]
        print(f"the devices check as `check` runs it (a fresh process, its imports included): "
              f"{statistics.median(firsts):.2f} ms median of 21 (budget 5 ms)")
        whole_check(Path(root), folder)
        every = median_ms(lambda: devices.scan(str(folder), OWN))
        print(f"reading all of it (status): {every:.2f} ms median")
        cpus, peaks = [], []
        for _ in range(5):
            out = subprocess.run([sys.executable, "-c", PEAK_RSS + HOUR_OF_HEARTBEATS, str(folder), f"{root}/state",
                                  leases.account_id(UUIDS[0])], capture_output=True, text=True, check=True, cwd=ROOT,
                                 env=dict(os.environ, PYTHONPATH=str(ROOT))).stdout.split()
            cpus.append(float(out[0]))
            peaks.append(int(out[1]) / 1024)
        bare = subprocess.run([sys.executable, "-c", PEAK_RSS + "print(PEAK_RSS_KIB())"], capture_output=True,
                              text=True, check=True).stdout
        print(f"an hour of heartbeats (60, each writing its lease and reading the folder): "
              f"{statistics.median(cpus) * 1000:.0f} ms CPU median of 5 (budget 1 s per hour)")
        print(f"peak RSS of that process: {statistics.median(peaks):.1f} MiB (a bare `python`: "
              f"{int(bare) / 1024:.1f} MiB; the watchdog's budget 15 MiB)")
    carry()
    return 0


def whole_check(root: Path, folder: Path) -> None:
    """`prelaunch check` of a Prism instance whose account has leases on the 10 other computers (none fresh),
    with [devices] set and without, otherwise alike (network off: the network's own cost is another bench's)."""
    home = root / "home"
    env = dict(os.environ, HOME=str(home), XDG_STATE_HOME=f"{home}/state", XDG_CONFIG_HOME=f"{home}/config",
               XDG_DATA_HOME=f"{home}/data", XDG_CACHE_HOME=f"{home}/cache")
    data = write_prism(home / "data" / "PrismLauncher", instances={"v": {"name": "V"}},
                       accounts=[prism_account("Player01", UUIDS[0], mint_jwt(time.time() + 9e4), active=True)])
    cwd = str(prism_instance(data, "v") / "minecraft")
    (root / "with.toml").write_text(f'[network]\nenabled = false\n[devices]\nfolder = "{folder}"\n'
                                    "stale_minutes = 1\n")
    (root / "without.toml").write_text("[network]\nenabled = false\n")
    check = [sys.executable, "-m", "prelaunch", "check", "--ui", "none"]
    sides = {name: dict(env, PRELAUNCH_CONFIG=str(root / f"{name}.toml")) for name in ("with", "without")}
    times: dict[str, list[float]] = {name: [] for name in sides}
    for run in range(42):  # interleaved, the first of each a warm-up
        for name, side_env in sides.items():
            took = wall(check, env=side_env, cwd=cwd)
            if run:
                times[name].append(took)
    with_devices, without = (statistics.median(times[name]) for name in sides)
    print(f"a whole `prelaunch check` (healthy, 10 other computers' stale leases of the account): "
          f"{with_devices * 1000:.1f} ms with [devices], {without * 1000:.1f} ms without (interleaved, medians)")


def carry(beats: int = 5) -> None:
    """Seconds from a heartbeat written on one computer to its arrival on the other, each way."""
    if syncthing.missing():
        print(f"Syncthing: not measured, {syncthing.missing()}")
        return
    for delay in (10, 1):
        with tempfile.TemporaryDirectory() as root:
            one = syncthing.Syncthing(Path(root) / "a-home", Path(root) / "a", "DESKTOP-A")
            other = syncthing.Syncthing(Path(root) / "b-home", Path(root) / "b", "LAPTOP-B")
            try:
                syncthing.pair(one, other, watcher_delay_s=delay)
                times = [_carry_once(source, target, Path(root) / source.name)
                         for _ in range(beats) for source, target in ((one, other), (other, one))]
            finally:
                one.stop()
                other.stop()
        print(f"Syncthing (fsWatcherDelayS={delay}) carried a heartbeat in {statistics.median(times):.1f} s median, "
              f"{min(times):.1f}-{max(times):.1f} s over {len(times)} (both ways)")


def _carry_once(source, target, state: Path) -> float:
    keeper = leasekeeper.Keeper(str(source.folder / "prelaunch"), source.name, leases.account_id(UUIDS[0]), "Alex",
                                "Vanilla+", "prism", 300.0, None, state_dir=str(state))
    keeper.start()
    written = time.perf_counter()
    arrived = syncthing.wait_for(lambda: syncthing.holds(target.folder / "prelaunch" / keeper.lease.file_name(),
                                                leases.encode(keeper.lease)), 60, step=0.02)
    keeper.release()
    if arrived is None:
        raise RuntimeError("a heartbeat did not arrive within 60 s")
    return time.perf_counter() - written


if __name__ == "__main__":
    sys.exit(main())
