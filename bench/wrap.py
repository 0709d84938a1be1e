"""Budgets of the wrapper (DESIGN.md, "Speed budgets"): `prelaunch wrap -- /bin/true` with an account <= 10 x
`python -I -c pass` (B); while the game runs, no Python process but the watchdog, which holds the account's
lock, whose RSS stays <= 15 MiB and which uses no CPU to speak of (<= 1 s per hour of play, waking every
`WAKE_S` to read the wall clock); and how soon the account is free once the game is killed.

Run: python bench/wrap.py [MINUTES]   (MINUTES of play over which the watchdog's CPU is measured; default 2)
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
from common import cpu_seconds, machine, ratio  # noqa: E402

from tests.helpers.builders import mint_jwt, prism_account, prism_instance, write_prism  # noqa: E402

UUID = "0123456789abcdef0123456789abcdef"


def is_free(lock_path: str) -> bool:
    from filelock import FileLock, Timeout

    try:
        with FileLock(lock_path).acquire(timeout=0):
            return True
    except Timeout:
        return False


def while_playing(env: dict, home: str, minutes: float) -> None:
    """One game of `minutes`, its token expiring long after: the prelaunch processes, the watchdog's RSS and
    CPU per hour, then the launcher's Kill and how soon the account is free."""
    from prelaunch.session import watchdog

    py = sys.executable
    game = subprocess.Popen([py, "-m", "prelaunch", "wrap", "--", "/bin/sh", "-c", "exec sleep 100000",
                             "net.minecraft.client.main.Main", "--username", "Steve", "--uuid", UUID,
                             "--accessToken", mint_jwt(time.time() + 86400)], env=env, cwd=home)
    time.sleep(1.5)
    ours = []  # the Python processes of this run only (other users' or other runs' are not ours to count)
    for p in psutil.process_iter(["cmdline", "memory_info"]):
        try:
            if p.pid != os.getpid() and "prelaunch" in " ".join(p.info["cmdline"] or []) and \
                    p.environ().get("HOME") == home:
                ours.append(p)
        except psutil.Error:
            continue
    lock_path = os.path.join(home, "state", "prelaunch", "locks", f"{UUID}.lock")
    for p in ours:
        kind = "watchdog" if "prelaunch.session.watchdog" in " ".join(p.info["cmdline"]) else "OTHER"
        holds = lock_path in [f.path for f in p.open_files()]
        print(f"python process while the game runs: {kind}, holds the lock: {holds}, RSS "
              f"{p.info['memory_info'].rss / 2**20:.1f} MiB (budget: watchdog only, 15 MiB)")
    game_holds = lock_path in [f.path for f in psutil.Process(game.pid).open_files()]
    print(f"game pid {game.pid} is the launcher's child: {psutil.Process(game.pid).name()}, holds the lock: "
          f"{game_holds}")
    before = {p.pid: cpu_seconds(p.pid) for p in ours}
    time.sleep(minutes * 60)
    for p in ours:
        used = cpu_seconds(p.pid) - before[p.pid]
        print(f"CPU of pid {p.pid} over {minutes:g} min of play (waking every {watchdog.WAKE_S:g} s): "
              f"{used * 1000:.2f} ms, {used * 60 / minutes * 1000:.1f} ms per hour (budget: 1 s per hour)")
    game.kill()
    game.wait()
    killed = time.perf_counter()
    while not is_free(lock_path) and time.perf_counter() - killed < 10:
        time.sleep(0.001)
    print(f"account free {(time.perf_counter() - killed) * 1000:.1f} ms after the game was killed (SIGKILL)")


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
        while_playing(env, home, float(sys.argv[1]) if len(sys.argv) > 1 else 2.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
