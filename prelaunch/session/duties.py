"""What the watchdog does for the game beside the expiry notice, at each of its wake-ups and at the game's end:
the renewal watch (issue 19: the launcher renewing the running account ends the game's online session; the
player is told at once, once per renewal), the game's record (`last_game`: the game's start noted, the
record concluded when it ends), and under `[devices]` the game's lease (`leasekeeper`: started with the game,
renewed every `heartbeat_s` with the other computers' leases read, released when it ends; the player is told
when the account starts on another computer), and every `[network] cache_minutes` a fresh network verdict
(`checks.verdict`, probed in a process of its own so that this one stays small; noted in the game's record,
never shown mid-game).

Its orders come from the wrapper, which knows the launch: `game` (the `last_game.Game` fields), `renewal`
(`{"kind", "path"}` of `renewal.find_source`), `lease` (the `leasekeeper.Keeper` arguments and
`heartbeat_s`) and `verdict_every_s`. Nothing here raises: the watchdog holds on to the game whatever
fails, and a duty that fails is dropped with one line in the log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

    from prelaunch.session.last_game import Game
    from prelaunch.session.leasekeeper import Keeper
    from prelaunch.session.orders import LeaseOrders, Orders, UiSettings
    from prelaunch.session.renewal import Watch


def _log(line: str) -> None:
    from prelaunch import paths
    from prelaunch.ui import inert

    try:
        paths.append_log(inert.line(f"watchdog: {line}"))
    except Exception:  # noqa: BLE001 - a log that cannot be written loses the line, not the game
        pass


class Duties:
    """The watchdog's duties for one game, from its orders."""

    def __init__(self, orders: Orders, wake_s: float) -> None:
        self.ui: UiSettings = orders.get("ui") or {"mode": "none", "backend": "", "timeout": 0}
        self.wake_s = wake_s
        spec = orders.get("game", {})
        self.account, self.launcher = str(spec.get("account") or ""), str(spec.get("launcher") or "")
        self.game: Game | None = None
        self.renewal: Watch | None = None
        self._renewal_spec = orders.get("renewal", {})
        if spec.get("uuid"):
            try:
                from prelaunch.session.last_game import Game

                self.game = Game(**spec)
            except Exception as exc:  # noqa: BLE001
                _log(f"the game's record will not be kept ({type(exc).__name__})")
        if self._renewal_spec and spec.get("uuid"):
            self.renewal = self._new_watch(str(spec["uuid"]))
        self.lease: Keeper | None = None
        self.heartbeat_s = 0.0
        self._beat_at = 0.0
        self._noted: set[str] = set()
        self._lease_orders = orders.get("lease")
        self.verdict_every_s = float(orders.get("verdict_every_s") or 0)
        self._probe: subprocess.Popen[bytes] | None = None  # the probing process while it runs
        self._probe_at = 0.0
        if self.verdict_every_s > 0:
            import time

            self._probe_at = time.monotonic()  # the pre-launch check has just probed
            self.wake_s = min(self.wake_s, self.verdict_every_s)

    def start(self) -> None:
        """Put up the game's lease, once the launch has gone on: the synced folder may be slow, and the game
        never waits on it."""
        if self._lease_orders:
            self._start_lease(self._lease_orders)

    @property
    def busy(self) -> bool:
        """Whether anything needs the wake-ups once the expiry is past."""
        return self.renewal is not None or self.lease is not None or self.verdict_every_s > 0

    def _start_lease(self, spec: LeaseOrders) -> None:
        import time

        try:
            from prelaunch.session import leasekeeper

            self.heartbeat_s = float(spec.get("heartbeat_s", leasekeeper.HEARTBEAT_S))
            self.lease = leasekeeper.Keeper(
                folder=spec["folder"], computer=spec["computer"], account=spec["account"],
                account_name=spec["account_name"], instance=spec["instance"], launcher=spec["launcher"],
                stale_s=spec["stale_s"], own_offset=spec["own_offset"], state_dir=spec["state_dir"])
            self._note(self.lease.start().problems)
        except Exception as exc:  # noqa: BLE001
            _log(f"the game's lease will not be kept ({type(exc).__name__})")
            self.lease = None
            return
        self._beat_at = time.monotonic()
        self.wake_s = min(self.wake_s, self.heartbeat_s)

    def _note(self, problems: list[str]) -> None:
        for line in problems:
            if line not in self._noted:
                self._noted.add(line)
                _log(f"lease: {line}")

    def _new_watch(self, uuid: str) -> Watch | None:
        try:
            from prelaunch.session import renewal

            return renewal.Watch(str(self._renewal_spec["kind"]), str(self._renewal_spec["path"]), uuid)
        except Exception as exc:  # noqa: BLE001
            _log(f"renewals of the sign-in will not be seen ({type(exc).__name__})")
            return None

    def wake(self) -> None:
        """One wake-up's work: cheap when nothing changed (a `stat` of the launcher's file)."""
        try:
            self._see_renewal()
        except Exception as exc:  # noqa: BLE001
            _log(f"the renewal watch failed ({type(exc).__name__}); it stops")
            self.renewal = None
        try:
            self._heartbeat()
        except Exception as exc:  # noqa: BLE001
            _log(f"the lease's heartbeat failed ({type(exc).__name__})")
        try:
            self._fresh_verdict()
        except Exception as exc:  # noqa: BLE001
            _log(f"the network could not be probed again ({type(exc).__name__})")
            self._probe = None

    def _fresh_verdict(self) -> None:
        """Start the probing process when it is time, and take its verdict once it has ended (at a later
        wake-up: the watchdog never waits on the network)."""
        import time

        if self.verdict_every_s <= 0:
            return
        from prelaunch.session import fresh_verdict as verdict

        if self._probe is None:
            if time.monotonic() - self._probe_at >= self.verdict_every_s - 0.5:
                self._probe_at = time.monotonic()
                self._probe = verdict.start_child()
            return
        if self._probe.poll() is None:
            if time.monotonic() - self._probe_at > verdict.CHILD_WAIT_S:
                self._probe.kill()
                self._probe.wait()
                self._probe = None
            return
        probe, self._probe = self._probe, None
        found = verdict.read(probe.communicate()[0])  # it has ended: its output is there, and the pipe is closed
        if found is None:
            return
        if self.game is not None:
            self.game.note_verdict(found["ok"], found["at"])
        if not found["ok"]:
            _log("the network went bad while the game ran (noted for the next launch): "
                 + "; ".join(found["problems"]))

    def _heartbeat(self) -> None:
        import time

        if self.lease is None or time.monotonic() - self._beat_at < self.heartbeat_s - 0.5:
            return
        self._beat_at = time.monotonic()
        beat = self.lease.beat()
        self._note(beat.problems)
        if beat.started:
            from prelaunch.session import leasekeeper, notify

            for lease in beat.started:
                where = notify.show(*leasekeeper.started_message(lease), self.ui)
                _log(f"{lease.account_name or 'the account'} started on {lease.computer or 'another computer'} "
                     f"while its game ran here; the notice was {where}")

    def _see_renewal(self) -> None:
        watch = self.renewal
        if watch is None or not watch.poll() or watch.seen_at is None:
            return
        from prelaunch.session import notify, renewal

        where = notify.show(*renewal.message(self.account, self.launcher, watch.seen_at), self.ui)
        _log(f"the launcher renewed the sign-in of {self.account or 'the account'} while its game ran; the notice "
             f"was {where}")
        if self.game is not None and self.game.renewed_at is None:
            self.game.renewed_at = watch.seen_at
        self.renewal = self._new_watch(watch.uuid)  # from this sign-in on: each renewal is told once

    def end(self) -> None:
        """The game has ended: release its lease, keep its record."""
        if self._probe is not None:
            self._probe.kill()
            self._probe.wait()
        if self.lease is not None:
            try:
                self._note(self.lease.release())
            except Exception as exc:  # noqa: BLE001
                _log(f"the game's lease could not be released ({type(exc).__name__})")
        if self.game is None:
            return
        try:
            self.game.conclude()
        except Exception as exc:  # noqa: BLE001
            _log(f"the game's record could not be kept ({type(exc).__name__})")
