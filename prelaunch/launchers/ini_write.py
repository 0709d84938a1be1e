"""Change a few keys of a Prism Launcher or MultiMC INI file and keep every other byte: other lines, their
order, comments, line endings. Values are written by the rules of the reader that will read the file
(`ini.file_format`): Qt's QSettings rules, Prism's old reader, or MultiMC's own.

Prism's old files (no `ConfigVersion`, or `ConfigVersion=1.1`) stay in their format. Prism reads them with
its old rules when it loads its settings (launcher/settings/INIFile.cpp:152-188), and only a later save writes
them in QSettings form with `ConfigVersion=1.2` (:50-74): the global file on a settings change or when the
main window closes, `instance.cfg` when the game has started (BaseInstance.cpp:275-283, after the pre-launch
command ran). So the launch after an install always reads the values through the old reader, whatever form
the file is in at the next save; converting the file ourselves would spare that reading nothing and would
rewrite every other line by a model of Prism's reader. Instead a value that `unquote` (:103-114) would strip
gets one more pair of quotes, so the old reader gives it back exactly, and Prism's own save then stores that
exact value in QSettings form.
"""

from __future__ import annotations

import re

from prelaunch.launchers import ini

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
    """A value as MultiMC writes it (INIFile::escape, MultiMC INIFile.cpp:61-78): backslash escapes, no quotes."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("#", "\\#")


def escape(value: str, fmt: str) -> str:
    """The text after `key=` that the reader of format `fmt` reads back as exactly `value`."""
    if fmt in ini.UNQUOTED and ini.unquote_strips(value):
        value = f'"{value}"'  # unquote takes this pair off again
    return qt_escape(value) if fmt in (ini.QSETTINGS, ini.PRISM_1_1) else multimc_escape(value)


def _line_key(line: str, qsettings: bool) -> str | None:
    """The key a line sets, as the file's reader sees it; None for sections, comments and other lines."""
    line = line.removeprefix("\ufeff")
    if qsettings:
        stripped = line.strip()
        if not stripped or stripped.startswith(";") or "=" not in stripped:
            return None
        return stripped.split("=", 1)[0].strip()
    cut = ini.multimc_line(line)
    return cut[0] if cut else None


def _split(text: str, qsettings: bool) -> list[list[str]]:
    """[line, its line end] pairs, cut where the file's reader ends a line; joined again they are `text`."""
    pairs, start = [], 0
    for match in (ini.QT_LINE_END if qsettings else ini.MULTIMC_LINE_END).finditer(text):
        pairs.append([text[start:match.start()], match.group(0)])
        start = match.end()
    if start < len(text):
        pairs.append([text[start:], ""])
    return pairs


def set_values(text: str, values: dict[str, str | None], fmt: str) -> str:
    """The file's text with each key set (None deletes it), in format `fmt`; a key set twice in the file keeps
    only its first line (the reader would take the last). Root keys live in [General] for QSettings; MultiMC's
    reader knows no sections, so there every line is a root line. Every other byte stays, line ends included."""
    qsettings = fmt in (ini.QSETTINGS, ini.PRISM_1_1)
    newline = "\r\n" if "\r\n" in text else "\n"
    pending = dict(values)
    done: set[str] = set()
    section = ""
    last_root_line = -1
    kept: list[list[str]] = []
    for line, end in _split(text, qsettings):
        match = _SECTION.match(line) if qsettings else None
        if match:
            section = match.group(1).strip().lower()
            if section == "general":
                last_root_line = len(kept)
            kept.append([line, end])
            continue
        key = _line_key(line, qsettings)
        in_root = section in ("", "general")
        if in_root and key in done:
            continue
        if in_root and key in pending:
            value = pending.pop(key)
            done.add(key)
            if value is not None:
                kept.append([f"{key}={escape(value, fmt)}", end])
                last_root_line = len(kept) - 1
            continue
        kept.append([line, end])
        if in_root and key is not None:
            last_root_line = len(kept) - 1
    additions = [[f"{key}={escape(value, fmt)}", newline] for key, value in pending.items() if value is not None]
    if qsettings and additions:
        if last_root_line < 0:
            kept[0:0] = [["[General]", newline]]
            last_root_line = 0
        kept[last_root_line + 1:last_root_line + 1] = additions
    for addition in additions if not qsettings else ():
        # MultiMC saves its keys sorted (a QMap); a new key goes before the first line with a greater key
        key = addition[0].split("=", 1)[0]
        position = next((i for i, (old, _) in enumerate(kept) if (_line_key(old, False) or "") > key), len(kept))
        kept.insert(position, addition)
    for pair in kept[:-1]:
        pair[1] = pair[1] or newline  # a line that was last without a line end may have one after it now
    return "".join(line + end for line, end in kept)
