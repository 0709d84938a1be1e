"""Tolerant readers for the INI files of Prism Launcher and MultiMC, each with the rules of the launcher that
reads the file.

The rules depend on the launcher, not on a line inside the file:
- Prism Launcher (launcher/settings/INIFile.cpp:152-188): a file without a root `ConfigVersion` goes through
  its old reader (:116-150: MultiMC's lines and escapes, then `unquote`); `ConfigVersion=1.1` through QSettings
  and the same `unquote`; any other version through QSettings alone.
- MultiMC (launcher/settings/INIFile.cpp:117-150) reads every file with its own reader and never looks at
  `ConfigVersion`: a file last saved by Prism keeps its quotes and its `\\xNNNN` reads as `xNNNN`.
"""

from __future__ import annotations

import re
from os import PathLike

from prelaunch import readfile

# Formats, named by who reads the file and how.
QSETTINGS = "qsettings"  # Prism, ConfigVersion other than 1.1
PRISM_1_1 = "prism-1.1"  # Prism, ConfigVersion=1.1: QSettings, then unquote
PRISM_OLD = "prism-old"  # Prism, no ConfigVersion: MultiMC's reader, then unquote
MULTIMC = "multimc"  # MultiMC, whatever the file holds
UNQUOTED = (PRISM_1_1, PRISM_OLD)  # the formats whose reader strips a pair of outer quotes

_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
                   '"': '"', "'": "'", "?": "?", "\\": "\\"}
_HEX = "0123456789abcdefABCDEF"
# Where a line ends: QSettings at CR, LF or CRLF; MultiMC (and Prism's old reader) at LF only (split('\n')),
# a CR before it being trimmed with the value. Other characters str.splitlines breaks at are value characters.
QT_LINE_END = re.compile(r"\r\n|\n|\r")
MULTIMC_LINE_END = re.compile(r"\r?\n")
# QString::trimmed: QChar::isSpace, i.e. \t..\r, space, U+0085, U+00A0 and Unicode's space separators
_QT_SPACE = ("\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
             "\u2028\u2029\u202f\u205f\u3000")


def read(path: str | PathLike, launcher: str) -> dict[str, str]:
    """Key → value of an instance.cfg or launcher cfg, as `launcher` ("prism" or "multimc") reads it.

    Raises OSError when the file cannot be read.
    """
    return parse(decode(readfile.read(path, readfile.LAUNCHER_INI)), launcher)


def decode(data: bytes) -> str:
    """The text both launchers see: UTF-8, a byte-order mark skipped, bad bytes replaced."""
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff")


def file_format(text: str, launcher: str) -> str:
    """Which reader the launcher uses for this text (one of QSETTINGS, PRISM_1_1, PRISM_OLD, MULTIMC)."""
    if launcher == "multimc":
        return MULTIMC
    return _prism_format(parse_qsettings(text))


def _prism_format(qsettings_values: dict[str, str]) -> str:
    version = qsettings_values.get("ConfigVersion")
    if version is None:
        return PRISM_OLD
    return PRISM_1_1 if version == "1.1" else QSETTINGS


def parse(text: str, launcher: str) -> dict[str, str]:
    """The values `launcher` reads from this text."""
    if launcher == "multimc":
        return parse_multimc(text)
    values = parse_qsettings(text)
    fmt = _prism_format(values)
    if fmt == PRISM_OLD:
        values = parse_multimc(text)
    if fmt in UNQUOTED:
        values = {key: unquote(value) for key, value in values.items()}
    return values


def unquote(value: str) -> str:
    """Prism's `unquote` (INIFile.cpp:103-114): a value that starts and ends with `"` and holds `;`, `=` or `,`
    loses its first and last character."""
    if len(value) >= 2 and value[0] == value[-1] == '"' and any(c in value for c in ";=,"):
        return value[1:-1]
    return value


def unquote_strips(value: str) -> bool:
    """Whether `unquote` would take characters off this value."""
    return unquote(value) != value


def qt_bool(value: str | None) -> bool:
    """`QVariant::toBool` of a string: true for anything but empty, `0` or `false` in any case."""
    return value is not None and value.lower() not in ("", "0", "false")


def qt_trimmed(text: str) -> str:
    return text.strip(_QT_SPACE)


def multimc_line(line: str) -> tuple[str, str] | None:
    """(key, raw value) of one line as MultiMC's reader cuts it (INIFile.cpp:123-141), or None for no key.

    A `#` not preceded by a backslash ends the line, but the search starts at the line's second character and
    the cut is made at the line's first `#`, escaped or not; these quirks are the launcher's own.
    """
    cut = line
    index = 0
    while (index := cut.find("#", index + 1)) != -1:
        if cut[index - 1] == "\\":
            continue
        cut = qt_trimmed(line[:line.find("#")])
    if "=" not in cut:
        return None
    key, raw = cut.split("=", 1)
    return qt_trimmed(key), qt_trimmed(raw)


