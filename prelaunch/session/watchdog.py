"""The watchdog: the one small process that stays while the game runs. It keeps the account's lock for exactly
the game's life, and tells the player when the game's token runs out.

The wrapper hands it the locked descriptor, then becomes the game with that descriptor closed (close-on-exec):
nothing the game starts can inherit the lock, so a helper that outlives the game (`sleep 300 & exec "$@"`)
never keeps the account "playing". The watchdog waits on the game's end (`exits.Watch`: a pidfd on Linux) and
ends with it, which frees the lock at once, whether the game quit, crashed or was killed by the launcher's Kill
(SIGKILL to the pid it started, which is the game's). The game stays the launcher's own child: its pid, stdin
(the launch script), output, signals and exit code are untouched. Should the watchdog itself be killed, the
holder record still names a game that runs, and `check`, `wrap` and `status` count the account as playing.

It wakes every `[session] wake_seconds` (default `WAKE_S`) at most until the token's expiry, which it reads on
the wall clock: a wait measured on the monotonic clock stops while the computer sleeps, and a laptop that slept
past the expiry would hear of it hours late. It speaks only of something new: an expiry that comes while the
game runs. An expiry that had already come when the game started was the pre-launch check's to tell (one
question per launch). Where the player can see the notice: a desktop notification when one can be shown, else the
launcher's console (the watchdog writes to the game's own output, which Prism Launcher and MultiMC show in the
instance console); the log says which it was.

Started as `python -m prelaunch.session.watchdog SPEC`, SPEC being the JSON of the game's pid and start time, a
`Notice` (or null), the `[ui]` settings and the numbers of the two descriptors it inherits (the lock, and the
pipe on which it says it is ready); nothing in it is secret.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from prelaunch import identifiers

if TYPE_CHECKING:
    import socket

    from prelaunch.config import Config
    from prelaunch.session import exits
    from prelaunch.session.duties import Duties
    from prelaunch.session.orders import DutyOrders, Launch, NoticeRecord, Orders, UiSettings

WAKE_S = 15.0  # the longest sleep before the wall clock is read again, unless the orders say (`wake_s`)
READY_WAIT_S = 3.0  # for the watchdog to take over the lock; past it the game keeps the lock itself
AT_START_S = 1.0  # an expiry within this of the game's start came before it (the expiry has whole seconds)
LONGEST_WAIT_S = 400 * 86400.0  # a game runs days at most; a wait longer than this is a bad setting


class Notice:
    """What the player is told when the token runs out: whose, when (`known`: the token's own expiry, else the
    configured token lifetime from the game's start), and the pre-launch check's own fixes. A plain class: the
    watchdog stays small while it waits."""

    def __init__(self, account: str, expires_at: float, known: bool, fixes: list[str]) -> None:
        self.account, self.expires_at, self.known, self.fixes = account, expires_at, known, list(fixes)

    def as_dict(self) -> NoticeRecord:
        return {"account": self.account, "expires_at": self.expires_at, "known": self.known, "fixes": self.fixes}


def message(notice: Notice) -> tuple[str, str]:
    """Title and text of the expiry notice."""
    from prelaunch.ui import inert, timefmt

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
    expires_at = identifiers.epoch_seconds(expires_at)
    if expires_at is None:
        if not (isinstance(lifetime_s, (int, float)) and math.isfinite(lifetime_s) and lifetime_s > 0):
            return None, "no token expiry is known and the token lifetime setting is unusable"
        return Notice(account, now + min(float(lifetime_s), LONGEST_WAIT_S), False, list(fixes)), ""
    if expires_at <= now + AT_START_S:
        from prelaunch.ui import timefmt

        return None, (f"the token already ran out at {timefmt.clock(expires_at)}; online servers will refuse "
                      "this game until the launcher signs in again")
    return Notice(account, float(expires_at), True, list(fixes)), ""


def planned(launch: Launch, config: Config, fixes: list[str]) -> Notice | None:
    """The expiry notice for the game of `launch` that starts now (`plan`); None when there is none, and then
    one console line says why. The POSIX wrapper's, and the Windows wrapper's thread's."""
    notice, why_not = plan(launch.account_name, launch.token_expires_at, config.token.lifetime_hours * 3600, fixes)
    if notice is None:
        from prelaunch import failsafe

        failsafe.say(f"!![Warning]!prelaunch: no sign-in expiry notice while playing: {why_not}.")
    return notice


def orders_for(notice: Notice | None, ui_settings: UiSettings, duties: DutyOrders | None) -> Orders:
    """The watchdog's whole orders: the duties' (`orders.for_watchdog`), the notice to give and the `[ui]`
    settings to give it with."""
    return {**(duties or {}), "notice": notice.as_dict() if notice else None, "ui": ui_settings}


def wait_for_expiry(expires_at: float, wait: Callable[[float], bool], wake: Callable[[], None] = lambda: None,
                    wake_s: float | None = None) -> bool:
    """Wait until the wall clock passes `expires_at`, reading it again every `wake_s` seconds at most (default
    `WAKE_S`, read at each call; one wait of hours on the monotonic clock would not move while the computer
    sleeps), calling `wake()` at each wake-up. `wait(seconds)` is the sleep, True when whatever it waits on ended
    first: then this returns False."""
    wake_s = WAKE_S if wake_s is None else wake_s
    while (left := expires_at - time.time()) > 0:
        if wait(min(wake_s, left)):
            return False
        wake()
    return True


def tell(notice: Notice, ui_settings: UiSettings) -> str:
    """Tell the player of the expiry (`notify.show`), and say for the log where."""
    from prelaunch.session import notify

    return notify.show(*message(notice), ui_settings,
                       "critical" if notice.known else "normal")  # critical only when the game can no longer join


class Keeper:
    """The watchdog of this process's game, started before it is told what to keep: it starts while the
    wrapper is still deciding, so the launch does not wait for a second interpreter to start. It watches this
    process (the game once exec'd) from its start and waits for its orders on a socket pair."""

    def __init__(self) -> None:
        import socket

        ours, theirs = socket.socketpair()  # both close-on-exec: the game holds neither end
        try:
            spec = json.dumps({"pid": os.getpid(), "channel": theirs.fileno()})
            os.set_inheritable(theirs.fileno(), True)
            _spawn([sys.executable, *(["-I"] if sys.flags.isolated else []), "-m", "prelaunch.session.watchdog",
                    spec], [theirs.fileno()])
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self._channel = ours

    def hand_over(self, notice: Notice | None, ui_settings: UiSettings, lock_fd: int | None,
                  duties: DutyOrders | None = None) -> bool:
        """Give the watchdog the notice to tell, its other duties' orders (`duties.Duties`) and the lock's
        descriptor to keep. True once it has said it watches the game and holds the lock; False when it did not
        within `READY_WAIT_S`, and then the caller must keep the lock itself."""
        import socket

        orders = json.dumps(orders_for(notice, ui_settings, duties)).encode()
        try:
            passed = [] if lock_fd is None else [lock_fd]
            socket.send_fds(self._channel, [orders], passed)  # type: ignore[attr-defined, unused-ignore]  # POSIX
            self._channel.shutdown(socket.SHUT_WR)
            self._channel.settimeout(READY_WAIT_S)
            return self._channel.recv(1) == b"1"
        except OSError:  # no answer in time (socket.timeout), or it ended before taking its orders
            return False
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Nothing to keep (no account, or the launch was refused): the watchdog ends without a word."""
        self._channel.close()


def _spawn(argv: list[str], passed: list[int]) -> None:
    """Start `argv` in its own session with our stdout (or the null device where ours is closed, or is only a
    placeholder we opened: never a descriptor that a file of ours could take) and the descriptors `passed`."""
    stdout_usable = _is_usable(1)
    try:
        # POSIX names: on Windows the game is watched from a thread (_wrap_windows.py)
        opened = os.POSIX_SPAWN_OPEN  # type: ignore[attr-defined, unused-ignore]
        actions = [(opened, 0, os.devnull, os.O_RDONLY, 0), (opened, 2, os.devnull, os.O_WRONLY, 0)]
        if not stdout_usable:
            actions.append((opened, 1, os.devnull, os.O_WRONLY, 0))
        os.posix_spawn(  # type: ignore[attr-defined, unused-ignore]
            sys.executable, argv, os.environ, setsid=True, file_actions=actions)
        return
    except (AttributeError, NotImplementedError):  # no posix_spawn, or no setsid in it
        pass
    import subprocess

    subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=None if stdout_usable else subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, pass_fds=passed, start_new_session=True)


def _is_usable(fd: int) -> bool:
    """Whether `fd` is a descriptor the launcher gave us (open and inheritable), not one that is closed or that
    we only hold in its place (`cli.wrap` puts the null device, close-on-exec, where the launcher gave none)."""
    try:
        return os.get_inheritable(fd)
    except OSError:
        return False


def _orders(channel: socket.socket) -> tuple[Orders | None, int | None]:
    """(the orders, the lock's descriptor or None) the wrapper sends; (None, None) when it sent none (it ended,
    or became the game without needing us). Waits as long as the wrapper takes to decide: it may be asking."""
    import socket

    data = b""
    fds: list[int] = []
    while True:
        chunk, received, _, _ = socket.recv_fds(channel, 65536, 1)  # type: ignore[attr-defined, unused-ignore]
        data, fds = data + chunk, fds + received
        if not chunk:
            break
    for extra in fds[1:]:
        os.close(extra)
    return (json.loads(data) if data else None), (fds[0] if fds else None)


def watch_game(ended: Callable[[float], bool], pid: int, orders: Orders, duties: Duties) -> None:
    """The game's life: the expiry notice when the token runs out, and the other duties at each wake-up, until
    `ended(seconds)` (the wait for the game) says the game has ended. The POSIX watchdog's, and the Windows
    wrapper's thread's."""
    notice = Notice(**told) if (told := orders.get("notice")) else None
    if notice is not None:
        if not wait_for_expiry(notice.expires_at, ended, duties.wake, duties.wake_s):
            return
        _tell_at_expiry(pid, notice, orders["ui"])
    while duties.busy and not ended(duties.wake_s):
        duties.wake()


def _tell_at_expiry(pid: int, notice: Notice, ui_settings: UiSettings) -> None:
    where = tell(notice, ui_settings)
    from prelaunch import paths
    from prelaunch.ui import inert

    paths.append_log(inert.line(f"watchdog: the sign-in of {notice.account or 'the account'} ran out while its "
                                f"game (pid {pid}) was running; the notice was {where}"))


def _until_the_game_ends(watch: exits.Watch) -> None:
    """Hold on (and so keep the lock) until the game has ended, whatever fails meanwhile."""
    while True:
        try:
            if watch.wait(None):
                return
        except Exception:  # noqa: BLE001 - then the process table says when the game has ended
            watch.fall_back()
            time.sleep(1.0)


def main(argv: list[str]) -> int:
    import socket

    from prelaunch.session import exits

    spec = json.loads(argv[0])
    pid = int(spec["pid"])
    channel = socket.socket(fileno=int(spec["channel"]))
    watch = exits.Watch(pid)
    if watch.gone or os.getppid() != pid:  # the wrapper ended before we could watch it: nothing to keep
        return 0
    orders, _lock = _orders(channel)  # open until this process ends, close-on-exec (not for the dialogs it starts)
    if orders is None:
        return 0
    from prelaunch.session.duties import Duties

    # before the game starts: the sign-in and the log as they were then
    duties = Duties(orders, float(orders.get("wake_s") or WAKE_S))
    channel.send(b"1")
    channel.close()
    duties.start()
    try:
        watch_game(watch.wait, pid, orders, duties)
    except Exception:  # noqa: BLE001 - the notice is lost, never the lock
        pass
    _until_the_game_ends(watch)
    duties.end()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Exception:  # noqa: BLE001 - a detached helper has nobody to tell; it just ends
        sys.exit(0)
