"""The session's part of latest.log, its times given their dates (midnight included), and the evidence found."""

from __future__ import annotations

import os
import time
from datetime import datetime

import pytest

from prelaunch.session import game_log
from tests.session.game_logs import (
    DUPLICATE,
    INVALID_AT_START,
    KEY_REFUSED,
    KEY_UNREACHABLE,
    ORDINARY,
    entry,
    join,
    preamble,
    write_log,
)

LATE_EVENING = datetime(2026, 12, 1, 23, 50, 0).timestamp()


def test_each_line_is_found_with_its_time():
    start = time.time() - 3600
    text = preamble(start) + "".join(entry(at, kind) for at, kind in (
        (start + 5, INVALID_AT_START), (start + 600, join()), (start + 900, KEY_REFUSED),
        (start + 1200, DUPLICATE), (start + 1300, ORDINARY)))
    found = game_log.classify(text, start)
    assert found.first_at == pytest.approx(start, abs=1)
    assert found.invalid_at_start == pytest.approx(start + 5, abs=1)
    assert list(found.key_refused) == [pytest.approx(start + 900, abs=1)]
    assert list(found.duplicate_login) == [pytest.approx(start + 1200, abs=1)]
    assert [(pytest.approx(start + 600, abs=1), "play.example.net")] == list(found.joins)


def test_times_after_midnight_take_the_next_day():
    text = preamble(LATE_EVENING) + "".join(entry(at, kind) for at, kind in (
        (LATE_EVENING + 5 * 60, join("a.example")), (LATE_EVENING + 20 * 60, KEY_REFUSED),  # 00:10 next day
        (LATE_EVENING + 26 * 3600, join("b.example"))))  # past the next midnight too: 01:50 two days on
    found = game_log.classify(text, LATE_EVENING)
    assert datetime.fromtimestamp(found.key_refused[0]) == datetime(2026, 12, 2, 0, 10, 0)
    assert [datetime.fromtimestamp(at) for at, _ in found.joins][0] == datetime(2026, 12, 1, 23, 55, 0)
    # a day without any line cannot be seen in times without a date: the next line is taken as the next day's
    assert datetime.fromtimestamp(found.joins[1][0]).date() == datetime(2026, 12, 2).date()


def test_a_first_line_just_after_midnight_is_the_next_day():
    start = datetime(2026, 12, 1, 23, 59, 58).timestamp()
    found = game_log.classify(entry(start + 5, INVALID_AT_START), start)
    assert datetime.fromtimestamp(found.invalid_at_start) == datetime(2026, 12, 2, 0, 0, 3)


def test_forge_time_stamps_are_read_too():
    text = ("[01Dec2026 21:00:00.123] [main/INFO] [cpw.mods.modlauncher.Launcher/MODLAUNCHER]: ModLauncher running\n"
            "[01déc.2026 21:14:03.456] [Worker-Main-7/ERROR] [net.minecraft.client.multiplayer."
            "ProfileKeyPairManager/]: Failed to retrieve profile key pair\n"
            "com.mojang.authlib.exceptions.MinecraftClientHttpException: Status: 401\n")
    found = game_log.classify(text, datetime(2026, 12, 1, 20, 59, 0).timestamp())
    assert [datetime.fromtimestamp(at) for at in found.key_refused] == [datetime(2026, 12, 1, 21, 14, 3)]


def test_what_is_not_evidence():
    start = time.time() - 3600
    text = preamble(start) + "".join(entry(at, kind) for at, kind in (
        (start + 900, KEY_UNREACHABLE),  # the network, not the sign-in
        (start + 950, ("Render thread", "ERROR", "Failed to verify authentication", "java.net.UnknownHostException")),
        (start + 1000, ORDINARY)))
    found = game_log.classify(text, start)
    assert (found.invalid_at_start, list(found.key_refused), list(found.duplicate_login)) == (None, [], [])


def test_a_key_refused_at_start_up_is_an_invalid_sign_in_at_start():
    start = time.time() - 3600
    found = game_log.classify(preamble(start) + entry(start + 30, KEY_REFUSED), start)
    assert found.invalid_at_start == pytest.approx(start + 30, abs=1) and not found.key_refused


def test_server_names_are_kept_printable_and_bounded():
    start = time.time() - 60
    found = game_log.classify(entry(start, join("evil\x1b[31m.example" + "x" * 400)), start)
    host = found.joins[0][1]
    assert "\x1b" not in host and len(host) == game_log.HOST_CHARS


def test_only_this_sessions_part_is_read(tmp_path):
    """The same file appended to: read from where it ended at the game's start; a new file (rolled over at
    start-up): read whole; a file not written since the game started: no log of this session."""
    earlier = time.time() - 7200
    write_log(tmp_path, earlier, [(earlier + 60, DUPLICATE)])
    at_start = game_log.mark(str(tmp_path))
    start = time.time() - 600
    write_log(tmp_path, start, [(start + 60, join())], append=True)
    found = game_log.read_session(str(tmp_path), at_start, start)
    assert not found.duplicate_login and len(found.joins) == 1
    log = tmp_path / "logs" / "latest.log"
    log.rename(tmp_path / "logs" / "old.log")
    write_log(tmp_path, start, [(start + 300, KEY_REFUSED)])
    assert len(game_log.read_session(str(tmp_path), at_start, start).key_refused) == 1
    os.utime(log, (start - 5, start - 5))
    assert game_log.read_session(str(tmp_path), None, start) is None  # older than the game
    assert game_log.read_session(str(tmp_path / "nowhere"), None, start) is None


def test_a_new_file_that_got_the_old_ones_inode_is_read_whole(tmp_path):
    """log4j rolls the old file over and makes a new one, which may get the freed inode: its first bytes tell."""
    start = time.time() - 600
    write_log(tmp_path, start - 3600, [(start - 3000, ORDINARY)] * 3)
    at_start = game_log.mark(str(tmp_path))
    log = tmp_path / "logs" / "latest.log"
    with open(log, "r+", encoding="utf-8") as handle:  # same inode, new content longer than before
        handle.write(preamble(start) + entry(start + 200, DUPLICATE) + entry(start + 300, ORDINARY) * 5)
    assert os.stat(log).st_ino == at_start.inode and os.stat(log).st_size >= at_start.size
    assert len(game_log.read_session(str(tmp_path), at_start, start).duplicate_login) == 1


def test_a_huge_log_is_read_only_up_to_its_cap(tmp_path):
    """The start of the session and its end are read, the middle of a log past READ_CAP is not."""
    start = time.time() - 7200
    log = write_log(tmp_path, start, [(start + 5, INVALID_AT_START)])
    filler = entry(start + 100, ("Render thread", "INFO", "x" * 200))
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(filler * (game_log.HEAD_PART // len(filler) + 1))
        handle.write(entry(start + 100, join("middle.example")))
        handle.write(filler * (2 * game_log.READ_CAP // len(filler)))
        handle.write(entry(start + 3600, DUPLICATE))
    found = game_log.read_session(str(tmp_path), None, start)
    assert found.invalid_at_start is not None and len(found.duplicate_login) == 1
    assert [host for _, host in found.joins] == []  # in the middle: past the part read from the start
