"""The account's last game, said once by the next check, doctor or status: the cause the game's log shows, tied
to what prelaunch saw, in a player's words; a log with none of the lines says nothing."""

from __future__ import annotations

import re
import time

import pytest

from prelaunch.checks import last_game as check
from prelaunch.session import last_game
from prelaunch.ui import timefmt
from tests.helpers.builders import FIXTURE_UUID, prism_with_steve
from tests.helpers.game_logs import DUPLICATE, INVALID_AT_START, KEY_REFUSED, KEY_UNREACHABLE, ORDINARY, join, write_log

HOUR = 3600.0
JARGON = re.compile(r"\b(token|jwt|dns|tls|certificate|pid|uuid|digest|hash|401|exception)\b", re.IGNORECASE)


def game(tmp_path, entries, renewed=None, expires=None, launches=(), uuid=FIXTURE_UUID, launcher="prism") -> dict:
    """A game of Steve that started an hour ago, logged `entries` (seconds after its start, kind), and ended
    now; `renewed`, `expires` and `launches` (seconds after its start, allowed) are what prelaunch saw."""
    start = time.time() - HOUR
    for offset, allowed in launches:
        last_game.note_second_launch(uuid, allowed, at=start + offset)
    played = last_game.Game(uuid, "Steve", launcher, "Vanilla", str(tmp_path / "mc"), started_at=start,
                            token_expires_at=None if expires is None else start + expires)
    write_log(tmp_path / "mc", start, [(start + offset, kind) for offset, kind in entries])
    played.renewed_at = None if renewed is None else start + renewed
    return played.conclude()


def at(record: dict, offset: float) -> str:
    return timefmt.clock(record["started_at"] + offset)


def plain(finding) -> None:
    for text in (finding.title, finding.detail, *finding.fixes):
        assert not JARGON.search(text), text
    assert len(finding.fixes) == 1 and finding.severity == "warning"


def test_invalid_at_start(home, tmp_path):
    record = game(tmp_path, [(4, INVALID_AT_START), (600, join())], expires=-60)
    found = check.explain(record)
    assert found.title == "Last time, Steve's game started with a sign-in that no longer worked"
    assert found.detail.startswith(f"When the game started, at {at(record, 4)}, its log shows")
    assert f"(it had run out at {at(record, -60)})" in found.detail
    plain(found)


def test_renewed_while_playing(home, tmp_path):
    record = game(tmp_path, [(300, join()), (1500, KEY_REFUSED)], renewed=1200)
    found = check.explain(record)
    assert found.title == f"Last time, Steve's game was signed out at {at(record, 1200)}"
    assert found.summary.startswith("The launcher renewed the sign-in while you played")
    assert found.detail.startswith(f"Prism Launcher renewed the sign-in at {at(record, 1200)}, and the game's log "
                                   f"then shows the sign-in servers refusing it at {at(record, 1500)}")
    plain(found)


def test_a_join_after_a_renewal_is_the_evidence_when_nothing_else_is_logged(home, tmp_path):
    """The client does not log the "Invalid session" of a join: the join after the renewal is what it shows."""
    record = game(tmp_path, [(300, join("early.example")), (1500, join("late.example"))], renewed=1200,
                  launcher="modrinth")
    found = check.explain(record)
    assert f"Modrinth App renewed the sign-in at {at(record, 1200)}" in found.detail
    assert f"a join of late.example at {at(record, 1500)}" in found.detail


@pytest.mark.parametrize("launches, tie", [
    ((), "prelaunch saw no second launch of it on this computer"),
    (((900, True),), "(prelaunch let a second launch of this account go on at {}"),
    (((900, False),), "prelaunch saw no second launch of it on this computer"),  # refused: it never played
])
def test_logged_in_from_another_location(home, tmp_path, launches, tie):
    record = game(tmp_path, [(600, join()), (1000, DUPLICATE)], launches=launches)
    found = check.explain(record)
    assert found.title == f"Last time, Steve's game was put off a server at {at(record, 1000)}"
    assert found.summary == "The account joined the same server again from another game."
    assert tie.format(at(record, 900)) in found.detail
    assert [x["allowed"] for x in record["second_launches"]] == [allowed for _, allowed in launches]
    plain(found)


def test_ran_out_while_playing(home, tmp_path):
    record = game(tmp_path, [(300, join("a.example")), (2400, join("b.example"))], expires=1800)
    found = check.explain(record)
    assert found.title == f"Last time, Steve's sign-in ran out at {at(record, 1800)}, mid-game"
    assert f"a join of b.example at {at(record, 2400)}" in found.detail
    plain(found)


