"""`loads` that answers exactly as `json.loads` does, without importing `json` when the text is valid.

`import json` imports `re` (and with it `enum`), which alone costs a warm check about as much as the
interpreter's start. The standard library's C scanner (`_json`, the one `json.loads` itself runs) needs
neither. Anything it does not accept, and any interpreter without it, goes to `json.loads`, so errors and
odd encodings (UTF-16, UTF-32) come out exactly as the standard library words them.
"""

from __future__ import annotations

try:
    from _json import make_scanner as _make_scanner
except ImportError:  # an interpreter without CPython's accelerator
    _make_scanner = None

_WHITESPACE = " \t\n\r"  # JSON's four whitespace characters


class _Rules:
    """The settings the C scanner reads from a JSONDecoder: json.loads's defaults."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float  # NaN, Infinity and -Infinity, as json.loads reads them


_scan = _make_scanner(_Rules) if _make_scanner is not None else None


def loads(data: bytes | str) -> object:
    """The value of a JSON document given as UTF-8 bytes (a BOM is allowed, as json.loads allows) or text."""
    if _scan is not None:
        try:
            if isinstance(data, (bytes, bytearray)):
                text = (data[3:] if data[:3] == b"\xef\xbb\xbf" else data).decode("utf-8")
            else:
                text = data
            start = len(text) - len(text.lstrip(_WHITESPACE))
            value, end = _scan(text, start)
            if not text[end:].strip(_WHITESPACE):
                return value
        except (UnicodeDecodeError, ValueError, StopIteration):
            pass
    import json

    return json.loads(data)
