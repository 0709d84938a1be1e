"""Names are text: what a player or a modpack wrote (an instance or account name, a folder, a command) made inert
for the output it goes to, so that it is shown as written and never read as markup or terminal control.

A text about a player's things is made in two steps, and each output escapes exactly once:
- where a name is put into one of our texts, the line it ends up in goes through `line()`: its control
  characters, line breaks and bidirectional overrides are shown as escapes (`\\n`, `\\x1b`, `\\u202e`), so a name
  never starts a new console line, sets a terminal's title, colours or clipboard, or turns text around. Our own
  multi-line texts (a dialog's message) are joined from such lines with "\\n" and nothing else;
- a dialog backend whose program reads markup escapes the whole finished text for it (`qt_rich_text` for
  kdialog, `markup` for a notification's body); plain outputs (the console, zenity with --no-markup, Tk, the
  Windows and macOS boxes) take it as it is.
A finding's title, detail and steps are such single lines that may hold a raw name (`--json` gives them as
data), so every writer of findings passes them through `line()`.
"""

from __future__ import annotations

import json
import re

from prelaunch.failsafe import CONTROL, WIDE_CONTROL
from prelaunch.failsafe import inert_line as line  # the bottom of the package needs it for its own lines

__all__ = ["CONTROL", "line", "qt_rich_text", "markup", "json_text", "toml"]


def _unicode_escape(found: re.Match) -> str:
    return f"\\u{ord(found.group()):04x}"


def qt_rich_text(text: str, headline: str = "") -> str:
    """Plain text (its lines made by `line`) as Qt rich text that shows exactly it: a Qt label guesses rich
    text from the text itself (Qt::mightBeRichText), so it is made rich on purpose, every character escaped,
    and its line breaks and runs of spaces kept (CSS white-space: pre-wrap). `headline`: a first line, in bold."""
    import html  # only a dialog needs it

    bold = f"<b>{html.escape(headline)}</b>\n" if headline else ""
    return f'<qt><div style="white-space:pre-wrap">{bold}{html.escape(text)}</div></qt>'


def markup(text: str) -> str:
    """Plain text as the markup of a desktop notification's body (Pango in most notification services; the
    specification's simple markup elsewhere): every character escaped, line breaks kept."""
    import html

    return html.escape(text)


def json_text(doc: object) -> str:
    """`doc` as JSON whose strings are exact data and whose text holds no control character: JSON escapes C0
    itself; C1, the line separators and the bidirectional controls are escaped as \\uXXXX too. Outside its
    strings JSON's text is ASCII, so each of them stands inside a string."""
    return WIDE_CONTROL.sub(_unicode_escape, json.dumps(doc, indent=2, ensure_ascii=False))


def toml(text: str) -> str:
    """A TOML line made by a TOML writer, shown as it is except for the control and bidirectional characters a
    writer may leave raw inside a quoted string (TOML requires escapes only for C0 and DEL): each becomes TOML's
    own \\uXXXX escape, which reads back as the same character and keeps it visible."""
    return CONTROL.sub(_unicode_escape, text)
