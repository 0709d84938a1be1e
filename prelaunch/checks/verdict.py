"""A network verdict kept fresh while a game runs: every `[network] cache_minutes` the watchdog has the sign-in
hosts and the clock probed again exactly as `check` probes them (the network check itself: same endpoints,
timeout and deadline), so a healthy result is remembered and the next launch within that time waits on
nothing, and a bad one (an outage began, the clock jumped) drops the remembered result, so the next launch
probes again and says so. The verdict itself is the watchdog's to note for the game's record; nothing here
speaks to the player.

The probes need `requests`, which would more than double the watchdog's memory: they run in a process of their
own (`python -m prelaunch.checks.verdict`, started by `session/fresh_verdict.py`), which prints one JSON line and
ends.
"""

from __future__ import annotations

import json
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prelaunch.config import Config
    from prelaunch.session.fresh_verdict import Verdict


def refresh(config: Config | None = None) -> Verdict | None:
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


def main() -> int:
    verdict = refresh()
    print(json.dumps(verdict), flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # noqa: BLE001 - a helper process: its caller reads no verdict, and nothing else happens
        sys.exit(0)
