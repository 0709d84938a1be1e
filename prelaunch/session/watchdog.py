"""A small detached process that tells the player when the running game's token expires.

It sleeps until the expiry (zero CPU: on Linux it waits on a pidfd, so the game's exit wakes it at once),
checks the game is still the same process, tells the player once, and exits. It never holds the account's lock.
It speaks only of something new: an expiry that comes while the game runs. An expiry that had already come
when the game started was the pre-launch check's to tell (one question per launch), so no watchdog is started
for it. Where the player can see the notice: a desktop notification when one can be shown, else the launcher's
console (the watchdog writes to the game's own output, which Prism Launcher and MultiMC show in the instance
console); the log says which it was.

Started as `python -m prelaunch.session.watchdog SPEC`, SPEC being the JSON of a `Notice` plus the game's pid
and start time and the `[ui]` settings; nothing in it is secret.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time

from prelaunch import jwt

_MAX_POLL_MS = 2**31 - 1
_FALLBACK_POLL_S = 15.0
AT_START_S = 1.0  # an expiry within this of the game's start came before it (the expiry has whole seconds)
LONGEST_WAIT_S = 400 * 86400.0  # a game runs days at most; a wait longer than this is a bad setting


class Notice:
    """What the player is told when the token runs out: whose, when (`known`: the token's own expiry, else the
    configured token lifetime from the game's start), and the pre-launch check's own fixes. A plain class: the
    watchdog stays small while it waits."""

    def __init__(self, account: str, expires_at: float, known: bool, fixes: list[str]) -> None:
        self.account, self.expires_at, self.known, self.fixes = account, expires_at, known, list(fixes)

    def as_dict(self) -> dict:
        return {"account": self.account, "expires_at": self.expires_at, "known": self.known, "fixes": self.fixes}


def message(notice: Notice) -> tuple[str, str]:
    """Title and text of the expiry notice."""
    from prelaunch import timefmt
    from prelaunch.ui import inert

    who = f" ({inert.line(notice.account)})" if notice.account else ""
    if notice.known:
        first = f"Your Minecraft sign-in ran out at {timefmt.clock(notice.expires_at)}, while the game was running."
    else:
        first = "The game has now run longer than a Minecraft sign-in lasts, so it has most likely run out."
    body = " ".join((first, 'Joining an online server now fails with "Invalid session"; singleplayer still works.',
                     "Quit the game, then:"))
    body += "".join(f"\n  {number}. {inert.line(fix)}" for number, fix in enumerate(notice.fixes, 1))
    return f"Minecraft session expired{who}", body


def plan(account: str, expires_at: object, lifetime_s: float, fixes: list[str],
         now: float | None = None) -> tuple[Notice | None, str]:
    """(the notice a watchdog should give, "") or (None, why no watchdog is needed), for a game starting now."""
    now = time.time() if now is None else now
    expires_at = jwt.epoch_seconds(expires_at)
    if expires_at is None:
        if not (isinstance(lifetime_s, (int, float)) and math.isfinite(lifetime_s) and lifetime_s > 0):
            return None, "no token expiry is known and the token lifetime setting is unusable"
        return Notice(account, now + min(float(lifetime_s), LONGEST_WAIT_S), False, list(fixes)), ""
    if expires_at <= now + AT_START_S:
        from prelaunch import timefmt

        return None, (f"the token already ran out at {timefmt.clock(expires_at)}; online servers will refuse "
                      "this game until the launcher signs in again")
    return Notice(account, float(expires_at), True, list(fixes)), ""


def wait_for_exit(pid: int, timeout_s: float) -> bool:
    """True when the process exited (or was gone) within timeout_s; False when the time ran out with it still
    running. Linux waits on a pidfd (the exit wakes it at once); elsewhere psutil is asked every 15 s."""
    end = time.time() + min(timeout_s, LONGEST_WAIT_S)
    try:
        pidfd = os.pidfd_open(pid)  # type: ignore[attr-defined]  # Linux 5.3+, Python 3.9+
    except ProcessLookupError:
        return True
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
    from prelaunch.session import processes

    while (remaining := end - time.time()) > 0:
        time.sleep(min(_FALLBACK_POLL_S, remaining))
        if processes.start_time(pid) is None:
            return True
    return False


def _to_launcher_console(title: str, body: str) -> bool:
    """Write the notice to standard output, which is the game's: the launcher shows it in the instance console."""
    lines = [f"!![Warning]!prelaunch: {title}"] + [f"!![Warning]!prelaunch: {line}" for line in body.splitlines()]
    try:
        os.write(1, ("\n".join(lines) + "\n").encode("utf-8", "replace"))
        return True
    except OSError:
        return False


def tell(notice: Notice, ui_mode: str, ui_backend: str, ui_timeout: float) -> str:
    """Tell the player, and say for the log where: a desktop notification when one can be shown, else the
    launcher's console; not at all under `[ui] mode = "none"` or when neither works."""
    title, body = message(notice)
    if ui_mode == "none":
        return 'not shown: [ui] mode = "none"'
    if ui_mode in ("auto", "gui"):
        from prelaunch import ui

        for backend in ui.backends(notifying=True, preferred=ui_backend):
            try:
                if backend.notify(title, body, ui_timeout, "critical" if notice.known else "normal"):
                    return f"shown as a desktop notification ({backend.NAME})"
            except Exception:  # noqa: BLE001 - a backend that fails falls through to the next
                continue
    if _to_launcher_console(title, body):
        return "written to the launcher's console (the game's output)"
    return "not shown: no notification could be shown and the game's output is closed"


def start(pid: int, process_start: float, notice: Notice, ui_mode: str, ui_backend: str, ui_timeout: float) -> None:
    """Start the watchdog detached from the launcher (its own session; stdin and stderr on the null device,
    stdout the game's own, for the launcher console).

    It inherits no other descriptor, so never the lock: Python opens files non-inheritable, and the wrapper
    marks the lock's descriptor inheritable only after this.
    """
    spec = json.dumps({"pid": pid, "start": process_start, "notice": notice.as_dict(),
                       "ui": {"mode": ui_mode, "backend": ui_backend, "timeout": ui_timeout}})
    argv = [sys.executable, "-m", "prelaunch.session.watchdog", spec]
    if hasattr(os, "posix_spawn"):
        os.posix_spawn(sys.executable, argv, os.environ, setsid=True,
                       file_actions=[(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                                     (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
        return
    import subprocess

    subprocess.Popen(argv, stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True,
                     start_new_session=True)


def main(argv: list[str]) -> int:
    spec = json.loads(argv[0])
    pid, process_start, ui_settings = int(spec["pid"]), float(spec["start"]), spec["ui"]
    notice = Notice(**spec["notice"])
    if wait_for_exit(pid, notice.expires_at - time.time()):
        return 0
    from prelaunch.session import processes  # only now: psutil would double what the watchdog holds while it waits

    if processes.same_process(pid, process_start):
        where = tell(notice, str(ui_settings["mode"]), str(ui_settings["backend"]), float(ui_settings["timeout"]))
        from prelaunch import paths
        from prelaunch.ui import inert

        paths.append_log(inert.line(f"watchdog: the sign-in of {notice.account or 'the account'} ran out while its "
                                    f"game (pid {pid}) was running; the notice was {where}"))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Exception:  # noqa: BLE001 - a detached helper has nobody to tell; it just ends
        sys.exit(0)
