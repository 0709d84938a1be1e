"""Budgets of the pre-launch check's network part, measured side by side in one run against
B = `python -I -c pass` of the same interpreter:
- healthy first launch (nothing remembered), five HTTPS sign-in hosts on loopback answering after 100 ms:
  `check` <= 4 x (B + 100 ms);
- healthy re-launch (the network result remembered; the account, token and session checks run, processes
  scanned): `check` <= 12 x B; also measured with 300 more processes running, as on a desktop;
- sign-in hosts silent (they accept TCP and never answer): `check` <= deadline + 0.25 s, wall time including
  the interpreter's start.

`check` runs as `python -I -m prelaunch check --ui none` in a Prism instance folder with a signed-in account.
Run: python bench/network.py
"""

from __future__ import annotations

import json
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
from common import machine, wall  # noqa: E402

from tests.helpers.builders import mint_jwt, prism_account, prism_instance, write_prism  # noqa: E402
from tests.helpers.netservers import Certificates, Server  # noqa: E402

DEADLINE = 3.0
DESKTOP_PROCESSES = 300
RUNS = 21


def medians(subject: list[str], baseline: list[str], **kwargs) -> tuple[float, float]:
    """(median subject s, median baseline s) of interleaved runs, after one warm-up of each."""
    wall(subject, **kwargs)
    wall(baseline, **kwargs)
    subject_times, baseline_times = [], []
    for _ in range(RUNS):
        subject_times.append(wall(subject, **kwargs))
        baseline_times.append(wall(baseline, **kwargs))
    return statistics.median(subject_times), statistics.median(baseline_times)


def main() -> int:
    py = sys.executable
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        certs = Certificates(home)
        healthy = [Server(cert=certs.good(), delay=0.1) for _ in range(5)]
        silent = [Server(behaviour="silent") for _ in range(5)]
        account = prism_account("Steve", uuid.uuid4().hex, mint_jwt(time.time() + 9e4), active=True)
        data = write_prism(home / "data" / "PrismLauncher", instances={"v": {"name": "V"}}, accounts=[account])
        inst = prism_instance(data, "v")
        env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"),
                   XDG_CACHE_HOME=str(home / "cache"), XDG_CONFIG_HOME=str(home / "config"),
                   PRELAUNCH_CONFIG=str(home / "config.toml"), INST_DIR=str(inst), DISPLAY="")

        def configure(servers: list[Server], cache_minutes: float) -> None:
            (home / "config.toml").write_text(
                f"[network]\nendpoints = {json.dumps([s.url().replace('http://', 'https://') for s in servers])}\n"
                f'control = ""\nca_bundle = {json.dumps(str(certs.bundle))}\ndeadline = {DEADLINE}\n'
                f"timeout = {DEADLINE}\ncache_minutes = {cache_minutes}\n", encoding="utf-8")

        check = [py, "-I", "-m", "prelaunch", "check", "--ui", "none"]
        bare = [py, "-I", "-c", "pass"]
        run = {"env": env, "cwd": str(inst / "minecraft")}
        configure(healthy, cache_minutes=0)  # nothing is remembered
        out = subprocess.run(check, capture_output=True, text=True, **run).stdout
        assert "all good" in out, out
        s, b = medians(check, bare, **run)
        print(f"healthy first launch (5 HTTPS hosts answering after 100 ms): check {s * 1000:.0f} ms, B {b * 1000:.0f} "
              f"ms: {s / (b + 0.1):.2f} x (B + 100 ms) (budget 4)")
        configure(healthy, cache_minutes=10)
        wall(check, **run)  # remembers the result
        s, b = medians(check, bare, **run)
        print(f"healthy re-launch (network remembered; account, token, session checks, process scan): check "
              f"{s * 1000:.0f} ms, B {b * 1000:.0f} ms: {s / b:.2f} x B (budget 12)")
        idle = [subprocess.Popen(["sleep", "600"]) for _ in range(DESKTOP_PROCESSES)]
        try:
            s, b = medians(check, bare, **run)
        finally:
            for proc in idle:
                proc.kill()
                proc.wait()
        print(f"  the same with {DESKTOP_PROCESSES} more processes running: check {s * 1000:.0f} ms, B "
              f"{b * 1000:.0f} ms: {s / b:.2f} x B")
        configure(silent, cache_minutes=0)
        times = [wall(check, **run) for _ in range(5)]
        print(f"sign-in hosts silent (accept TCP, never answer), timeout = deadline = {DEADLINE:g} s: median "
              f"{statistics.median(times):.2f} s, max {max(times):.2f} s (budget {DEADLINE + 0.25:.2f} s)")
        for server in healthy + silent:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