def parse_multimc(text: str) -> dict[str, str]:
    """MultiMC's reader, which is also Prism's old reader before `unquote`: `key=value` lines, no sections,
    backslash escapes (`\\n`, `\\t`, `\\#`, else the next character), never quotes; the last line of a key wins."""
    values: dict[str, str] = {}
    for line in text.split("\n"):
        cut = multimc_line(line)
        if cut is not None:
            values[cut[0]] = multimc_unescape(cut[1])
    return values


def multimc_unescape(raw: str) -> str:
    """INIFile::unescape (MultiMC INIFile.cpp:29-59, Prism :76-101); a lone backslash at the end is dropped."""
    out = []
    escaped = False
    for character in raw:
        if escaped:
            out.append({"n": "\n", "t": "\t"}.get(character, character))
            escaped = False
        elif character == "\\":
            escaped = True
        else:
            out.append(character)
    return "".join(out)


def parse_qsettings(text: str) -> dict[str, str]:
    """QSettings IniFormat: sections, `;` comments, quotes, C-like escapes; [General] keys are root keys."""
    values: dict[str, str] = {}
    section = ""
    for line in QT_LINE_END.split(text):
        stripped = line.strip()
        if not stripped or stripped.startswith(";"):
            continue
        if stripped.startswith("[") and "]" in stripped:
            name = _qt_key(stripped[1:stripped.index("]")])
            section = "" if name.lower() == "general" else name
            continue
        if "=" not in stripped:
            continue
        key, raw = stripped.split("=", 1)
        key = _qt_key(key.strip())
        values[f"{section}/{key}" if section else key] = _qt_value(raw)
    return values


def _qt_key(raw: str) -> str:
    """A key as QSettings reads it: `\\` separates groups like `/`, `%XX` is one character."""
    raw = raw.replace("\\", "/")
    pieces = raw.split("%")
    out = [pieces[0]]
    for piece in pieces[1:]:
        if len(piece) >= 2 and piece[0] in _HEX and piece[1] in _HEX:
            out.append(chr(int(piece[:2], 16)) + piece[2:])
        else:
            out.append("%" + piece)
    return "".join(out)


def _qt_value(raw: str) -> str:
    """One value by Qt's reader rules; a list (unquoted comma) reads as "" the way Prism takes it."""
    out: list[str] = []
    keep = 0  # length of `out` up to the last character that must survive trailing-blank trimming
    in_quotes = False
    i = 0
    raw = raw.lstrip()
    while i < len(raw):
        c = raw[i]
        if c == '"':
            in_quotes = not in_quotes
            keep = len(out)
            i += 1
        elif c == "\\":
            i = _qt_escape(raw, i + 1, out)
            keep = len(out)
        elif c == ";" and not in_quotes:
            break
        elif c == "," and not in_quotes:
            return ""
        else:
            out.append(c)
            if in_quotes or not c.isspace():
                keep = len(out)
            i += 1
    text = "".join(out[:keep])
    if any("\ud800" <= c <= "\udfff" for c in text):  # \x escapes are UTF-16 units: a pair is one character
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _qt_variant(text)


def _qt_escape(raw: str, i: int, out: list[str]) -> int:
    """Decode the escape that starts at raw[i] (just after the backslash); return where reading goes on."""
    if i >= len(raw):
        return i
    c = raw[i]
    if c in _SIMPLE_ESCAPES:
        out.append(_SIMPLE_ESCAPES[c])
        return i + 1
    if c == "x":
        j = i + 1
        while j < len(raw) and raw[j] in _HEX:
            j += 1
        if j > i + 1:
            out.append(chr(int(raw[i + 1:j], 16) & 0xFFFF))
        return j
    if c in "01234567":
        j = i
        while j < len(raw) and raw[j] in "01234567":
            j += 1
        out.append(chr(int(raw[i:j], 8) & 0xFFFF))
        return j
    return i + 1  # an unknown escape drops both characters, as Qt does


def _qt_variant(value: str) -> str:
    if value.startswith("@@"):
        return value[1:]
    if value.startswith("@ByteArray(") and value.endswith(")"):
        return value[len("@ByteArray("):-1]
    if value.startswith("@String(") and value.endswith(")"):
        return value[len("@String("):-1]
    if value.startswith("@"):
        return ""
    return value
