"""A sync engine for tests: keeps the folders of several "computers" in step on one machine, the way a real one
does it badly. Changes travel after a delay drawn for each (so they arrive out of order), some are dropped and
only resent at the next full scan, a delivery is written through the engine's own temporary file and a rename
(sometimes leaving the temporary behind), and a file changed on two sides becomes a conflict copy in the
engine's own naming (reference: auth.md section 12). With `spurious_conflicts` it also keeps the replaced
content of a delivered file as a conflict copy now and then, as engines do after a restore or a crash.

It runs on a virtual clock: the test calls `step(now)` with the time of its own clock. A change of one file is
never undone by an older change of it arriving later (engines keep version vectors); files changed on both
sides keep the later change and the other becomes the conflict copy, on both sides.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ENGINES = ("syncthing", "nextcloud", "dropbox", "onedrive")


def conflict_name(name: str, engine: str, computer: str, when: float) -> str:
    """The name `engine` gives a conflict copy of `name` made on `computer` at `when`."""
    stem, ext = os.path.splitext(name)
    moment = datetime.fromtimestamp(when, timezone.utc)
    if engine == "syncthing":  # NAME.sync-conflict-DATE-TIME-DEVICE.EXT (the short id of the winning device)
        return f"{stem}.sync-conflict-{moment:%Y%m%d-%H%M%S}-{computer.upper()[:7]:X<7}{ext}"
    if engine == "nextcloud":
        return f"{stem} (conflicted copy {moment:%Y-%m-%d %H%M%S}){ext}"
    if engine == "dropbox":
        return f"{stem} ({computer}'s conflicted copy {moment:%Y-%m-%d}){ext}"
    if engine == "onedrive":  # the machine name appended
        return f"{stem}-{computer}{ext}"
    raise ValueError(engine)


def temporary_name(name: str, engine: str, rng: random.Random) -> str:
    """The name of `engine`'s temporary file while it downloads `name`."""
    if engine == "syncthing":
        return f".syncthing.{name}.tmp"
    if engine == "nextcloud":  # .NAME.~8 hex digits (the desktop client's createDownloadTmpFileName)
        return f".{name}.~{rng.getrandbits(32):08x}"
    if engine == "dropbox":
        return f".~{name}.dropbox-tmp"
    return f"~{name}.onedrive-tmp"


Vector = dict  # computer -> how many changes of the file it made: which changes a version has seen


def _covers(a: Vector, b: Vector) -> bool:
    """Whether version `a` has seen every change `b` has."""
    return all(a.get(computer, 0) >= count for computer, count in b.items())


@dataclass
class _Delivery:
    due: float
    target: str
    name: str
    data: bytes
    vector: Vector
    changed_at: float  # virtual time of the change it carries (of two concurrent changes the later wins)
    origin: str  # the computer that made it (the tie-break between two changes at one moment)


