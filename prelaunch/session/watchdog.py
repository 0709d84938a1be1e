"""A small detached process that tells the player when the running game's token expires.

It sleeps until the expiry (zero CPU: on Linux it waits on a pidfd, so the game's exit wakes it at once),
checks the game is still the same process, notifies once, and exits. It never holds the account's lock.
Started as `python -m prelaunch.watchdog PID START DEADLINE ACCOUNT UI_MODE UI_BACKEND UI_TIMEOUT`.
"""

from __future__ import annotations

import os
import sys
import time

from prelaunch.config import UiConfig
from prelaunch.session import processes as procinfo

_MAX_POLL_MS = 2**31 - 1
_FALLBACK_POLL_S = 15.0


def wait_for_exit(pid: int, timeout_s: float) -> bool:
    """True when the process exited within timeout_s; False when the time ran out with it still running."""
    end = time.time() + timeout_s
    try:
        pidfd = os.pidfd_open(pid)  # type: ignore[attr-defined]  # Linux 5.3+, Python 3.9+
    except (AttributeError, OSError):
        pidfd = None
    if pidfd is not None:
        import select

        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        try:
            while (remaining := end - time.time()) > 0:
                if poller.poll(min(_MAX_POLL_MS, int(remaining * 1000) + 1)):
                    return True
            return False
        finally:
            os.close(pidfd)
    while (remaining := end - time.time()) > 0:
        time.sleep(min(_FALLBACK_POLL_S, remaining))
        if procinfo.start_time(pid) is None:
            return True
    return False


def message(account: str, deadline: float) -> tuple[str, str]:
    from prelaunch import timefmt

    title = f"Minecraft session expired ({account})" if account else "Minecraft session expired"
    body = (f"Your session expired at {timefmt.clock(deadline)}. Joining an online server now fails with "
            "\"Invalid session\". Quit the game and launch it again from the launcher.")
    return title, body


def start(pid: int, process_start: float, deadline: float, account: str, ui: "UiConfig") -> None:
    """Start the watchdog detached from the launcher (its own session, stdio on the null device).

    It inherits no other descriptor, so never the lock: Python opens files non-inheritable, and the wrapper
    marks the lock's descriptor inheritable only after this. posix_spawn, because importing subprocess costs
    a third of the wrapper's budget.
    """
    argv = [sys.executable, "-m", "prelaunch.session.watchdog", str(pid), str(process_start), str(deadline), account,
            ui.mode, ui.backend, str(ui.timeout)]
    if hasattr(os, "posix_spawn"):
        null = os.devnull
        os.posix_spawn(sys.executable, argv, os.environ, setsid=True,
                       file_actions=[(os.POSIX_SPAWN_OPEN, 0, null, os.O_RDONLY, 0),
                                     (os.POSIX_SPAWN_OPEN, 1, null, os.O_WRONLY, 0),
                                     (os.POSIX_SPAWN_OPEN, 2, null, os.O_WRONLY, 0)])
        return
    import subprocess

    subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     close_fds=True, start_new_session=True)


def main(argv: list[str]) -> int:
    pid, process_start, deadline, account = int(argv[0]), float(argv[1]), float(argv[2]), argv[3]
    ui_mode, ui_backend, ui_timeout = argv[4], argv[5], float(argv[6])
    time.sleep(0.05)  # let the wrapper exec the game first: the pid is the same, the start time too
    if not procinfo.same_process(pid, process_start):
        return 0
    if wait_for_exit(pid, deadline - time.time()):
        return 0
    if procinfo.same_process(pid, process_start):
        from prelaunch import ui

        title, body = message(account, deadline)
        ui.notify(title, body, mode=ui_mode, timeout=ui_timeout, backend_name=ui_backend)
        from prelaunch import paths

        paths.append_log(f"watchdog: told the player that the session of {account or 'the account'} expired "
                         f"(pid {pid})")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Exception:  # noqa: BLE001 - a detached helper has nobody to tell; it just ends
        sys.exit(0)
