"""Another computer's leases for the tests of the lease folder: made at a fixed time, put where a sync
would put them; or playing now, for the commands' tests."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from prelaunch.session import devices, leasekeeper
from prelaunch.session import lease as leases
from prelaunch.session.lease import Lease

UUID = "0123456789abcdef0123456789abcdef"
OTHER_UUID = "fedcba9876543210fedcba9876543210"
ACCOUNT = leases.account_id(UUID)
NOW = 1_800_000_000.0
STALE_S = 300.0


def other(device: str = "1111222233334444", heartbeat_at: float = NOW, uuid: str = UUID,
          started_at: float = NOW - 60, **changes) -> Lease:
    lease = leasekeeper.new_lease(device, "LAPTOP-B", leases.account_id(uuid), "Alex", "Vanilla+", "prism",
                                  started_at, None)
    return lease.beat(heartbeat_at, changes.pop("state", leases.PLAYING))


def put(folder, lease: Lease, name: str | None = None) -> None:
    (folder / (name or lease.file_name())).write_bytes(leases.encode(lease))


def playing_elsewhere(folder: Path, uuid: str, heartbeat_at: float | None = None, started_at: float | None = None,
                      offset: float | None = None) -> Lease:
    """Steve's game on DESKTOP-A (instance "Modded", MultiMC), its lease in `folder` as the sync engine brings it:
    started half an hour ago, its last heartbeat 20 s ago, unless told otherwise."""
    now = time.time()
    lease = leasekeeper.new_lease("1111222233334444", "DESKTOP-A", leases.account_id(uuid), "Steve", "Modded",
                                  "multimc", now - 1800 if started_at is None else started_at, offset)
    lease = lease.beat(now - 20 if heartbeat_at is None else heartbeat_at)
    folder.mkdir(parents=True, exist_ok=True)
    devices.write(str(folder), lease)
    return lease


THIS_COMPUTERS = """
import sys, time
from prelaunch.session import deviceid, devices
from prelaunch.session.lease import RELEASED, Lease, account_id
folder, device, now = sys.argv[1], deviceid.get(), time.time()
for uuid, state in (("1" * 32, RELEASED), ("2" * 32, "playing")):
    devices.write(folder, Lease(device, "this one", account_id(uuid), "Alex", "Vanilla+", "prism", now, now, None,
                                state))
devices.write(folder, Lease("f" * 16, "the other one", account_id("1" * 32), "Alex", "Vanilla+", "prism", now,
                            now, None, RELEASED))
"""


def this_computers_leases(folder, env: dict) -> None:
    """In `folder`, as a computer whose state dir `env` names: its ended lease of one account, its lease of
    another still playing, and another computer's ended lease."""
    made = subprocess.run([sys.executable, "-c", THIS_COMPUTERS, str(folder)], env=env, capture_output=True,
                          text=True, timeout=60)
    assert made.returncode == 0, made.stderr
