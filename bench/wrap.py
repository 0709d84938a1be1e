"""Budgets of the wrapper: `prelaunch wrap -- /bin/true` <= 2 x `python -c pass`; while the game runs, no
Python process but the watchdog, whose RSS stays <= 15 MiB.

Run: python bench/wrap.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]
import psutil  # noqa: E402
from common import machine, ratio  # noqa: E402

from tests.builders import mint_jwt, prism_account, prism_instance, write_prism  # noqa: E402

UUID = "0123456789abcdef0123456789abcdef"


def main() -> int:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, XDG_STATE_HOME=f"{home}/state", XDG_CONFIG_HOME=f"{home}/config",
                   XDG_DATA_HOME=f"{home}/data", XDG_CACHE_HOME=f"{home}/cache")
        env.pop("PRELAUNCH_CONFIG", None)
        py = sys.executable
        baseline = [py, "-c", "pass"]
        print(f"machine: {machine()}")
        from prelaunch.installer import entrypoints

        scripts = entrypoints.write(os.path.join(home, "bin"), python=py)
        entries = {"entry script (what the installer registers)": scripts["wrap"],
                   "console script `prelaunch`": [str(Path(py).with_name("prelaunch")), "wrap", "--"],
                   "`python -m prelaunch`": [py, "-m", "prelaunch", "wrap", "--"]}
        account = ["net.minecraft.client.main.Main", "--username", "Steve", "--uuid", UUID]
        for label, entry in entries.items():
            s, b, r = ratio([*entry, "/bin/true"], baseline, env=env, cwd=home)
            print(f"{label} wrap -- /bin/true: {s * 1000:.1f} ms vs python -c pass {b * 1000:.1f} ms: "
                  f"ratio {r:.2f} (budget 2.0)")
            s, b, r = ratio([*entry, "/bin/true", *account], baseline, env=env, cwd=home)
            print(f"{label} wrap -- /bin/true with an account on its command line (lock, holder record, watchdog): "
                  f"{s * 1000:.1f} ms vs {b * 1000:.1f} ms: ratio {r:.2f} (budget 2.0)")
        data_dir = write_prism(Path(home) / "data" / "PrismLauncher", instances={"v": {"name": "V"}},
                               accounts=[prism_account("Steve", UUID, mint_jwt(time.time() + 9e4), active=True)])
        inst = prism_instance(data_dir, "v")
        prism_env = dict(env, INST_DIR=str(inst), INST_ID="v", INST_NAME="V")
        prism = [scripts["wrap"][0], "/bin/true", "org.prismlauncher.EntryPoint"]
        s, b, r = ratio(prism, baseline, env=prism_env, cwd=str(inst / "minecraft"))
        print(f"wrap -- /bin/true as a Prism instance (reads instance.cfg and accounts.json): {s * 1000:.1f} ms vs "
              f"{b * 1000:.1f} ms: ratio {r:.2f}")
        game = subprocess.Popen([py, "-m", "prelaunch", "wrap", "--", "/bin/sh", "-c", "sleep 5",
                                 "net.minecraft.client.main.Main", "--username", "Steve", "--uuid", UUID],
                                env=env, cwd=home)
        time.sleep(1.5)
        pythons = [p for p in psutil.process_iter(["cmdline", "memory_info"])
                   if "prelaunch" in " ".join(p.info["cmdline"] or []) and p.pid != os.getpid()]
        for p in pythons:
            kind = "watchdog" if "prelaunch.session.watchdog" in " ".join(p.info["cmdline"]) else "OTHER"
            print(f"python process while the game runs: {kind}, RSS {p.info['memory_info'].rss / 2**20:.1f} MiB "
                  "(budget: watchdog only, 15 MiB)")
        cpu = sum(p.cpu_times().user + p.cpu_times().system for p in pythons)
        time.sleep(2)
        cpu_after = sum(p.cpu_times().user + p.cpu_times().system for p in pythons if p.is_running())
        print(f"watchdog CPU over 2 s of waiting: {(cpu_after - cpu) * 1000:.0f} ms")
        print(f"game pid {game.pid} is the launcher's child: {psutil.Process(game.pid).name()}")
        game.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
