"""The local clock against the sign-in servers' HTTP `Date`, from the answers the probes already got (no extra
request). Offset = (Date + 0.5 s) - midpoint(send, receive): the header has one-second resolution."""

from __future__ import annotations

import sys
from datetime import timezone
from email.utils import parsedate_to_datetime

from prelaunch.model import Finding
from prelaunch.ui import timefmt

NAME = "clock"

_AUTOMATIC_TIME = {
    "win32": ('Settings → Time & language → Date & time: turn on "Set time automatically", then press "Sync now".',),
    "darwin": ('System Settings → General → Date & Time: turn on "Set time and date automatically".',),
    "linux": ("Turn on automatic date and time in your desktop's date and time settings.",
              "Or run `timedatectl set-ntp true` in a terminal."),
}


def http_date(text: str) -> float | None:
    """Epoch seconds of an HTTP Date (IMF-fixdate, RFC 850 or asctime form, all in GMT: RFC 9110 section
    5.6.7); None for anything else."""
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # the asctime form carries no zone, and "-0000" says none is known: both are GMT
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def offset(probes: list) -> float | None:
    """Seconds the local clock is ahead of the servers (negative: behind), the median over the answers with a
    readable Date; None without one."""
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


def fixes(platform: str = sys.platform) -> tuple[str, ...]:
    """How to set the clock right on this OS."""
    automatic = _AUTOMATIC_TIME[platform if platform in ("win32", "darwin") else "linux"]
    return (*automatic, "Check the time zone too: a wrong zone with a right-looking time is still wrong.")


def off_by(skew: float | None, threshold_s: float) -> float | None:
    """The offset when it is past the threshold (the clock finding is a warning), else None."""
    return skew if skew is not None and abs(skew) >= threshold_s else None


def describe(skew: float) -> str:
    """'40 s fast', '3 days slow': how far off the clock is, in a player's words."""
    amount = f"{round(abs(skew))} s" if abs(skew) < 120 else timefmt.duration(round(skew / 60) * 60)
    return f"{amount} {'fast' if skew > 0 else 'slow'}"


def assess(probes: list, threshold_s: float, platform: str = sys.platform) -> list[Finding]:
    """One finding about the clock, or none when no answer carried a usable Date."""
    skew = offset(probes)
    if skew is None:
        return []
    if off_by(skew, threshold_s) is None:
        return [Finding(NAME, "ok", f"Clock within {max(1, round(abs(skew)))} s of the sign-in servers")]
    return [Finding(
        NAME, "warning", f"Your clock is {describe(skew)}",
        "Measured against the sign-in servers' time. Xbox sign-in fails past about 4 minutes of difference, "
        "a wrong clock makes a sign-in look valid when it is not, and servers may kick you for chat messages "
        "out of order.", fixes(platform),
        summary="Signing in fails when the clock is more than a few minutes off.",
        situation="fast" if skew > 0 else "slow")]
