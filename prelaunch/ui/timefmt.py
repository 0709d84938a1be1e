"""Durations and clock times as a player reads them."""

from __future__ import annotations

from datetime import date, datetime


def duration(seconds: float) -> str:
    """'2 days 3 h', '3 h 5 min', '12 min', 'less than a minute'."""
    seconds = abs(int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days} day{'s' if days > 1 else ''}" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    return f"{minutes} min" if minutes else "less than a minute"


def clock(epoch: float) -> str:
    """Local time of day, with the date when it is not today; the raw number for a time no calendar holds."""
    try:
        moment = datetime.fromtimestamp(epoch)
    except (OverflowError, OSError, ValueError):
        return f"{epoch:.0f} s after 1970"
    return moment.strftime("%H:%M" if moment.date() == date.today() else "%Y-%m-%d %H:%M")
