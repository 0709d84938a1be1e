"""Budgets of the wrapper (DESIGN.md, "Speed budgets"): `prelaunch wrap -- /bin/true` with an account <= 10 x
`python -I -c pass` (B); while the game runs, no Python process but the watchdog, whose RSS stays <= 15 MiB and
which uses no CPU.

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
        baseline = [py, "-I", "-c", "pass"]
        print(f"machine: {machine()}")
        from prelaunch.installer import entrypoints

        scripts = entrypoints.write(os.path.join(home, "bin"), python=py)
        entries = {"entry script (what the installer registers)": scripts["wrap"],
                   "console script `prelaunch`": [str(Path(py).with_name("prelaunch")), "wrap", "--"],
                   "`python -m prelaunch`": [py, "-m", "prelaunch", "wrap", "--"]}
        account = ["net.minecraft.client.main.Main", "--username", "Steve", "--uuid", UUID]
        for label, entry in entries.items():
            s, b, r = ratio([*entry, "/bin/true"], baseline, env=env, cwd=home)
            print(f"{label} wrap -- /bin/true: {s * 1000:.1f} ms vs python -I -c pass {b * 1000:.1f} ms: "
                  f"ratio {r:.2f}")
            s, b, r = ratio([*entry, "/bin/true", *account], baseline, env=env, cwd=home)
            print(f"{label} wrap -- /bin/true with an account on its command line (lock, holder record, watchdog): "
                  f"{s * 1000:.1f} ms vs {b * 1000:.1f} ms: ratio {r:.2f} (budget 10)")
        data_dir = write_prism(Path(home) / "data" / "PrismLauncher", instances={"v": {"name": "V"}},
                               accounts=[prism_account("Steve", UUID, mint_jwt(time.time() + 9e4), active=True)])
        inst = prism_instance(data_dir, "v")
        prism_env = dict(env, INST_DIR=str(inst), INST_ID="v", INST_NAME="V")
        prism = [scripts["wrap"][0], "/bin/true", "org.prismlauncher.EntryPoint"]
        s, b, r = ratio(prism, baseline, env=prism_env, cwd=str(inst / "minecraft"))
        print(f"wrap -- /bin/true as a Prism instance (reads instance.cfg and accounts.json): {s * 1000:.1f} ms vs "
              f"{b * 1000:.1f} ms: ratio {r:.2f} (budget 10)")
        game = subprocess.Popen([py, "-m", "prelaunch", "wrap", "--", "/bin/sh", "-c", "sleep 5",
                                 "net.minecraft.client.main.Main", "--username", "Steve", "--uuid", UUID,
                                 "--accessToken", mint_jwt(time.time() + 3600)], env=env, cwd=home)
        time.sleep(1.5)
        ours = []  # the Python processes of this run only (other users' or other runs' are not ours to count)
        for p in psutil.process_iter(["cmdline", "memory_info"]):
            try:
                if p.pid != os.getpid() and "prelaunch" in " ".join(p.info["cmdline"] or []) and \
                        p.environ().get("HOME") == home:
                    ours.append(p)
            except psutil.Error:
                continue
        for p in ours:
            kind = "watchdog" if "prelaunch.session.watchdog" in " ".join(p.info["cmdline"]) else "OTHER"
            print(f"python process while the game runs: {kind}, RSS {p.info['memory_info'].rss / 2**20:.1f} MiB "
                  "(budget: watchdog only, 15 MiB)")
        before = {p.pid: p.cpu_times() for p in ours}
        time.sleep(2)
        for p in ours:
            after = p.cpu_times()
            used = (after.user + after.system) - (before[p.pid].user + before[p.pid].system)
            print(f"CPU of pid {p.pid} over 2 s of waiting: {used * 1000:.0f} ms (budget: none)")
        print(f"game pid {game.pid} is the launcher's child: {psutil.Process(game.pid).name()}")
        game.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
