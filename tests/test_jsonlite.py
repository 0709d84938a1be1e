"""jsonlite.loads and jsonlite.dumps must answer exactly as json.loads and json.dumps do: same value or text,
same error and message."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from prelaunch import jsonlite

ROOT = Path(__file__).resolve().parents[1]

VALID = [
    '{"formatVersion": 3, "accounts": [{"profile": {"id": "abc", "name": "Steve"}, "active": true}]}',
    '  \t\r\n[1, -2, 3.5, 1e3, -0.0, 12345678901234567890, true, false, null]\n\n',
    '"\\u00e9\\ud83d\\ude00 \\"quoted\\" \\\\ \\/ \\b\\f\\n\\r\\t"',
    '{"a": {"b": {"c": [[], {}, [{}]]}}}',
    '{"dup": 1, "dup": 2}',
    "[NaN, Infinity, -Infinity]",
    "1e400",
    "0",
    '"ünïcödé ✓"',
]
INVALID = [
    "", "   ", "{", '{"a": 1,}', "[1, 2", "{}x", "[] []", "'single'", '"tab\there"', "01", "tru", "{'a': 1}",
    "\ufeff{}", "[1,]", '{"a" 1}', "nan", "+1", ".5",
]
BYTES = [
    b'\xef\xbb\xbf{"bom": true}',  # UTF-8 with a BOM: json.loads accepts it as bytes
    '{"x": "é"}'.encode("utf-16"),
    '{"x": "é"}'.encode("utf-16-le"),
    '{"x": "é"}'.encode("utf-32"),
    b'{"x": "\xff"}',  # not UTF-8
    b"\x00\xff{{{",
    b"",
    bytearray(b'[1, 2]'),
]


def outcome(function, data):
    try:
        return "value", repr(function(data))
    except Exception as exc:  # noqa: BLE001 - the comparison is the point
        return "error", type(exc).__name__, str(exc)


@pytest.mark.parametrize("data", VALID + INVALID + [t.encode() for t in VALID + INVALID] + BYTES)
def test_same_answer_as_json(data):
    assert outcome(jsonlite.loads, data) == outcome(json.loads, data)


class Unserializable:
    pass


def circular() -> list:
    loop: list = []
    loop.append(loop)
    return loop


WRITTEN = [
    {"pid": 4242, "process_start": 1764300000.25, "account_name": "Stève ✓", "launcher": "prism",
     "instance_dir": "/home/a b/\\x\"q\"\n\t\u2028", "token_expires_at": None, "held": True, "gone": False},
    {"key": [["https://127.0.0.1:1/"], "", "", 2.5], "at": 1.0e-7, "probes": [{"ms": {"dns": 0.1}, "big": 10 ** 30}]},
    {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf"), "neg": -0.0},
    {1: "int key", 2.5: "float key", None: "null key", True: "bool key"},
    [], {}, [[[]]], ["\ud800 lone surrogate", "\x00\x1f control"],
    {"bad": Unserializable()}, [Unserializable()], {("tuple", "key"): 1}, circular(), {"set": {1, 2}},
    "a bare string", 7, None,
]


@pytest.mark.parametrize("value", WRITTEN, ids=range(len(WRITTEN)))
def test_dumps_same_text_as_json(value):
    assert outcome(jsonlite.dumps, value) == outcome(json.dumps, value)


def test_dumps_again_after_a_failure():
    """A failed encoding leaves nothing behind that changes the next one (the circular check's memory)."""
    shared = {"x": 1}
    assert outcome(jsonlite.dumps, [shared, Unserializable()])[0] == "error"
    assert jsonlite.dumps([shared, shared]) == json.dumps([shared, shared])


def test_valid_document_does_not_import_json_or_re():
    """The point of the module; -S keeps site (and any editable-install finder) from importing them first."""
    code = ("import sys; from prelaunch import jsonlite; "
            f"assert jsonlite.loads({VALID[0]!r}.encode())['formatVersion'] == 3; "
            f"assert jsonlite.dumps({WRITTEN[0]!r}) == {json.dumps(WRITTEN[0])!r}; "
            "print(sorted(m for m in ('json', 're', 'enum') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-S", "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT)}, check=True)
    assert result.stdout.strip() == "[]"


def test_without_the_accelerator_json_answers():
    code = ("import sys; sys.modules['_json'] = None; from prelaunch import jsonlite; "
            "assert not jsonlite._ACCELERATED; "
            f"print(jsonlite.loads({VALID[1]!r}), jsonlite.dumps({WRITTEN[1]!r}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout == f"{json.loads(VALID[1])} {json.dumps(WRITTEN[1])}\n"
