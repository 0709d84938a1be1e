"""A network verdict kept fresh while a game runs: every `[network] cache_minutes` the watchdog has the sign-in
hosts and the clock probed again exactly as `check` probes them (the network check itself: same endpoints,
timeout and deadline), so a healthy result is remembered and the next launch within that time waits on
nothing, and a bad one (an outage began, the clock jumped) drops the remembered result, so the next launch
probes again and says so. The verdict itself is the watchdog's to note for the game's record; nothing here
speaks to the player.

The probes need `requests`, which would more than double the watchdog's memory: `in_child()` runs them in a
process of its own (`python -m prelaunch.checks.verdict`), which prints one JSON line and ends.
"""

from __future__ import annotations

import json
import sys
import time

CHILD_WAIT_S = 45.0  # the longest deadline the configuration allows (30 s), the start-up and the judging


def refresh(config=None) -> dict | None:
    """Probe now, remember a healthy result, forget a bad one. {"at", "ok", "problems": [titles]}, or None when
    the network check is off or has no endpoints."""
    from prelaunch import config as config_module
    from prelaunch.checks import network

    config = config_module.load() if config is None else config
    if not config.network.enabled or not config.network.endpoints:
        return None
    findings = network.start(config, use_cache=False).collect()
    problems = [f.title for f in findings if f.rank >= 2]
    return {"at": time.time(), "ok": not problems, "problems": problems}


def in_child(wait_s: float = CHILD_WAIT_S) -> dict | None:
    """`refresh()` in a process of its own: its verdict, or None when there is none (network check off, the
    process failed or did not answer within `wait_s`)."""
    import subprocess

    try:
        done = subprocess.run([sys.executable, "-m", "prelaunch.checks.verdict"], stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=wait_s, check=False)
        verdict = json.loads(done.stdout.decode("utf-8", "replace").strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None
    if not isinstance(verdict, dict) or not isinstance(verdict.get("ok"), bool):
        return None
    return verdict


def main() -> int:
    verdict = refresh()
    print(json.dumps(verdict), flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # noqa: BLE001 - a helper process: its caller reads no verdict, and nothing else happens
        sys.exit(0)
