"""Costs of the lease folder ([devices]), with 10 computers x 10 accounts of lease files in it:
- reading it for one account (what `check` does): budget 5 ms;
- reading all of it (what `status` does);
- a game's lease kept for an hour in a process of its own (what the watchdog will do: the start, 60
  heartbeats, the release): CPU budget 1 s, and the process's peak RSS against the watchdog's 15 MiB.

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
from common import machine  # noqa: E402

from prelaunch.session import devices, leasekeeper  # noqa: E402
from prelaunch.session import lease as leases  # noqa: E402

COMPUTERS = 10
ACCOUNTS = 10
UUIDS = [f"{n:032x}" for n in range(1, ACCOUNTS + 1)]
OWN = "ffffffffffffffff"

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
    # VmHWM: this process's own peak (ru_maxrss would keep the forking parent's from before exec)
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
"""


def fill(folder: Path) -> None:
    """10 computers, each with a lease of each of 10 accounts, and a sync engine's leftovers beside them."""
    now = time.time()
    for number in range(COMPUTERS):
        device = f"{number + 1:016x}"
        for uuid in UUIDS:
            lease = leasekeeper.new_lease(device, f"PC-{number}", leases.account_id(uuid), f"Player{uuid[-2:]}",
                                          "Vanilla+", "prism", now - 3600, 0.5).beat(now - number)
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
        print(f"reading it for one account (check): {one:.2f} ms median (budget 5 ms)")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
