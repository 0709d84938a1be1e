"""Tolerant readers for the INI files of Prism Launcher (Qt's QSettings rules) and MultiMC (its own rules)."""

from __future__ import annotations

from os import PathLike

from prelaunch import readfile

_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
                   '"': '"', "'": "'", "?": "?", "\\": "\\"}
_HEX = "0123456789abcdefABCDEF"


def read(path: str | PathLike, prism_unquote: bool = True) -> dict[str, str]:
    """Key → value of an instance.cfg or launcher cfg; the format is chosen the way Prism chooses it.

    Raises OSError when the file cannot be read.
    """
    text = readfile.read(path, readfile.LAUNCHER_INI).decode("utf-8", errors="replace")
    if has_config_version(text):
        return parse_qsettings(text)
    return parse_multimc(text, prism_unquote)


def has_config_version(text: str) -> bool:
    """Whether a line sets `ConfigVersion`: Prism then reads the file with QSettings' rules."""
    return any(line.split("=", 1)[0].strip() == "ConfigVersion" for line in text.splitlines() if "=" in line)


def parse_multimc(text: str, prism_unquote: bool = False) -> dict[str, str]:
    """MultiMC's format: `key=value` lines, `#` comments, backslash escapes, never quotes.

    Prism 7.1+ reads such a file with one extra rule: surrounding quotes are removed when the
    value holds `;`, `=` or `,` (prism_unquote).
    """
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, raw = line.split("=", 1)
        value = _multimc_unescape(raw.strip())
        if prism_unquote and len(value) >= 2 and value[0] == value[-1] == '"' and any(c in value for c in ";=,"):
            value = value[1:-1]
        values[key.strip()] = value
    return values


def _multimc_unescape(raw: str) -> str:
    out = []
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
            i += 2
            continue
        if c == "#":
            break
        out.append(c)
        i += 1
    return "".join(out).rstrip()


def parse_qsettings(text: str) -> dict[str, str]:
    """QSettings IniFormat: sections, `;` comments, quotes, C-like escapes; [General] keys are root keys."""
    values: dict[str, str] = {}
    section = ""
    for line in text.splitlines():
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
