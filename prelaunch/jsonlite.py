"""`loads` and `dumps` that answer exactly as `json.loads` and `json.dumps` (default settings) do, without
importing `json` on the usual path.

`import json` imports `re` (and with it `enum`), which alone costs a launch about half of the interpreter's
start. The standard library's C accelerator (`_json`: the scanner and encoder that `json.loads` and
`json.dumps` themselves run) needs neither. Text the scanner does not accept, an object the encoder cannot
take, and an interpreter without the accelerator all go to `json` itself, so errors and odd encodings
(UTF-16, UTF-32) come out exactly as the standard library words them.
"""

from __future__ import annotations

try:
    from _json import encode_basestring_ascii, make_encoder, make_scanner
    _ACCELERATED = True
except ImportError:  # an interpreter without CPython's accelerator, or with another one
    _ACCELERATED = False

_WHITESPACE = " \t\n\r"  # JSON's four whitespace characters


class _Rules:
    """The settings the C scanner reads from a JSONDecoder: json.loads's defaults."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float  # NaN, Infinity and -Infinity, as json.loads reads them


def _refuse(value: object) -> object:
    """The encoder's `default`: anything it cannot write goes to json.dumps, which words the error."""
    raise TypeError(type(value).__name__)


_scan = make_scanner(_Rules) if _ACCELERATED else None


def loads(data: bytes | str) -> object:
    """The value of a JSON document given as UTF-8 bytes (a BOM is allowed, as json.loads allows) or text."""
    if _ACCELERATED:
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


def dumps(value: object) -> str:
    """`json.dumps(value)`: the same text, or the same error."""
    if _ACCELERATED and isinstance(value, (dict, list)):
        try:  # json.dumps's defaults: circular check, ASCII only, ", " and ": ", no indent, keys as given
            encode = make_encoder({}, _refuse, encode_basestring_ascii, None, ": ", ", ", False, False, True)
            return "".join(encode(value, 0))
        except (TypeError, ValueError):  # also an accelerator that takes other arguments
            pass
    import json

    return json.dumps(value)