@pytest.mark.parametrize("launches", [(), ((600, True),)])
def test_refused_while_playing_says_only_what_prelaunch_saw(home, tmp_path, launches):
    record = game(tmp_path, [(300, join()), (1500, KEY_REFUSED)], launches=launches)
    found = check.explain(record)
    assert found.title == f"Last time, Steve's game was signed out at {at(record, 1500)}"
    if launches:
        assert (f"prelaunch saw no renewal by Prism Launcher before then, and let a second launch of this account "
                f"go on at {at(record, 600)}") in found.detail
    else:
        assert ("prelaunch saw no renewal by Prism Launcher before then, and no second launch of this account on "
                "this computer") in found.detail
    plain(found)


@pytest.mark.parametrize("entries, renewed, expires", [
    ([(300, join()), (600, ORDINARY)], None, None),  # joins alone are no cause
    ([(300, join()), (900, KEY_UNREACHABLE)], None, None),  # the network, not the sign-in
    ([(300, join()), (600, ORDINARY)], 900, None),  # renewed with nothing after it: told at the moment
    ([(300, join())], None, 1800),  # ran out with nothing after it: told at the moment
])
def test_nothing_in_the_log_says_nothing(home, tmp_path, entries, renewed, expires):
    assert check.explain(game(tmp_path, entries, renewed=renewed, expires=expires)) is None


def test_no_log_at_all_says_nothing(home, tmp_path):
    played = last_game.Game(FIXTURE_UUID, "Steve", "prism", started_at=time.time() - HOUR)
    played.renewed_at = time.time() - 60
    assert check.explain(played.conclude()) is None


CAUSES = {
    "invalid at start": ([(4, INVALID_AT_START)], {}, "started with a sign-in that no longer worked"),
    "renewed": ([(1500, KEY_REFUSED)], {"renewed": 1200}, "Prism Launcher renewed the sign-in at"),
    "duplicate": ([(1000, DUPLICATE)], {}, "game was put off a server at"),
    "ran out": ([(2400, join())], {"expires": 1800}, ", mid-game"),
    "refused": ([(1500, KEY_REFUSED)], {}, "game was signed out at"),
}


@pytest.mark.parametrize("cause", sorted(CAUSES))
@pytest.mark.parametrize("first", ["check", "doctor", "status"])
def test_the_next_command_names_the_cause_once(cli, home, tmp_path, cause, first):
    entries, seen, words = CAUSES[cause]
    inst = prism_with_steve(home, "Vanilla")
    game(tmp_path, entries, **seen)
    args = {"check": ("check", "--ui", "none"), "doctor": ("doctor",), "status": ("status",)}
    env = {"INST_DIR": str(inst)}
    told = cli(*args[first], env=env, cwd=inst / "minecraft")
    assert told.out.count(words) == 1, told.out
    assert "Traceback" not in told.err
    for again in ("check", "doctor", "status"):
        assert words not in cli(*args[again], env=env, cwd=inst / "minecraft").out


def test_a_log_with_none_of_the_lines_gives_no_word_and_a_quiet_check(cli, home, tmp_path):
    inst = prism_with_steve(home, "Vanilla")
    game(tmp_path, [(300, join()), (600, ORDINARY)])
    result = cli("check", "--ui", "none", env={"INST_DIR": str(inst)}, cwd=inst / "minecraft")
    assert result.code == 0 and result.out.splitlines() == ["!![Info]!prelaunch: all good (account, token, session)"]


def test_another_accounts_game_is_not_said_by_this_accounts_check(cli, home, tmp_path):
    inst = prism_with_steve(home, "Vanilla")
    game(tmp_path, [(1000, DUPLICATE)], uuid="ab" * 16)
    result = cli("check", "--ui", "none", env={"INST_DIR": str(inst)}, cwd=inst / "minecraft")
    assert "put off a server" not in result.out
    assert last_game.untold() == ["ab" * 16]
    assert "put off a server" in cli("status").out


def test_status_json_lists_untold_last_games_once(cli, home, tmp_path):
    record = game(tmp_path, [(1000, DUPLICATE)], uuid="ab" * 16)
    told = cli("status", "--json").json()
    assert [f["title"].split(": the")[0] for f in told["last_games"]] == [
        f"Last time, Steve's game was put off a server at {at(record, 1000)}"]
    assert told["held"] == [] and cli("status", "--json").json()["last_games"] == []
