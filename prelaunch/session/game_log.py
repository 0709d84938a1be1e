"""What the game wrote to `<game dir>/logs/latest.log` during one session, as evidence of how its sign-in
fared: the sign-in servers refusing it at start (`Failed to verify authentication` or `Failed to fetch user
properties` with `InvalidCredentialsException`), the profile key refused later (`Failed to retrieve profile key
pair` with a 401: the sign-in stopped working while the game ran), a server dropping the game because the
account joined again elsewhere (`Client disconnected with reason: You logged in from another location`), and
the server joins tried (`Connecting to HOST, PORT`). Reference: auth.md sections 5 and 12. Only times,
server names and what kind of line it was are kept; never a line itself (some game versions log their own
command line, token included).

Which part is this session's: the game starts a new latest.log (the old one is rolled over), so `mark()` notes
at the game's start which file it was (inode, size and a digest of its first bytes, in memory); at the end the
same file is read from that size on, and a new one whole. Reading is bounded: at most `READ_CAP` bytes, the
first `HEAD_PART` and the rest from the end when the session wrote more.

Lines carry a time of day without a date (`[21:14:03]`, or Forge's `[05Jan2024 21:14:03.123]`, whose date may be
in the player's language and is not read): the date comes from the session's start, and a time more than 12 h
before the previous one is the next day.
"""

from __future__ import annotations

import os
import re
from collections import deque
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import io
    from collections.abc import Iterator

LOG = os.path.join("logs", "latest.log")
MIB = 1024 * 1024
READ_CAP = 8 * MIB
HEAD_PART = 1 * MIB
HEAD_BYTES = 512  # of the file at the game's start, to tell it from a new file that got the same inode
START_WINDOW_S = 120.0  # a refused profile key this soon after the first line is the game's start-up, not "late"
NEXT_DAY_S = 12 * 3600
MAX_KEPT = 100  # of each kind of line, the newest
CONTINUATION_LINES = 8  # of an exception's lines read after the line that logged it
HOST_CHARS = 253

_STAMP = re.compile(r"\[(?:[^\]\s]*\s)?(\d{2}):(\d{2}):(\d{2})(?:[.,]\d+)?\]")
_CONNECTING = re.compile(r"\bConnecting to (.+), (\d{1,5})\s*$")
_SAYS_401 = re.compile(r"\b401\b")


class Mark:
    """latest.log as it was when the game started."""

    def __init__(self, inode: int, size: int, head: int, head_length: int) -> None:
        self.inode, self.size, self.head, self.head_length = inode, size, head, head_length


class Evidence:
    """What this session's log says (times as epoch seconds)."""

    def __init__(self) -> None:
        self.first_at: float | None = None
        self.invalid_at_start: float | None = None
        self.key_refused: deque[float] = deque(maxlen=MAX_KEPT)
        self.duplicate_login: deque[float] = deque(maxlen=MAX_KEPT)
        self.joins: deque[tuple[float, str]] = deque(maxlen=MAX_KEPT)

    def as_dict(self) -> dict:
        return {"first_at": self.first_at, "invalid_at_start": self.invalid_at_start,
                "key_refused": list(self.key_refused), "duplicate_login": list(self.duplicate_login),
                "joins": [{"at": at, "host": host} for at, host in self.joins]}


def _open(game_dir: str) -> io.BufferedReader:
    from prelaunch import fileio

    return fileio.open_regular(os.path.join(game_dir, LOG))


def mark(game_dir: str) -> Mark | None:
    """Which latest.log there is now (None: none yet, or unreadable)."""
    try:
        with _open(game_dir) as handle:
            info = os.fstat(handle.fileno())
            head = handle.read(HEAD_BYTES)
    except OSError:
        return None
    return Mark(info.st_ino, info.st_size, hash(head), len(head))


def read_session(game_dir: str, at_start: Mark | None, started_at: float) -> Evidence | None:
    """The evidence in what the game logged since `started_at` (its start, epoch seconds); None when there is no
    log of this session (none at all, unreadable, or one not written since the game started)."""
    try:
        with _open(game_dir) as handle:
            info = os.fstat(handle.fileno())
            start = 0
            if at_start is not None and info.st_ino == at_start.inode and info.st_size >= at_start.size \
                    and hash(handle.read(at_start.head_length)) == at_start.head:
                start = at_start.size  # the same file, appended to
            elif info.st_mtime < started_at:
                return None  # an older game's log: this one wrote none
            text = _read_part(handle, start, info.st_size)
    except OSError:
        return None
    return classify(text, started_at)


def _read_part(handle: io.BufferedReader, start: int, end: int) -> str:
    """The bytes from `start` to `end` as text, at most READ_CAP of them: the first HEAD_PART and the rest from
    the end, each cut to whole lines."""
    handle.seek(start)
    if end - start <= READ_CAP:
        return handle.read(READ_CAP).decode("utf-8", "replace")
    head = handle.read(HEAD_PART).rpartition(b"\n")[0]
    handle.seek(end - (READ_CAP - HEAD_PART))
    tail = handle.read(READ_CAP - HEAD_PART).partition(b"\n")[2]
    return (head + b"\n" + tail).decode("utf-8", "replace")


class _Clock:
    """Times of day to epoch seconds, the date taken from the session's start and moved on at midnight."""

    def __init__(self, started_at: float) -> None:
        from datetime import datetime  # when the log is read, at the game's end: not in the waiting watchdog

        start = datetime.fromtimestamp(started_at)
        self.day = start.date()
        self.previous = start.hour * 3600 + start.minute * 60 + start.second

    def at(self, hour: int, minute: int, second: int) -> float | None:
        if hour > 23 or minute > 59 or second > 59:
            return None
        from datetime import datetime, time, timedelta

        of_day = hour * 3600 + minute * 60 + second
        if of_day < self.previous - NEXT_DAY_S:
            self.day += timedelta(days=1)
        self.previous = of_day
        return datetime.combine(self.day, time(hour, minute, second)).timestamp()


def _entries(text: str, started_at: float) -> Iterator[tuple[float, str, list[str]]]:
    """(time, line, the lines after it that carry no time: an exception's) for every line with a time."""
    clock = _Clock(started_at)
    current: tuple[float, str, list[str]] | None = None
    for line in text.splitlines():
        stamp = _STAMP.match(line)
        moment = clock.at(*map(int, stamp.groups())) if stamp else None
        if moment is None:
            if current is not None and len(current[2]) < CONTINUATION_LINES:
                current[2].append(line)
            continue
        if current is not None:
            yield current
        current = (moment, line, [])
    if current is not None:
        yield current


def classify(text: str, started_at: float) -> Evidence:
    """The evidence in a session's log text."""
    found = Evidence()
    for moment, line, after in _entries(text, started_at):
        if found.first_at is None:
            found.first_at = moment
        rest = "\n".join(after)
        if ("Failed to verify authentication" in line or "Failed to fetch user properties" in line) \
                and "InvalidCredentialsException" in line + rest:
            found.invalid_at_start = found.invalid_at_start or moment
        elif "Failed to retrieve profile key pair" in line and _SAYS_401.search(line + rest):
            if moment - found.first_at <= START_WINDOW_S:
                found.invalid_at_start = found.invalid_at_start or moment
            else:
                found.key_refused.append(moment)
        elif "Client disconnected with reason: You logged in from another location" in line:
            found.duplicate_login.append(moment)
        elif (join := _CONNECTING.search(line)) is not None:
            host = "".join(c for c in join.group(1).strip() if c.isprintable())[:HOST_CHARS]
            found.joins.append((moment, host))
    return found
