"""The watchdog's work while the game runs, for bench/watchdog.py: the watchdog's own module imported, the
renewal watch of the account and the session's last-game record started, what starting a fresh network verdict
imports (it runs in a process of its own every `cache_minutes`; from the first one on, the watchdog holds
`subprocess`), then a wait of WAKE_S seconds on the game's end (a pidfd, as the watchdog waits) and one renewal
poll, again and again until the game ends.

usage: watchdog_standin.py KIND FILE UUID GAME_DIR WAKE_S GAME_PID
Prints "ready" once started, "renewed <epoch seconds>" when it sees the account renewed.
"""

from __future__ import annotations

import os
import select
import sys
import time


def main() -> int:
    kind, path, uuid, game_dir, wake_s, game_pid = sys.argv[1:7]
    import subprocess  # noqa: F401 - what fresh_verdict.start_child() imports at the first fresh verdict

    import prelaunch.session.watchdog  # noqa: F401 - what the watchdog process holds anyway
    from prelaunch.checks import verdict  # noqa: F401
    from prelaunch.session import last_game, renewal

    watch = renewal.Watch(kind, path, uuid)
    last_game.Game(uuid, "Steve", kind, "V", game_dir)
    print("ready", flush=True)
    pidfd = os.pidfd_open(int(game_pid))
    poller = select.poll()
    poller.register(pidfd, select.POLLIN)
    while not poller.poll(int(float(wake_s) * 1000)):
        if watch.poll():
            print(f"renewed {time.time():.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
