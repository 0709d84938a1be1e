"""A game's lease from its start to its end, on this computer: written when the game starts, renewed at each
heartbeat while it runs (reading the other computers' leases of the same account at the same time, to tell the
player at once when the account starts on another computer), and released when it ends. See `devices` for the
folder and `lease` for the record.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from prelaunch import fileio
from prelaunch.session import deviceid
from prelaunch.session.devices import FILE_CAP, Scan, make_folder, scan, write
from prelaunch.session.lease import FRESH, PLAYING, RELEASED, Lease, encode, judge

HEARTBEAT_S = 60.0  # how often a running game's lease is renewed


def new_lease(device: str, computer: str, account: str, account_name: str, instance: str, launcher: str,
              started_at: float, clock_offset: float | None) -> Lease:
    """A game's lease as it starts; `account` is the account's id (`lease.account_id` of its UUID)."""
    return Lease(device, computer, account, account_name, instance, launcher, started_at, started_at,
                 clock_offset, PLAYING)


@dataclass
class Beat:
    """What one heartbeat learned: the other computers' fresh games of this account, those among them that
    started since the last heartbeat, and what went wrong (a line each)."""

    elsewhere: list[Lease] = field(default_factory=list)
    started: list[Lease] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class Keeper:
    """The lease of one game on this computer from its start to its end, as the watchdog keeps it
    (`duties.Duties`): `start` as the game starts, `beat` every HEARTBEAT_S while it runs and `release` when it
    ends. Every step returns what it learned, and a folder or file that cannot be used is a line in it, never
    an exception: the game matters more than its lease.

    `account` is the account's id (`lease.account_id` of its UUID: the launch computes it, so the process that
    keeps the lease never holds the UUID nor loads a hash library); `clock` is this computer's clock (epoch
    seconds); `own_offset` how far it is ahead of true time, as the network check measured it (None: unknown);
    `state_dir` holds the device id (prelaunch's state dir)."""

    def __init__(self, folder: str, computer: str, account: str, account_name: str, instance: str, launcher: str,
                 stale_s: float, own_offset: float | None, clock: Callable[[], float] = time.time,
                 state_dir: str | None = None) -> None:
        self.folder, self.stale_s, self.clock, self.state_dir = folder, stale_s, clock, state_dir
        if own_offset is not None and not math.isfinite(own_offset):
            own_offset = None  # the other computers would take the whole file for damaged
        self.lease = new_lease("", computer, account, account_name, instance, launcher, clock(), own_offset)
        self.known: set[tuple[str, float]] = set()  # the other computers' games already seen
        self.written = b""  # what this keeper last wrote into its file

    def start(self) -> Beat:
        problems = self._ready()
        if problems:
            return Beat(problems=problems)
        beat = self._beat(self.lease.started_at)
        beat.started = []  # games already there at the start were the pre-launch check's to tell
        return beat

    def beat(self) -> Beat:
        """One heartbeat; a lease that could not start at the game's start starts now."""
        problems = [] if self.lease.device else self._ready()
        return Beat(problems=problems) if problems else self._beat(self.clock())

    def release(self) -> list[str]:
        """End the lease (the game has ended); the lines of what went wrong."""
        return self._write(self.lease.beat(self.clock(), RELEASED)) if self.lease.device else []

    def _ready(self) -> list[str]:
        """This computer's id and the folder; the lines of what went wrong."""
        try:
            self.lease = replace(self.lease, device=deviceid.get(self.state_dir))
            make_folder(self.folder)
        except OSError as exc:
            self.lease = replace(self.lease, device="")
            return [f"the lease cannot be written ({exc.strerror or type(exc).__name__})"]
        return []

    def _beat(self, now: float) -> Beat:
        beat = Beat()
        try:
            found = scan(self.folder, self.lease.device, self.lease.account_id)
        except OSError as exc:
            found = Scan(skipped=[f"the folder cannot be read ({exc.strerror or type(exc).__name__})"])
        beat.problems += found.skipped
        if any(self._written_elsewhere(lease) for lease in found.own):
            beat.problems += self._renew_id()
        beat.problems += self._write(self.lease.beat(now))
        for lease in found.leases:
            if lease.state == PLAYING and judge(lease, now, self.lease.clock_offset, self.stale_s)[0] == FRESH:
                beat.elsewhere.append(lease)
                if (lease.device, lease.started_at) not in self.known:
                    beat.started.append(lease)
                    self.known.add((lease.device, lease.started_at))
        return beat

    def _written_elsewhere(self, lease: Lease) -> bool:
        """Whether a copy of this computer's own file holds another game playing, with a heartbeat from well
        after this game started: another computer writes under this computer's id (its id was copied, with a
        disk or a backup). A copy of this game's own writing, or of an earlier game here, is no sign of that (a
        sync engine may make conflict copies of a file with one writer); HEARTBEAT_S covers this computer's own
        release of its previous game and a change in the measured clock offset since then, and a released
        lease ends no game (a clock set back since an earlier game dates its release after this game's start)."""
        return lease.state == PLAYING and lease.started_at != self.lease.started_at and (
            lease.true_time(lease.heartbeat_at) > self.lease.true_time(self.lease.started_at) + HEARTBEAT_S)

    def _renew_id(self) -> list[str]:
        """Another computer writes this one's files (its id was copied): take a new id, and end the lease in
        the old file when that file still holds what this keeper wrote."""
        old = self.lease
        try:
            self.lease = replace(old, device=deviceid.renew(old.device, self.state_dir))
        except OSError as exc:
            return [f"this computer's id is shared with another computer and could not be renewed "
                    f"({exc.strerror or type(exc).__name__})"]
        problems = ["this computer's id was shared with another computer (a copied disk?): it has a new one"]
        try:
            held = fileio.read(os.path.join(self.folder, old.file_name()), FILE_CAP, follow_symlinks=False)
        except OSError:
            held = b""
        mine = bool(self.written) and held == self.written
        if mine:
            problems += self._write(old.beat(self.clock(), RELEASED), keep=False)
        return problems

    def _write(self, lease: Lease, keep: bool = True) -> list[str]:
        """Write `lease`; `keep`: it is this keeper's lease from now on."""
        try:
            write(self.folder, lease)
        except OSError as exc:
            return [f"the lease could not be written ({exc.strerror or type(exc).__name__})"]
        if keep:
            self.lease, self.written = lease, encode(lease)
        return []


def started_message(lease: Lease) -> tuple[str, str]:
    """Title and text of the notice that the account was just started on another computer."""
    who = lease.account_name or "This account"
    return (f"{who} started on {lease.computer or 'another computer'}",
            f"{who} was just started on {lease.computer or 'another computer'}: this game's online session will "
            "end.")
