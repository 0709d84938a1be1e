"""The "Don't warn about this for …" button: the line that silences those warnings for good is written into the
player's configuration file, so that nobody has to edit it by hand.

The line is a TOML writer's (`composer.quiet_line`), put in the right table: it replaces the name's own entry
there, or goes at the end of the table, or a new table goes at the end of the file. Every other byte of the file
stays as it was (comments, order, spacing, line ends), and the new file is read back before it replaces the
old one: it must hold exactly the old settings plus this one, or nothing is written. A file that is not valid
TOML is left alone. Written whole (atomically) under a lock in prelaunch's state dir, owner-only when new."""

from __future__ import annotations

import copy
import os
import re

from prelaunch import fileio, paths
from prelaunch.config import parse_toml
from prelaunch.ui.composer import quiet_line

WRITER_WAIT_S = 2.0
ENTRY_SEARCH_LINES = 400  # a longer [quiet.*] table gets the line at its end, its own entry is not looked for
_HEADER = re.compile(r"[ \t]*\[")


def _table_header(table: str) -> re.Pattern[str]:
    """The line `[quiet.<table>]`, with the spacing and quoting TOML allows and a comment after it."""
    part = r"""(?:{0}|"{0}"|'{0}')"""
    return re.compile(rf"[ \t]*\[[ \t]*{part.format('quiet')}[ \t]*\.[ \t]*{part.format(table)}[ \t]*\][ \t]*(?:#.*)?")


def _expected(doc: dict, table: str, name: str, kinds: list[str]) -> dict:
    wanted = copy.deepcopy(doc)
    listed = wanted.setdefault("quiet", {}).setdefault(table, {})
    old = listed.get(name)
    listed[name] = list(dict.fromkeys((old if isinstance(old, list) else []) + kinds))
    return wanted


def _candidates(lines: list[str], table: str, name: str, line: str, newline: str) -> list[list[str]]:
    """The file's lines changed each way that may be right, best first: the name's entry replaced, the line at
    the end of its table, a new table at the end."""
    found = []
    header = _table_header(table)
    starts = [i for i, text in enumerate(lines) if header.fullmatch(text.rstrip("\r\n"))]
    for start in starts[:1]:
        end = next((i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
        for first in range(start + 1, end if end - start <= ENTRY_SEARCH_LINES else start + 1):
            for last in range(first, end):
                try:
                    entry = parse_toml("".join(lines[first:last + 1]))
                except ValueError:
                    continue
                if list(entry) == [name]:
                    found.append(lines[:first] + [line + newline] + lines[last + 1:])
                break
        last_key = max((i for i in range(start, end) if lines[i].strip() and not lines[i].lstrip().startswith("#")),
                       default=start)
        found.append(lines[:last_key + 1] + [line + newline] + lines[last_key + 1:])
    ending = [] if not lines or lines[-1].endswith("\n") else [newline]
    found.append(lines + ending + ([newline] if lines else []) + [f"[quiet.{table}]{newline}", line + newline])
    return found


def edited(text: str, table: str, name: str, kinds: list[str]) -> str | None:
    """`text` with `name` silenced for `kinds` in [quiet.<table>], everything else as it was; None when that
    cannot be done safely (the text is not valid TOML, or no way of adding it reads back right)."""
    try:
        doc = parse_toml(text)
    except ValueError:
        return None
    wanted = _expected(doc, table, name, kinds)
    newline = "\r\n" if "\r\n" in text else "\n"
    line = quiet_line(name, wanted["quiet"][table][name])
    for lines in _candidates(text.splitlines(keepends=True), table, name, line, newline):
        candidate = "".join(lines)
        try:
            if parse_toml(candidate) == wanted:
                return candidate
        except ValueError:
            continue
    return None


def add(table: str, name: str, kinds: list[str], path: str | None = None) -> str:
    """Silence `kinds` for `name` in the configuration file; "" when done, else why not (one line)."""
    import filelock

    path = path or paths.config_file()
    try:
        lock_dir = paths.private_dir(paths.state_dir())
        with filelock.FileLock(os.path.join(lock_dir, "config-edit.lock"), timeout=WRITER_WAIT_S,
                               mode=paths.PRIVATE_FILE):
            try:
                data = fileio.read(path, fileio.CONFIG_FILE)
                exists = True
            except FileNotFoundError:
                data, exists = b"", False
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                return f"{path} is not UTF-8 text"
            new = edited(text, table, name, kinds)
            if new is None:
                return f"{path} is not valid TOML, or its [quiet.{table}] table is written in a way prelaunch " \
                       "does not change"
            if not exists:
                paths.private_dir(os.path.dirname(os.path.abspath(path)))
            fileio.write(path, new.encode("utf-8"), keep_mode=exists)
    except OSError as exc:
        return f"{path} could not be written ({exc.strerror or type(exc).__name__})"
    return ""