class TestSync:
    """Keeps `folders` (computer name -> folder) in step; `delay` is the (shortest, longest) travel time in
    seconds, `drop` the share of deliveries lost and resent `rescan_s` later."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self, folders: dict[str, Path], engine: str = "syncthing", delay: tuple[float, float] = (1, 10),
                 drop: float = 0.2, rescan_s: float = 30.0, leftover_temporaries: float = 0.2,
                 spurious_conflicts: float = 0.0, seed: int = 1) -> None:
        self.folders = {name: Path(folder) for name, folder in folders.items()}
        self.engine, self.delay, self.drop, self.rescan_s = engine, delay, drop, rescan_s
        self.leftover_temporaries, self.spurious_conflicts = leftover_temporaries, spurious_conflicts
        self.rng = random.Random(seed)
        self.known: dict[tuple[str, str], bytes] = {}  # (computer, file) -> the content the engine knows there
        # (computer, file) -> (version vector, time of its change, the computer that made it)
        self.held: dict[tuple[str, str], tuple[Vector, float, str]] = {}
        self.pending: list[_Delivery] = []
        self.delivered = self.dropped = self.conflicts = 0
        for folder in self.folders.values():
            folder.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def carried(name: str) -> bool:
        """Files the engine carries: not its own temporaries."""
        return not (name.startswith((".syncthing.", ".~", "~")) or ".~" in name)

    def _scan(self, now: float) -> None:
        for computer, folder in self.folders.items():
            for path in sorted(folder.iterdir()):
                if not path.is_file() or not self.carried(path.name):
                    continue
                data = path.read_bytes()
                if self.known.get((computer, path.name)) == data:
                    continue
                vector = dict(self.held.get((computer, path.name), ({}, 0.0, ""))[0])
                vector[computer] = vector.get(computer, 0) + 1
                self._changed(computer, path.name, data, (vector, now, computer), now)

    def _changed(self, computer: str, name: str, data: bytes, version: tuple[Vector, float, str], now: float,
                 ) -> None:
        """`computer` holds a new version of `name`: send it to every other computer."""
        self.known[(computer, name)] = data
        self.held[(computer, name)] = version
        for target in self.folders:
            if target != computer:
                delivery = _Delivery(now + self.rng.uniform(*self.delay), target, name, data, dict(version[0]),
                                     version[1], version[2])
                if self.rng.random() < self.drop:
                    self.dropped += 1
                    delivery.due += self.rescan_s  # lost on the way; the next full scan sends it again
                self.pending.append(delivery)

    def step(self, now: float) -> None:
        """Pick up changes made up to `now` and deliver what has arrived by then, earliest first."""
        self._scan(now)
        due = sorted((d for d in self.pending if d.due <= now), key=lambda d: d.due)
        self.pending = [d for d in self.pending if d.due > now]
        for delivery in due:
            self._deliver(delivery, now)

    def settle(self, now: float) -> float:
        """Deliver everything pending (as if the engines had all the time they need); returns the virtual time
        the last delivery arrived."""
        self.step(now)
        while self.pending:
            now = max(now, min(d.due for d in self.pending))
            self.step(now)
        return now

    def _deliver(self, d: _Delivery, now: float) -> None:
        path = self.folders[d.target] / d.name
        vector, changed_at, origin = self.held.get((d.target, d.name), ({}, 0.0, ""))
        if _covers(vector, d.vector):
            return  # a change this computer has already seen (or an older one arriving late)
        current = path.read_bytes() if path.exists() else None
        incoming = (d.vector, d.changed_at, d.origin)
        if _covers(d.vector, vector) or current is None:  # a later version of what is here
            if current is not None and self.rng.random() < self.spurious_conflicts:
                self._conflict(d.target, conflict_name(d.name, self.engine, d.origin, now), current)
            self._apply(d.target, d.name, d.data, incoming)
            return
        # changed on both sides: the later change wins on both, the other is kept as a conflict copy named by
        # the winner and the loser's change (the same name on both sides), which then travels like any file
        merged = {c: max(vector.get(c, 0), d.vector.get(c, 0)) for c in {*vector, *d.vector}}
        if current == d.data:
            self.held[(d.target, d.name)] = (merged, *max((changed_at, origin), (d.changed_at, d.origin)))
            return
        if (d.changed_at, d.origin) > (changed_at, origin):
            self._conflict(d.target, conflict_name(d.name, self.engine, d.origin, changed_at), current)
            self._apply(d.target, d.name, d.data, (merged, d.changed_at, d.origin))
        else:
            self._conflict(d.target, conflict_name(d.name, self.engine, origin, d.changed_at), d.data)
            self._changed(d.target, d.name, current, (merged, changed_at, origin), now)  # the winner goes back

    def _conflict(self, computer: str, name: str, data: bytes) -> None:
        """Keep `data` on `computer` as the engine's conflict copy `name`."""
        self.conflicts += 1
        (self.folders[computer] / name).write_bytes(data)

    def _apply(self, computer: str, name: str, data: bytes, version: tuple[Vector, float, str]) -> None:
        """Write a delivered version the way engines do: their temporary file, then a rename."""
        path = self.folders[computer] / name
        staging = path.with_name(temporary_name(name, self.engine, self.rng))
        staging.write_bytes(data)
        if self.rng.random() < self.leftover_temporaries:
            path.write_bytes(data)  # a crash between the download and the rename leaves the temporary behind
        else:
            os.replace(staging, path)
        self.known[(computer, name)] = data
        self.held[(computer, name)] = version
        self.delivered += 1
