"""The watchdog reads the probing process's verdict whole, or not at all: what it notes in the game's record and
the log is a `Verdict` (its time, whether the network is fine, the titles of what is wrong)."""

from __future__ import annotations

import pytest

from prelaunch.session import fresh_verdict


def test_the_last_line_printed_is_the_verdict():
    printed = b'a warning of a library\n{"at": 1700000000, "ok": false, "problems": ["Your clock is 10 min slow"]}\n'
    assert fresh_verdict.read(printed) == {"at": 1700000000.0, "ok": False,
                                           "problems": ["Your clock is 10 min slow"]}


@pytest.mark.parametrize("printed", [
    b"", b"null", b"[]", b'{"at": 1700000000, "problems": []}', b'{"at": 1700000000, "ok": "yes", "problems": []}',
    b'{"ok": true}', b'{"at": "soon", "ok": true, "problems": []}', b'{"at": true, "ok": true, "problems": []}',
    b'{"at": NaN, "ok": true, "problems": []}', b'{"at": 1700000000, "ok": true}',
    b'{"at": 1700000000, "ok": false, "problems": "Your clock is 10 min slow"}',
])
def test_anything_but_a_whole_verdict_is_none(printed):
    assert fresh_verdict.read(printed) is None
