"""The watchdog's duties stay small: its start and a wake-up with nothing new (renewal watch of the launcher's
file, the game's record started, a lease renewed) import none of the heavy libraries; a changed app.db is the
only wake-up that needs sqlite3."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from tests.helpers.builders import mint_jwt, prism_account, write_prism
from tests.helpers.session import OWN_UUID

HEAVY = ["datetime", "filelock", "hashlib", "platformdirs", "psutil", "requests", "sqlite3", "subprocess"]
CODE = """
import json, sys
from prelaunch.session.duties import Duties
duties = Duties(json.loads(sys.argv[1]), 15.0)
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
