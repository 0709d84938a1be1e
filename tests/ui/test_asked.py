"""Asked once: what is kept of a "Launch anyway" pressed, for how long, and what it is about. Across real
launches (real `check` processes and a real dialog) in test_popups.py."""

from __future__ import annotations

import json
import os
import stat

from prelaunch import paths
from prelaunch.model import Finding
from prelaunch.ui import asked

NOW = 1_800_000_000.0
HOUR = 3600
OFFLINE = Finding("token", "warning", "'Alex' is an offline account", situation="offline")
NO_INTERNET = Finding("network", "warning", "You seem to be offline", situation="offline")
IN_USE = Finding("session", "error", "'Alex' is already playing in another game")


def file() -> str:
    return os.path.join(paths.state_dir(), "asked.json")


def test_an_answer_holds_for_the_hours_set_then_asks_again(home):
    asked.remember([OFFLINE, NO_INTERNET], "alex-uuid", 24, now=NOW)
    assert asked.answered([OFFLINE, NO_INTERNET], "alex-uuid", 24, now=NOW + 23 * HOUR) == {0: NOW, 1: NOW}
    assert asked.answered([OFFLINE], "alex-uuid", 24, now=NOW + 25 * HOUR) == {}
    assert asked.answered([OFFLINE], "alex-uuid", 48, now=NOW + 25 * HOUR) == {0: NOW}  # the setting decides
    assert asked.answered([OFFLINE], "alex-uuid", 0, now=NOW + 1) == {}  # 0: ask every time


def test_only_the_same_situation_of_the_same_account_is_answered(home):
    asked.remember([Finding("token", "warning", "The sign-in of 'Alex' expires in 1 h 30 min",
                            situation="expiring:1800005400")], "alex-uuid", 24, now=NOW)
    later = Finding("token", "warning", "The sign-in of 'Alex' expires in 1 h 10 min", situation="expiring:1800005400")
    renewed = Finding("token", "warning", "The sign-in of 'Alex' expires in 1 h 50 min",
                      situation="expiring:1800099999")
    assert asked.answered([later, renewed], "alex-uuid", 24, now=NOW + 1200) == {0: NOW}  # a new sign-in asks
    assert asked.answered([later], "sam-uuid", 24, now=NOW + 1200) == {}  # another account asks


def test_errors_are_never_kept(home):
    """An error (the account playing elsewhere, a leftover game) is asked at every launch."""
    asked.remember([IN_USE], "alex-uuid", 24, now=NOW)
    assert not os.path.exists(file())
    asked.remember([IN_USE, OFFLINE], "alex-uuid", 24, now=NOW)
    assert asked.answered([IN_USE, OFFLINE], "alex-uuid", 24, now=NOW + 1) == {1: NOW}


def test_the_file_is_owner_only_and_names_nobody(home):
    asked.remember([OFFLINE], "4eb2f4084eb2f4084eb2f4084eb2f408", 24, now=NOW)
    assert stat.S_IMODE(os.stat(file()).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(file())).st_mode) == 0o700
    text = open(file(), encoding="utf-8").read()
    assert "Alex" not in text and "4eb2f408" not in text and "offline" not in text
    assert json.loads(text) == {"version": 1, "answers": {asked.key(OFFLINE, "4eb2f4084eb2f4084eb2f4084eb2f408"): NOW}}


def test_it_keeps_a_bounded_number_of_answers_the_newest(home):
    for n in range(asked.KEPT + 10):
        asked.remember([Finding("clock", "warning", f"Your clock is {n} min fast")], "a", 24, now=NOW + n)
    kept = json.load(open(file(), encoding="utf-8"))["answers"]
    assert len(kept) == asked.KEPT
    newest = Finding("clock", "warning", f"Your clock is {asked.KEPT + 9} min fast")
    assert asked.answered([newest, Finding("clock", "warning", "Your clock is 0 min fast")], "a", 24,
                          now=NOW + 400) == {0: NOW + asked.KEPT + 9}


def test_a_damaged_or_strange_file_is_no_answer(home):
    paths.private_dir(paths.state_dir())
    for content in ("{not json", "[]", '{"answers": {"x": "yesterday"}}', "9" * 2_000_000):
        with open(file(), "w", encoding="utf-8") as handle:
            handle.write(content)
        assert asked.answered([OFFLINE], "a", 24, now=NOW) == {}
    os.unlink(file())
    os.symlink(os.path.join(str(home), "elsewhere.json"), file())
    with open(os.path.join(str(home), "elsewhere.json"), "w", encoding="utf-8") as handle:
        json.dump({"version": 1, "answers": {asked.key(OFFLINE, "a"): NOW}}, handle)
    assert asked.answered([OFFLINE], "a", 24, now=NOW) == {}  # never read through a link
