"""Change a few keys of a Prism Launcher or MultiMC INI file and keep every other byte: other lines, their
order, comments, line endings. Values are written by the rules of the format the file is in: Qt's QSettings
rules when it has `ConfigVersion`, MultiMC's own when it has not."""

from __future__ import annotations

import re

_HEX = "0123456789abcdefABCDEF"
_QT_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\a": "\\a", "\b": "\\b",
             "\f": "\\f", "\v": "\\v"}
_SECTION = re.compile(r"^\s*\[(.*)\]\s*$")


def qt_escape(value: str) -> str:
    """A value as QSettings writes it, with non-ASCII as \\xNNNN so Qt 5 and Qt 6 builds both read it."""
    out: list[str] = []
    after_hex_escape = False
    for character in value:
        code = ord(character)
        if character in _QT_NAMED:
            out.append(_QT_NAMED[character])
            after_hex_escape = False
        elif code == 0:
            out.append("\\0")
            after_hex_escape = True
        elif code < 0x20 or code >= 0x7F:
            units = character.encode("utf-16-be")
            out += [f"\\x{int.from_bytes(units[i:i + 2], 'big'):04x}" for i in range(0, len(units), 2)]
            after_hex_escape = True
        elif after_hex_escape and character in _HEX:
            out.append(f"\\x{code:02x}")  # \x is greedy: a hex digit right after one must be escaped too
        else:
            out.append(character)
            after_hex_escape = False
    text = "".join(out)
    if text.startswith("@"):
        text = "@" + text
    if any(c in value for c in ";,=") or value[:1] == " " or value[-1:] == " ":
        text = f'"{text}"'
    return text


def multimc_escape(value: str) -> str:
    """A value as MultiMC writes it: backslash escapes, never quotes."""
    return (value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("#", "\\#"))


def set_values(text: str, values: dict[str, str | None], qsettings: bool) -> str:
    """The file's text with each key set (None deletes it); root keys live in [General] for QSettings."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    escape = qt_escape if qsettings else multimc_escape
    pending = dict(values)
    section = ""
    last_root_line = -1
    kept: list[str] = []
    for line in lines:
        match = _SECTION.match(line)
        if match:
            section = match.group(1).strip().lower()
            if section == "general" and qsettings:
                last_root_line = len(kept)
            kept.append(line)
            continue
        key = line.split("=", 1)[0].strip() if "=" in line and not line.lstrip().startswith(("#", ";")) else None
        in_root = section in ("", "general") if qsettings else True
        if in_root and key in pending:
            value = pending.pop(key)
            if value is not None:
                kept.append(f"{key}={escape(value)}")
                last_root_line = len(kept) - 1
            continue
        kept.append(line)
        if in_root and key is not None:
            last_root_line = len(kept) - 1
    additions = [(k, v) for k, v in pending.items() if v is not None]
    if additions:
        if qsettings:
            if last_root_line < 0:
                kept[0:0] = ["[General]"]
                last_root_line = 0
            for offset, (key, value) in enumerate(additions, 1):
                kept.insert(last_root_line + offset, f"{key}={escape(value)}")
        else:
            for key, value in additions:  # MultiMC keeps its keys sorted
                position = next((i for i, line in enumerate(kept) if "=" in line and
                                 not line.lstrip().startswith("#") and line.split("=", 1)[0].strip() > key),
                                len(kept))
                kept.insert(position, f"{key}={escape(value)}")
    result = newline.join(kept)
    return result + newline if text.endswith(("\n", "\r")) or not text else result
