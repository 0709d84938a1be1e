"""The lease one computer keeps in the folder the player syncs between computers: the record, its file name,
its bytes, and whether it is fresh, judged on one time base.

One file per computer and account, written by that computer only, so no two computers ever write one file and a
sync engine has nothing to merge. A file name is `prelaunch-<device id>-<account id>.json`; anything a sync
engine puts between that stem and `.json` marks a conflict copy of it (`.sync-conflict-…` of Syncthing,
` (conflicted copy …)` of Nextcloud, ` (HOST's conflicted copy …)` of Dropbox, `-HOST` of OneDrive), and any
other name (a sync engine's temporary file, the player's own files) is none of prelaunch's.

What a lease holds: the account's name and an id derived from its UUID (never a token), the computer's name,
the instance and launcher, when the game started, its last heartbeat, the computer's clock offset as the
network check measured it, and whether it is still playing.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import asdict, dataclass, replace

PLAYING, RELEASED = "playing", "released"
FORMAT = "prelaunch-lease"
VERSION = 1
TEXT_CAP = 100  # characters of a name kept from another computer's file: a name, not a document
_UNSHOWN = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
_NAME = re.compile(r"prelaunch-([0-9a-f]{16})-([0-9a-f]{16})(.*)\.json", re.DOTALL)

# what a lease says about the game it stands for, judged on one time base
FRESH, STALE, UNCLEAR, ENDED = "fresh", "stale", "clock unclear", "released"


def account_id(uuid: str) -> str:
    """The id the files use for an account: the same on every computer, and not the UUID itself."""
    import hashlib  # not in the watchdog's 15 MiB: the launch computes the id and hands it over

    return hashlib.sha256(f"prelaunch account {uuid}".encode()).hexdigest()[:16]


def file_name(device: str, account: str) -> str:
    return f"prelaunch-{device}-{account}.json"


def parse_name(name: str) -> tuple[str, str, str] | None:
    """(device id, account id, conflict mark) of a lease file's name ("" for the file itself, else what a sync
    engine added for a conflict copy); None for any other name."""
    found = _NAME.fullmatch(name)
    return (found.group(1), found.group(2), found.group(3)) if found else None


@dataclass(frozen=True)
class Lease:
    """One game of one account on one computer. Times are epoch seconds by that computer's own clock;
    `clock_offset` is how far that clock was ahead of true time (negative: behind), None when unmeasured."""

    device: str
    computer: str
    account_id: str
    account_name: str
    instance: str
    launcher: str
    started_at: float
    heartbeat_at: float
    clock_offset: float | None
    state: str = PLAYING

    def file_name(self) -> str:
        return file_name(self.device, self.account_id)

    def beat(self, now: float, state: str = PLAYING) -> Lease:
        return replace(self, heartbeat_at=now, state=state)

    def true_time(self, moment: float) -> float:
        """A moment of this lease's clock on the time base every computer shares."""
        return moment - (self.clock_offset or 0.0)

    def newer_than(self, other: Lease) -> bool:
        """Of two copies of one computer's file: the later heartbeat (on the shared time base: two computers
        may have written it when one's id was copied to the other), a release on a tie."""
        return ((self.true_time(self.heartbeat_at), self.state == RELEASED)
                > (other.true_time(other.heartbeat_at), other.state == RELEASED))


def encode(lease: Lease) -> bytes:
    return json.dumps({"format": FORMAT, "version": VERSION, **asdict(lease)}, ensure_ascii=False,
                      indent=1).encode("utf-8")


def _text(data: dict, key: str) -> str:
    """A name from another computer's file, as a line of text: at most TEXT_CAP characters, and no character
    that ends a line or steers a terminal."""
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"{key} is not text")
    return "".join("?" if unicodedata.category(c) in _UNSHOWN else c for c in value[:TEXT_CAP])


def _number(data: dict, key: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{key} is not a time")
    return float(value)


def _optional_number(data: dict, key: str) -> float | None:
    """`_number`, or None when the file has none (null, or no such key)."""
    return None if data.get(key) is None else _number(data, key)


def decode(data: bytes, device: str, account: str) -> Lease:
    """The lease in a file named for `device` and `account`. Raises ValueError for a damaged file, or one that
    is not a lease of this format (another program's, another version's, or one whose content names another
    computer or account than its name)."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, nested too deep
        raise ValueError("damaged: not a JSON document") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError("not a prelaunch lease")
    version = doc.get("version")
    if type(version) is not int or version != VERSION:
        shown = version if type(version) is int and abs(version) < 10**6 else "unknown"
        raise ValueError(f"written in lease format {shown}; this prelaunch reads format {VERSION}")
    if doc.get("device") != device or doc.get("account_id") != account:
        raise ValueError("its content names another computer or account than its file name")
    state = doc.get("state")
    if state not in (PLAYING, RELEASED):
        raise ValueError("no state")
    return Lease(device, _text(doc, "computer"), account, _text(doc, "account_name"), _text(doc, "instance"),
                 _text(doc, "launcher"), _number(doc, "started_at"), _number(doc, "heartbeat_at"),
                 _optional_number(doc, "clock_offset"), state)


def judge(lease: Lease, now: float, own_offset: float | None, stale_s: float) -> tuple[str, float]:
    """(FRESH, STALE, UNCLEAR or ENDED, age in seconds) of another computer's lease at `now` (this computer's
    clock, `own_offset` ahead of true time). Both clocks are corrected by their measured offsets; a heartbeat
    dated more than `stale_s` after now (on that time base) says one of the clocks is wrong: UNCLEAR."""
    age = (now - (own_offset or 0.0)) - lease.true_time(lease.heartbeat_at)
    if lease.state == RELEASED:
        return ENDED, age
    if age < -stale_s:
        return UNCLEAR, age
    return (FRESH if age <= stale_s else STALE), age


def local_time(lease: Lease, moment: float, own_offset: float | None) -> float:
    """A moment of the lease's clock as this computer's clock shows it (to print "since 19:02")."""
    return lease.true_time(moment) + (own_offset or 0.0)
