"""The local clock against the sign-in servers' HTTP `Date`, from the probes that already ran (no extra
request). Offset = (Date + 0.5 s) - midpoint(send, receive): the header has one-second resolution."""

from __future__ import annotations

from prelaunch import timefmt
from prelaunch.findings import Finding

NAME = "clock"
XBOX_SKEW_LIMIT_S = 240  # Xbox sign-in starts failing past about 4 minutes of skew (reference: auth.md)


def offset(probes: list) -> float | None:
    """Seconds the local clock is ahead of the servers (negative: behind), or None without a usable Date."""
    import statistics
    from email.utils import parsedate_to_datetime

    found = []
    for probe in probes:
        if not (probe.date and probe.sent_at and probe.received_at):
            continue
        try:
            server = parsedate_to_datetime(probe.date).timestamp() + 0.5
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
        found.append((probe.sent_at + probe.received_at) / 2 - server)
    return statistics.median(found) if found else None


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
