"""The clock check: HTTP dates read with email.utils, the offset from the answers, steps for this OS only."""

from __future__ import annotations

import sys
from datetime import datetime, timezone

import pytest

from prelaunch.checks import clock
from prelaunch.net.result import Probe


def epoch(*fields: int) -> float:
    return datetime(*fields, tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize("text,expected", [
    ("Sun, 06 Nov 1994 08:49:37 GMT", epoch(1994, 11, 6, 8, 49, 37)),  # IMF-fixdate
    ("Sunday, 06-Nov-94 08:49:37 GMT", epoch(1994, 11, 6, 8, 49, 37)),  # RFC 850
    ("Sun Nov  6 08:49:37 1994", epoch(1994, 11, 6, 8, 49, 37)),  # asctime: no zone, GMT by definition
    ("Thu, 29 Feb 2024 00:00:00 GMT", epoch(2024, 2, 29)),
    ("Wed, 31 Dec 2025 23:59:59 +0100", epoch(2025, 12, 31, 22, 59, 59)),
    ("Sun, 06 Nov 1994 25:49:37 GMT", None), ("", None), ("Sun, 06 Foo 1994 08:49:37 GMT", None),
    ("Sun, xx Nov 1994 08:49:37 GMT", None), ("Thu, 29 Feb 2023 00:00:00 GMT", None),
    ("Sat, 31 Jun 2026 00:00:00 GMT", None), ("Sat, 00 Jun 2026 00:00:00 GMT", None),
    ("yesterday-ish", None), ("Mon, 99 Foo 2024 99:99:99 GMT", None)])
def test_http_date(text, expected):
    assert clock.http_date(text) == expected


def answered(date: str, sent_at: float, received_at: float) -> Probe:
    probe = Probe("https://example.invalid/")
    probe.outcome, probe.date, probe.sent_at, probe.received_at = "ok", date, sent_at, received_at
    return probe


def test_offset_is_the_median_against_the_midpoint():
    base = epoch(2026, 1, 1, 12)
    probes = [answered("Thu, 01 Jan 2026 12:00:00 GMT", base + 10, base + 11),  # 10 s fast
              answered("Thu, 01 Jan 2026 12:00:00 GMT", base + 300, base + 301),  # an outlier
              answered("Thu, 01 Jan 2026 12:00:00 GMT", base + 20, base + 21),  # 20 s fast
              answered("not a date", base, base + 1)]
    assert clock.offset(probes) == 20.0  # midpoint minus (Date + 0.5 s), median of 10, 20 and 300
    assert clock.offset(probes[3:]) is None


@pytest.mark.parametrize("skew,title", [(-600, "Your clock is 10 min slow"), (150, "Your clock is 2 min fast"),
                                        (-3 * 86400, "Your clock is 3 days slow")])
def test_a_clock_beyond_the_threshold_is_a_warning(skew, title):
    base = epoch(2026, 1, 1, 12)
    probe = answered("Thu, 01 Jan 2026 12:00:00 GMT", base + skew, base + skew + 1)
    found = clock.assess([probe], threshold_s=120)
    assert [(f.severity, f.title) for f in found] == [("warning", title)]


def test_within_the_threshold_is_ok_and_no_date_says_nothing():
    base = epoch(2026, 1, 1, 12)
    assert clock.assess([answered("Thu, 01 Jan 2026 12:00:00 GMT", base, base + 1)], 120)[0].severity == "ok"
    assert clock.assess([Probe("https://example.invalid/")], 120) == []


@pytest.mark.parametrize("platform,own,others", [
    ("linux", "timedatectl set-ntp true", ("Windows", "Settings → Time", "System Settings")),
    ("win32", 'Settings → Time & language → Date & time: turn on "Set time automatically"',
     ("timedatectl", "System Settings")),
    ("darwin", 'System Settings → General → Date & Time', ("timedatectl", "Time & language"))])
def test_only_this_systems_steps(platform, own, others):
    base = epoch(2026, 1, 1, 12)
    probe = answered("Thu, 01 Jan 2026 12:00:00 GMT", base + 600, base + 601)
    fixes = " ".join(clock.assess([probe], 120, platform)[0].fixes)
    assert own in fixes
    assert not [word for word in others if word in fixes]


def test_the_default_is_the_running_system():
    assert clock.fixes() == clock.fixes(sys.platform)
