"""The watchdog's duties: at its wake-ups, the game's lease renewed and the player told once of a game of the
account started on another computer, a problem noted once; and they stay small: its start and a wake-up with
nothing new (renewal watch of the launcher's file, the game's record started, a lease renewed) import none of
the heavy libraries; a changed app.db is the only wake-up that needs sqlite3."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from prelaunch import paths
from prelaunch.session import deviceid
from prelaunch.session import lease as leases
from prelaunch.session.duties import Duties
from tests.helpers.builders import mint_jwt, prism_account, write_prism
from tests.helpers.leases import ACCOUNT, STALE_S, other, put
from tests.helpers.session import OWN_UUID

HEAVY = ["datetime", "filelock", "hashlib", "platformdirs", "psutil", "requests", "sqlite3", "subprocess"]
CODE = """
import json, sys
from prelaunch.session.duties import Duties
duties = Duties(json.loads(sys.argv[1]), 15.0)
duties.start()
duties.heartbeat_s = 0.0  # this wake-up renews the lease
duties.wake()
assert duties.renewal is not None and duties.lease is not None and duties.game is not None
print(json.dumps(sorted(set(json.loads(sys.argv[2])) & set(sys.modules))))
"""


def test_a_wake_up_with_nothing_new_imports_nothing_heavy(home, tmp_path):
    data_dir = write_prism(home / "prism", accounts=[prism_account("Steve", OWN_UUID, mint_jwt(time.time() + 9e4))])
    orders = {"ui": {"mode": "console", "backend": "", "timeout": 5},
              "game": {"uuid": OWN_UUID, "account": "Steve", "launcher": "prism", "instance": "V",
                       "game_dir": str(tmp_path), "token_expires_at": None},
              "renewal": {"kind": "prism", "path": str(data_dir / "accounts.json")},
              "lease": {"folder": str(tmp_path / "synced"), "computer": "DESKTOP-A", "account": "ab" * 8,
                        "account_name": "Steve", "instance": "V", "launcher": "prism", "stale_s": 300.0,
                        "own_offset": None, "state_dir": str(tmp_path / "state"), "heartbeat_s": 60.0}}
    result = subprocess.run([sys.executable, "-c", CODE, json.dumps(orders), json.dumps(HEAVY)], env=dict(os.environ),
                            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert list((tmp_path / "synced").iterdir())  # the lease was written: the test watched a real wake-up


def test_at_its_wake_ups_a_game_started_elsewhere_is_told_once_and_a_problem_noted_once(home, tmp_path, capfd):
    """The game's lease in the watchdog's orders, its sync folder missing at the start: one line in the log,
    however many heartbeats meet it. Once the folder is back the lease is written; a game of the account that
    starts on LAPTOP-B is told to the player once (in the launcher's console here), not again at the heartbeats
    that still see it; the game's end releases the lease."""
    synced = tmp_path / "Sync"
    folder = synced / "prelaunch"
    orders = {"ui": {"mode": "console", "backend": "", "timeout": 5},
              "lease": {"folder": str(folder), "computer": "DESKTOP-A", "account": ACCOUNT, "account_name": "Alex",
                        "instance": "Vanilla+", "launcher": "prism", "stale_s": STALE_S, "own_offset": None,
                        "state_dir": str(tmp_path / "state"), "heartbeat_s": 0.0}}  # every wake-up renews it
    duties = Duties(orders, 15.0)
    duties.start()
    for _ in range(3):
        duties.wake()
    synced.mkdir()  # the sync folder is back (a drive plugged in, the sync app started)
    duties.wake()
    device = deviceid.get(str(tmp_path / "state"))
    ours = folder / leases.file_name(device, ACCOUNT)
    assert leases.decode(ours.read_bytes(), device, ACCOUNT).state == leases.PLAYING
    started = time.time()
    put(folder, other(heartbeat_at=started, started_at=started - 5))
    duties.wake()
    duties.wake()
    put(folder, other(heartbeat_at=time.time(), started_at=started - 5))  # the same game's next heartbeat
    duties.wake()
    duties.end()
    told = capfd.readouterr().out
    assert told.count("!![Warning]!prelaunch: Alex was just started on LAPTOP-B: this game's online session will "
                      "end.") == 1, told
    with open(paths.log_file(), encoding="utf-8") as log:
        lines = [line.split(" ", 1)[1].rstrip("\n") for line in log]
    assert lines == [
        "watchdog: lease: the lease cannot be written (the folder it should be in is missing)",
        "watchdog: Alex started on LAPTOP-B while its game ran here; the notice was written to the launcher's "
        "console (the game's output)"]
    assert leases.decode(ours.read_bytes(), device, ACCOUNT).state == leases.RELEASED
