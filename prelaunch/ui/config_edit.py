"""One setting of the player's configuration file changed in place, so that nobody has to edit it by hand: the
"Don't warn about this" button's [quiet] line (`silence`) and the installer's [devices] folder
(`installer.config_file`).

The line is a TOML writer's (`line`), put in its table: it replaces the key's own entry there, or goes at the end
of the table, or a new table goes at the end of the file. A key taken out loses its lines, and its table's header
too when the table held nothing else. Every other byte of the file stays as it was (comments, order, spacing,
line ends), and the new text is read back before it is used: it must hold exactly the old settings with this one
changed, or nothing is written. A file that is not valid TOML is left alone. Written whole (atomically) under a
lock in prelaunch's state dir, owner-only when new; a file of the player's keeps its mode."""

from __future__ import annotations

import copy
import enum
import os
import re
from contextlib import contextmanager
from typing import Callable, Iterator

from prelaunch import fileio, paths
from prelaunch.config import parse_toml

WRITER_WAIT_S = 2.0
ENTRY_SEARCH_LINES = 400  # a longer table gets a new line at its end; its own entry is not looked for
_HEADER = re.compile(r"[ \t]*\[")

Table = tuple[str, ...]  # a table's name, part by part: ("quiet", "accounts") is [quiet.accounts]


class Absent(enum.Enum):
    """No such key: what a `value_for` is given for a key the file does not hold, and returns to take one out."""

    ABSENT = "absent"


ABSENT = Absent.ABSENT
ValueFor = Callable[[object], object]  # the key's value now (or ABSENT) -> its new value (or ABSENT)


def line(key: str, value: object) -> str:
    """The TOML line `key = value`, written by a TOML writer whatever the key holds (quotes, backslashes, line
    breaks). The writer may put each array item on a line of its own; a line break occurs nowhere else in what it
    writes (one in a string is written \\n), so joining those lines gives the same document on one line."""
    import tomli_w

    text = tomli_w.dumps({key: value}).rstrip("\n")
    return re.sub(r",\n +", ", ", re.sub(r",?\n\]$", "]", re.sub(r"\[\n +", "[", text)))


def dotted(table: Table) -> str:
    return ".".join(table)


def _header(table: Table) -> re.Pattern[str]:
    """The line `[a.b]` of a table, with the spacing and quoting TOML allows and a comment after it."""
    parts = [r"""(?:{0}|"{0}"|'{0}')""".format(re.escape(part)) for part in table]
    return re.compile(r"[ \t]*\[[ \t]*" + r"[ \t]*\.[ \t]*".join(parts) + r"[ \t]*\][ \t]*(?:#.*)?")


def _wanted(doc: dict, table: Table, key: str, value_for: ValueFor) -> list[dict] | None:
    """The settings the file must hold afterwards (a table left empty may also go), or None when the table is
    not a table."""
    wanted = copy.deepcopy(doc)
    place = wanted
    for part in table:
        place = place.setdefault(part, {})
        if not isinstance(place, dict):
            return None
    new = value_for(place.get(key, ABSENT))
    if new is ABSENT:
        place.pop(key, None)
        if not place:
            without = copy.deepcopy(wanted)
            del _table_in(without, table[:-1])[table[-1]]
            return [wanted, without]
    else:
        place[key] = new
    return [wanted]


def _table_in(doc: dict, table: Table) -> dict:
    for part in table:
        doc = doc[part]
    return doc


def _entries(lines: list[str], start: int, end: int, key: str) -> list[tuple[int, int]]:
    """(first, last) line of each entry of `key` between a table's header and its end."""
    found = []
    for first in range(start + 1, end if end - start <= ENTRY_SEARCH_LINES else start + 1):
        for last in range(first, end):
            try:
                entry = parse_toml("".join(lines[first:last + 1]))
            except ValueError:
                continue
            if list(entry) == [key]:
                found.append((first, last))
            break
    return found


