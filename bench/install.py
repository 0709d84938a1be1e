"""Budget of the installer: `prelaunch install --dry-run` over a Prism data dir with 1,000 instances and a
Modrinth app.db with 1,000 instances: <= 2 s on this machine; printed for 250, 500 and 1,000 of each to show
how it grows.

Run: python bench/install.py
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

from tests.helpers.builders import upgrade_modrinth_to_0_15, write_modrinth, write_prism  # noqa: E402


def fixture(home: Path, count: int) -> None:
    instances = {f"pack-{n:04d}": ({"name": f"Pack {n}", "OverrideCommands": "true", "PreLaunchCommand": "echo hi"}
                                   if n % 2 else {"name": f"Pack {n}"}) for n in range(count)}
    write_prism(home / "data" / "PrismLauncher", instances=instances, accounts=[])
    # instances made by 0.14 and migrated by 0.15: every hook '' (the migration's COALESCE)
    db = write_modrinth(home / "data" / "ModrinthApp", "0.10.16-0.14", users=[],
                        instances={f"pack-{n:04d}": f"Pack {n}" for n in range(count)})
    upgrade_modrinth_to_0_15(db)


def main() -> int:
    print(f"machine: {machine()}")
    for count in (250, 500, 1000):
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            fixture(home, count)
            env = dict(os.environ, HOME=tmp, XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"),
                       XDG_CACHE_HOME=str(home / "cache"), XDG_CONFIG_HOME=str(home / "config"))
            times = []
            for _ in range(5):
                started = time.perf_counter()
                proc = subprocess.run([sys.executable, "-m", "prelaunch", "install", "--dry-run"], env=env,
                                      capture_output=True, text=True)
                times.append(time.perf_counter() - started)
                assert proc.returncode == 0, proc.stdout + proc.stderr
            lines = proc.stdout.count("\n")
            print(f"{count} Prism instances + {count} Modrinth instances: median {statistics.median(times):.2f} s "
                  f"(max {max(times):.2f} s, {lines} lines of plan){' (budget 2 s)' if count == 1000 else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
