from datetime import datetime, timedelta, timezone

import pytest

from prelaunch.checks import clock


@pytest.mark.parametrize("text,expected", [
    ("Sun, 06 Nov 1994 08:49:37 GMT", 784111777.0), ("Sunday, 06-Nov-94 08:49:37 GMT", None),
    ("Sun Nov  6 08:49:37 1994", None), ("Sun, 06 Nov 1994 25:49:37 GMT", None), ("", None),
    ("Sun, 06 Foo 1994 08:49:37 GMT", None), ("Sun, xx Nov 1994 08:49:37 GMT", None),
    ("Thu, 29 Feb 2024 00:00:00 GMT", 1709164800), ("Thu, 29 Feb 2023 00:00:00 GMT", None),
    ("Sat, 31 Jun 2026 00:00:00 GMT", None), ("Sat, 00 Jun 2026 00:00:00 GMT", None),
    ("Wed, 31 Dec 2025 23:59:60 GMT", 1767225599), ("Wed, 31 Dec 2025 23:59:59 UTC", None),
    ("Wed, 31 Dec 2025 23:59 GMT", None), ("Wed, 31 Dec 2025 23:59:59:00 GMT", None)])
def test_http_date(text, expected):
    assert clock.http_date(text) == expected


def test_http_date_agrees_with_datetime_over_four_centuries():
    """Every 13th day from 1900 to 2300, across leap years, century years and 2000."""
    moment = datetime(1900, 1, 1, 23, 59, 58, tzinfo=timezone.utc)
    while moment.year < 2300:
        text = moment.strftime("%a, %d ") + clock._MONTHS[moment.month - 1] + moment.strftime(" %Y %H:%M:%S GMT")
        assert clock.http_date(text) == moment.timestamp(), text
        moment += timedelta(days=13, seconds=1)