def _candidates(lines: list[str], table: Table, key: str, new_line: str | None, newline: str) -> list[list[str]]:
    """The file's lines changed each way that may be right, best first. Setting: the key's entry replaced, the
    line at the end of its table, a new table at the end. Taking out (`new_line` None): the table gone when the
    entry was all it held (and its header is the plain one), else the entry's lines gone."""
    found = []
    header = _header(table)
    starts = [i for i, text in enumerate(lines) if header.fullmatch(text.rstrip("\r\n"))]
    for start in starts[:1]:
        end = next((i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
        for first, last in _entries(lines, start, end, key):
            if new_line is not None:
                found.append(lines[:first] + [new_line + newline] + lines[last + 1:])
                continue
            rest = lines[start + 1:first] + lines[last + 1:end]
            if lines[start].strip() == f"[{dotted(table)}]" and not any(text.strip() for text in rest):
                blank_before = end == len(lines) and start > 0 and not lines[start - 1].strip()
                found.append(lines[:start - 1 if blank_before else start] + lines[end:])
            found.append(lines[:first] + lines[last + 1:])
        if new_line is not None:
            last_key = max((i for i in range(start, end) if lines[i].strip() and not lines[i].lstrip().startswith("#")),
                           default=start)
            found.append(lines[:last_key + 1] + [new_line + newline] + lines[last_key + 1:])
    if new_line is not None:
        ending = [] if not lines or lines[-1].endswith("\n") else [newline]
        found.append(lines + ending + ([newline] if lines else []) + [f"[{dotted(table)}]{newline}",
                                                                      new_line + newline])
    return found


def edited(text: str, table: Table, key: str, value_for: ValueFor) -> str | None:
    """`text` with `key` of `table` set to `value_for(its value now)` (taken out for ABSENT), everything else as it
    was; `text` itself when that changes nothing; None when it cannot be done safely (the text is not valid TOML,
    or no way of changing it reads back right)."""
    try:
        doc = parse_toml(text)
    except ValueError:
        return None
    wanted = _wanted(doc, table, key, value_for)
    if wanted is None:
        return None
    if doc in wanted:
        return text
    new = _table_in(wanted[0], table).get(key, ABSENT)
    newline = "\r\n" if "\r\n" in text else "\n"
    new_line = None if new is ABSENT else line(key, new)
    for lines in _candidates(text.splitlines(keepends=True), table, key, new_line, newline):
        candidate = "".join(lines)
        try:
            if parse_toml(candidate) in wanted:
                return candidate
        except ValueError:
            continue
    return None


def unchangeable(path: str, table: Table) -> str:
    """Why `edited` gave nothing, in one line."""
    return f"{path} is not valid TOML, or its [{dotted(table)}] table is written in a way prelaunch does not change"


@contextmanager
def locked() -> Iterator[None]:
    """One writer of the configuration file at a time (a "Don't warn" press and an install); filelock.Timeout,
    an OSError, when another holds it past the wait."""
    import filelock

    lock_dir = paths.private_dir(paths.state_dir())
    with filelock.FileLock(os.path.join(lock_dir, "config-edit.lock"), timeout=WRITER_WAIT_S, mode=paths.PRIVATE_FILE):
        yield


def read(path: str) -> bytes | None:
    """The file's bytes, None when there is no such file. Raises OSError."""
    try:
        return fileio.read(path, fileio.CONFIG_FILE)
    except FileNotFoundError:
        return None


def make_folder(path: str) -> None:
    """The folder of a configuration file about to be made: owner-only, as prelaunch's own folders."""
    paths.private_dir(os.path.dirname(os.path.abspath(path)))


def change(table: Table, key: str, value_for: ValueFor, path: str | None = None) -> str:
    """Change one setting in the configuration file; "" when done, else why not (one line)."""
    path = path or paths.config_file()
    try:
        with locked():
            data = read(path)
            try:
                text = (data or b"").decode("utf-8")
            except UnicodeDecodeError:
                return f"{path} is not UTF-8 text"
            new = edited(text, table, key, value_for)
            if new is None:
                return unchangeable(path, table)
            if new == text:
                return ""
            if data is None:
                make_folder(path)
            fileio.write(path, new.encode("utf-8"), keep_mode=data is not None)
    except OSError as exc:
        return f"{path} could not be written ({exc.strerror or type(exc).__name__})"
    return ""
