"""Budget of the watchdog while the game runs (DESIGN.md, "Speed budgets"): one small process, <= 15 MiB RSS, no
more than 1 s of CPU per hour of play, its checks of the launcher's account file included; and the renewal
notice within 30 s of the launcher's write.

`measure(pid, seconds)` samples one process: its largest RSS and the CPU it used over that time. It is applied
to `bench/watchdog_standin.py`, which does a wake-up's work exactly as the watchdog calls it (wait WAKE_S on
the game's pidfd, then poll the renewal watch), for a Prism accounts.json and for a Modrinth app.db, while a
"launcher" renews another account every REWRITE_S (so every one of those wake-ups reads the file: far more
writes than a launcher makes), then renews the game's own account and times the notice. Apart from that
budget: the network verdict kept fresh (`checks/verdict.py`), whose probes run every `cache_minutes` in a
process of their own, against five HTTPS hosts on loopback; its CPU is the child's.

`run_real` measures the watchdog itself the same way: a real `prelaunch wrap` of a Prism Launcher instance,
with every duty on (the renewal watch, the game's record, a lease under `[devices]` renewed every 60 s), while
the "launcher" renews another account every REWRITE_S; then the game's own account, timed to the notice.

Run: python bench/watchdog.py [SECONDS per launcher, default 120] [WAKE_S, default 15]
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
from common import cpu_seconds, machine  # noqa: E402

from tests.helpers.builders import dashed, mint_jwt, prism_account, write_modrinth, write_prism  # noqa: E402
from tests.helpers.launcher_writes import (  # noqa: E402
    open_like_modrinth,
    renew_in_accounts_json,
    renew_in_modrinth,
)
from tests.helpers.netservers import Certificates, Server  # noqa: E402

STEVE, ALEX = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"
REWRITE_S = 20.0
SAMPLE_S = 0.5


def measure(pid: int, seconds: float, during=None) -> tuple[float, float]:
    """(largest RSS in MiB, CPU seconds used) of process `pid` over `seconds`, RSS sampled every SAMPLE_S;
    `during(elapsed)` is called at each sample (the bench's 'launcher' writes then)."""
    process = psutil.Process(pid)
    before = cpu_seconds(process.pid)
    largest, started = 0.0, time.monotonic()
    while (elapsed := time.monotonic() - started) < seconds:
        largest = max(largest, process.memory_info().rss / 2**20)
        if during is not None:
            during(elapsed)
        time.sleep(SAMPLE_S)
    used = cpu_seconds(process.pid) - before
    return max(largest, process.memory_info().rss / 2**20), used


def _standin(kind: str, path: Path, game_dir: Path, wake_s: float, env: dict) -> tuple[subprocess.Popen, ...]:
    game = subprocess.Popen(["sleep", "86400"])
    standin = subprocess.Popen([sys.executable, "-I", str(ROOT / "bench" / "watchdog_standin.py"), kind, str(path),
                                STEVE, str(game_dir), str(wake_s), str(game.pid)], env=env, stdout=subprocess.PIPE,
                               text=True, cwd=ROOT)
    assert standin.stdout.readline().strip() == "ready"
    return game, standin


def run(label: str, kind: str, path: Path, renew_other, renew_own, seconds: float, wake_s: float,
        env: dict) -> None:
    game, standin = _standin(kind, path, path.parent / "game", wake_s, env)
    writes = []

    def launcher(elapsed: float) -> None:
        if elapsed >= REWRITE_S * (len(writes) + 1):
            renew_other()
            writes.append(elapsed)

    try:
        rss, cpu = measure(standin.pid, seconds, launcher)
        renewed_at = time.time()
        renew_own()
        line = standin.stdout.readline().split()
        latency = float(line[1]) - renewed_at if line[:1] == ["renewed"] else float("nan")
    finally:
        game.kill()
        game.wait()
        standin.wait(timeout=wake_s + 30)
    print(f"{label}: RSS {rss:.1f} MiB (budget 15); CPU {cpu * 1000:.1f} ms over {seconds:.0f} s with "
          f"{len(writes)} rewrites of another account and a wake-up every {wake_s:g} s = "
          f"{cpu / seconds * 3600:.2f} s per hour (budget 1 s); the account's own renewal noticed after "
          f"{latency:.1f} s (budget 30 s)")


def run_real(home: Path, seconds: float, env: dict) -> None:
    """The real watchdog of a real wrap (its WAKE_S), every duty on but the network verdict (measured apart)."""
    from tests.builders import prism_instance
    from tests.session.helpers import watchdogs_of

    config = home / "real.toml"
    config.write_text(f'[network]\nenabled = false\n[ui]\nmode = "console"\n[devices]\nfolder = "{home}/synced"\n',
                      encoding="utf-8")
    accounts = [prism_account("Steve", STEVE, mint_jwt(time.time() + 9e4), active=True),
                prism_account("Alex", ALEX, mint_jwt(time.time() + 9e4))]
    data_dir = write_prism(home / "data" / "PrismLauncher", accounts=accounts, instances={"v": {"name": "V"}})
    path, inst = data_dir / "accounts.json", prism_instance(data_dir, "v")
    (inst / "minecraft").mkdir(parents=True, exist_ok=True)
    game = [sys.executable, str(ROOT / "tests" / "game.py"), str(home / "game.json"), "0", "86400",
            "org.prismlauncher.EntryPoint"]
    wrap = subprocess.Popen([sys.executable, "-m", "prelaunch", "wrap", "--", *game], cwd=inst / "minecraft",
                            env=dict(env, INST_DIR=str(inst), PRELAUNCH_CONFIG=str(config)),
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log = home / "state" / "prelaunch" / "log" / "prelaunch.log"
    writes: list[float] = []

    def launcher(elapsed: float) -> None:
        if elapsed >= REWRITE_S * (len(writes) + 1):
            renew_in_accounts_json(path, ALEX)
            writes.append(elapsed)

    try:
        while not (home / "game.json").exists() or not watchdogs_of(wrap.pid):
            time.sleep(0.05)
        rss, cpu = measure(watchdogs_of(wrap.pid)[0].pid, seconds, launcher)
        renewed_at = time.monotonic()
        renew_in_accounts_json(path, STEVE)
        while not (log.exists() and "renewed the sign-in" in log.read_text()) and time.monotonic() - renewed_at < 60:
            time.sleep(0.1)
        latency = time.monotonic() - renewed_at
    finally:
        wrap.kill()
        wrap.wait()
    print(f"the real watchdog (renewal watch of Prism accounts.json, game record, lease): RSS {rss:.1f} MiB "
          f"(budget 15); CPU {cpu * 1000:.1f} ms over {seconds:.0f} s with {len(writes)} rewrites of another "
          f"account = {cpu / seconds * 3600:.2f} s per hour (budget 1 s); the account's own renewal noticed after "
          f"{latency:.1f} s (budget 30 s)")


def refresh_cost(home: Path, env: dict, runs: int = 5) -> None:
    """CPU and wall time of one fresh network verdict (its own process), and per hour at the default
    `cache_minutes` (10)."""
    import json
    import resource

    certs = Certificates(home)
    hosts = [Server(cert=certs.good()) for _ in range(5)]
    config = Path(home) / "prelaunch.toml"
    config.write_text(f"[network]\nendpoints = {json.dumps([h.url() for h in hosts])}\ncontrol = \"\"\n"
                      f"ca_bundle = {json.dumps(str(certs.bundle))}\n", encoding="utf-8")

    from prelaunch.session import fresh_verdict

    saved = dict(os.environ)
    os.environ.update(env, PRELAUNCH_CONFIG=str(config))
    costs, walls = [], []
    try:
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.monotonic()
            out, _ = fresh_verdict.start_child().communicate(timeout=fresh_verdict.CHILD_WAIT_S)
            assert (fresh_verdict.read(out) or {}).get("ok")
            walls.append(time.monotonic() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            costs.append((after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime))
    finally:
        os.environ.clear()
        os.environ.update(saved)
        for host in hosts:
            host.stop()
    cost = sorted(costs)[len(costs) // 2]
    print(f"fresh network verdict (5 HTTPS hosts on loopback, its own process): median {cost * 1000:.0f} ms CPU, "
          f"{sorted(walls)[len(walls) // 2]:.2f} s wall; every 10 min: {cost * 6:.1f} s CPU per hour, outside the "
          "watchdog's own budget")


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 120.0
    wake_s = float(sys.argv[2]) if len(sys.argv) > 2 else 15.0
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, XDG_STATE_HOME=f"{home}/state", XDG_CONFIG_HOME=f"{home}/config",
                   XDG_DATA_HOME=f"{home}/data", XDG_CACHE_HOME=f"{home}/cache",
                   PYTHONPATH=str(ROOT))
        accounts = [prism_account("Steve", STEVE, mint_jwt(time.time() + 9e4), active=True),
                    prism_account("Alex", ALEX, mint_jwt(time.time() + 9e4))]
        prism = write_prism(Path(home) / "prism", accounts=accounts) / "accounts.json"
        run("Prism accounts.json", "prism", prism, lambda: renew_in_accounts_json(prism, ALEX),
            lambda: renew_in_accounts_json(prism, STEVE), seconds, wake_s, env)
        root = write_modrinth(Path(home) / "modrinth", "0.15+",
                              [(dashed(STEVE), "Steve", mint_jwt(time.time() + 9e4), True),
                               (dashed(ALEX), "Alex", mint_jwt(time.time() + 9e4), False)])
        app = open_like_modrinth(root / "app.db")
        try:
            run("Modrinth app.db (the app's connection open, WAL)", "modrinth", root / "app.db",
                lambda: renew_in_modrinth(app, ALEX), lambda: renew_in_modrinth(app, STEVE), seconds, wake_s, env)
        finally:
            app.close()
        run_real(Path(home), seconds, env)
        refresh_cost(Path(home), env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
