"""The session scan on a crowded machine: 20,000 more processes running (a desktop has a few hundred) and a
game of the account among them. Budget: the scan finds the game within the launch's network deadline (it
runs beside the network check, so it makes no launch longer than a bad network does); `check` takes about
that plus its start.

`check` runs as `python -I -m prelaunch check --ui none` in a Prism instance folder with a signed-in account;
the scan alone is the session check's own, in this process.
Run: python bench/crowd.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]
import psutil  # noqa: E402
from common import machine  # noqa: E402

from prelaunch.checks import session  # noqa: E402
from prelaunch.config import Config  # noqa: E402
from prelaunch.model import AccountInfo, LaunchContext  # noqa: E402
from tests.helpers.builders import mint_jwt, prism_account, prism_instance, write_prism  # noqa: E402
from tests.helpers.crowd import crowd  # noqa: E402
from tests.helpers.launch import game_argv, wait_for  # noqa: E402

CROWD = 20_000
RUNS = 5


def main() -> int:
    print(f"machine: {machine()}")
    account = uuid.uuid4().hex
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        data = write_prism(home / "data" / "PrismLauncher", instances={"v": {"name": "V"}},
                           accounts=[prism_account("Steve", account, mint_jwt(time.time() + 9e4), active=True)])
        inst = prism_instance(data, "v")
        env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"),
                   XDG_CACHE_HOME=str(home / "cache"), XDG_CONFIG_HOME=str(home / "config"),
                   PRELAUNCH_CONFIG=str(home / "config.toml"), INST_DIR=str(inst), DISPLAY="")
        (home / "config.toml").write_text("[network]\nenabled = false\n", encoding="utf-8")
        check = [sys.executable, "-I", "-m", "prelaunch", "check", "--ui", "none"]
        deadline = Config().network.deadline
        before, started = psutil.virtual_memory().available // 1024, time.monotonic()
        with crowd(CROWD):
            up = time.monotonic() - started
            used = (before - psutil.virtual_memory().available // 1024) / 1024
            print(f"{CROWD:,} more processes up in {up:.1f} s, {used:.0f} MiB ({used * 1024 / CROWD:.0f} KiB each); "
                  f"{len(psutil.pids()):,} running")
            game = subprocess.Popen(game_argv(home / "game.json", sleep_s=600, uuid=account), cwd=home)
            try:
                wait_for(home / "game.json")
                context = LaunchContext(account=AccountInfo("Steve", account, "msa", None))
                scans = []
                for _ in range(RUNS):
                    psutil.process_iter.cache_clear()  # as in a fresh `check`: no process known yet
                    begun = time.monotonic()
                    found = session.run(context, Config(), session.scan())
                    scans.append(time.monotonic() - begun)
                    assert [f.severity for f in found] == ["error"], [f.title for f in found]
                checks = []
                for _ in range(RUNS):
                    begun = time.monotonic()
                    out = subprocess.run(check, capture_output=True, text=True, env=env, cwd=inst / "minecraft",
                                         stdin=subprocess.DEVNULL).stdout
                    checks.append(time.monotonic() - begun)
                    assert "already playing" in out and "Not every running program" not in out, out
                load = os.getloadavg()[0]
            finally:
                game.kill()
                game.wait()
        print(f"session scan, game found: median {statistics.median(scans):.2f} s, max {max(scans):.2f} s "
              f"(budget: the network deadline, {deadline:g} s)")
        print(f"check, game found: median {statistics.median(checks):.2f} s, max {max(checks):.2f} s (load {load:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
