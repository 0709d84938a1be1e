"""The local clock against the sign-in servers' HTTP `Date`, from the probes that already ran (no extra
request). Offset = (Date + 0.5 s) - midpoint(send, receive): the header has one-second resolution.
Only the IMF-fixdate form that RFC 9110 requires of servers is read (email.utils costs a third of a warm
check); a Date in another form is skipped like a missing one."""

from __future__ import annotations

from prelaunch import timefmt
from prelaunch.model import Finding

NAME = "clock"
XBOX_SKEW_LIMIT_S = 240  # Xbox sign-in starts failing past about 4 minutes of skew (reference: auth.md)


def offset(probes: list) -> float | None:
    """Seconds the local clock is ahead of the servers (negative: behind), or None without a usable Date."""
    found = []
    for probe in probes:
        server = http_date(probe.date) if probe.date and probe.sent_at and probe.received_at else None
        if server is not None:
            found.append((probe.sent_at + probe.received_at) / 2 - (server + 0.5))
    if not found:
        return None
    found.sort()
    middle = len(found) // 2
    return found[middle] if len(found) % 2 else (found[middle - 1] + found[middle]) / 2


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS_BEFORE_MONTH = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def http_date(text: str) -> float | None:
    """Epoch seconds of an IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT`; None for anything else."""
    parts = text.split()
    if len(parts) != 6 or parts[5] != "GMT" or parts[2] not in _MONTHS:
        return None
    clock = parts[4].split(":")
    try:
        day, year = int(parts[1]), int(parts[3])
        hour, minute, second = (int(p) for p in clock)
    except ValueError:
        return None
    month = _MONTHS.index(parts[2]) + 1
    if not (1 <= year <= 9999 and 1 <= day <= _month_length(year, month) and 0 <= hour < 24 and 0 <= minute < 60
            and 0 <= second < 61):
        return None
    return _days_since_1970(year, month, day) * 86400 + hour * 3600 + minute * 60 + min(second, 59)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if _is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _days_since_1970(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to a Gregorian date (what datetime would say; datetime costs a warm check 2 ms)."""
    before = year - 1
    leap_days = before // 4 - before // 100 + before // 400 - 477  # 477 leap years come before 1970
    days = 365 * (year - 1970) + leap_days + _DAYS_BEFORE_MONTH[month - 1] + day - 1
    return days + 1 if month > 2 and _is_leap(year) else days


def assess(probes: list, threshold_s: float) -> list[Finding]:
    if not any(probe.date for probe in probes):
        return []
    skew = offset(probes)
    if skew is None:
        return []
    if abs(skew) < threshold_s:
        return [Finding(NAME, "ok", f"Clock within {max(1, round(abs(skew)))} s of the sign-in servers")]
    direction = "fast" if skew > 0 else "slow"
    amount = f"{round(abs(skew))} s" if abs(skew) < 120 else timefmt.duration(round(skew / 60) * 60)
    return [Finding(
        NAME, "warning", f"Your clock is {amount} {direction}",
        "Measured against the sign-in servers' time. Xbox sign-in fails past about 4 minutes of difference, "
        "and a wrong clock makes tokens look valid when they are not (and chat keys expire early).",
        ("Windows: Settings → Time & language → Date & time → turn on \"Set time automatically\", then press "
         "\"Sync now\".",
         "macOS: System Settings → General → Date & Time → turn on \"Set time and date automatically\".",
         "Linux: run `timedatectl set-ntp true` (or enable your desktop's automatic time).",
         "Check the time zone too: a wrong zone with a \"right\" looking time is still wrong."))]
