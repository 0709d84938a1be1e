"""Durations and clock times as a player reads them."""

from __future__ import annotations

import time

from prelaunch.ui import timefmt


def test_duration():
    assert [timefmt.duration(s) for s in (30, 720, 3 * 3600 + 300, 2 * 86400 + 3 * 3600, 86400, -600)] == [
        "less than a minute", "12 min", "3 h 5 min", "2 days 3 h", "1 day", "10 min"]


def test_clock_today_and_another_day():
    now = time.time()
    assert timefmt.clock(now) == time.strftime("%H:%M", time.localtime(now))
    assert timefmt.clock(now - 3 * 86400) == time.strftime("%Y-%m-%d %H:%M", time.localtime(now - 3 * 86400))


def test_a_time_no_calendar_holds():
    assert timefmt.clock(1e20) == "100000000000000000000 s after 1970"
