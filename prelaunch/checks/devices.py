"""Is the account playing on another of the player's computers? The other computers' leases in the folder the
player syncs between them (`[devices] folder`), judged on one time base: a fresh one is an error (a launch here
signs that game out), one whose heartbeat stopped is a console line, one dated in the future beyond the
threshold says the clocks disagree. Nothing is read, and nothing is imported, when `[devices]` is not set.

`doctor` also checks the folder itself: there, writable, and shared with another computer.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, TypedDict

from prelaunch.config import Config
from prelaunch.identifiers import normalise_uuid
from prelaunch.model import Finding, LaunchContext
from prelaunch.ui import timefmt

if TYPE_CHECKING:
    from prelaunch.session.lease import Lease

NAME = "devices"
IN_USE_FIXES = ("Quit it there first.",)
_SYNC_APPS = "OneDrive, Dropbox, Syncthing, Nextcloud"


class GameElsewhere(TypedDict):
    """A game on another computer as `status` shows it; times are this computer's."""

    computer: str
    account_name: str
    instance_name: str
    launcher: str
    since: float
    last_seen: float
    state: str  # "playing", "stale" or "clock unclear"


def run(context: LaunchContext, config: Config, now: float | None = None) -> list[Finding]:
    settings = config.devices
    account = context.account
    uuid = normalise_uuid(account.uuid) if account else None
    if not settings.folder or account is None or not uuid:
        return []
    from prelaunch.net import clockoffset
    from prelaunch.session import deviceid, devices
    from prelaunch.session import lease as leases

    now = time.time() if now is None else now
    folder = devices.folder_path(settings.folder)
    try:
        found = devices.scan(folder, deviceid.current() or "", leases.account_id(uuid))
    except OSError as exc:
        return [unreadable(folder, exc)]
    own_offset = clockoffset.load(now)
    who = account.name or "This account"
    findings = [skipped(line) for line in found.skipped]
    for lease in found.leases:
        verdict, age = leases.judge(lease, now, own_offset, settings.stale_minutes * 60)
        if verdict == leases.FRESH:
            since = timefmt.clock(leases.local_time(lease, lease.started_at, own_offset))
            findings.append(playing_there(who, lease, since))
        elif verdict == leases.STALE:
            findings.append(Finding(NAME, "info", f"{who} was last seen playing on {computer(lease)} "
                                                  f"{timefmt.duration(age)} ago"))
        elif verdict == leases.UNCLEAR:
            findings.append(clock_unclear(who, lease, age))
    if not any(f.rank >= 2 for f in findings):
        findings.append(Finding(NAME, "ok", f"{who} is not playing on your other computers"))
    return findings


def games_elsewhere(config: Config, now: float | None = None) -> tuple[list[GameElsewhere], str]:
    """(the other computers' games of any account, newest first; "" or why the folder was not read), for
    `status`: each with its computer, account, instance, launcher, start and last heartbeat in this computer's
    time, and its state (playing, stale, or clock unclear). Games that ended are not listed."""
    if not config.devices.folder:
        return [], ""
    from prelaunch.net import clockoffset
    from prelaunch.session import deviceid, devices
    from prelaunch.session import lease as leases

    now = time.time() if now is None else now
    folder = devices.folder_path(config.devices.folder)
    try:
        found = devices.scan(folder, deviceid.current() or "")
    except OSError as exc:
        return [], unreadable(folder, exc).title
    own_offset = clockoffset.load(now)
    rows: list[GameElsewhere] = []
    for lease in found.leases:
        verdict, age = leases.judge(lease, now, own_offset, config.devices.stale_minutes * 60)
        if verdict != leases.ENDED:
            rows.append({"computer": lease.computer, "account_name": lease.account_name,
                         "instance_name": lease.instance, "launcher": lease.launcher,
                         "since": leases.local_time(lease, lease.started_at, own_offset),
                         "last_seen": leases.local_time(lease, lease.heartbeat_at, own_offset),
                         "state": "playing" if verdict == leases.FRESH else verdict})
    return sorted(rows, key=lambda row: -row["last_seen"]), ""


def computer(lease: Lease) -> str:
    return lease.computer or "another computer"


def playing_there(who: str, lease: Lease, since: str) -> Finding:
    """The account plays on another computer now (`since`: when it started there, in this computer's time)."""
    return Finding(NAME, "error", f"{who} is playing on {computer(lease)} since {since}",
                   "Launching here will sign that game out.", IN_USE_FIXES,
                   summary="Launching here will sign that game out of online servers.")


def clock_unclear(who: str, lease: Lease, age: float) -> Finding:
    from prelaunch.checks import clock

    return Finding(NAME, "warning", f"{who} may be playing on {computer(lease)}: the two clocks disagree",
                   f"That computer's last word about the game is dated {timefmt.duration(-age)} ahead of this "
                   "computer's time, so whether the game still runs there is unclear. If it does, launching here "
                   "will sign it out.",
                   ("If the game still runs there, quit it first.",
                    "Then set the clock right on both computers: " + clock.fixes()[0]),
                   summary="Whether the game still runs there is unclear; if it does, launching here signs it out.",
                   situation=f"clock-unclear:{lease.device}")


def is_account_in_use(finding: Finding) -> bool:
    """Whether a finding says the account plays on another computer (what `[session] on_account_in_use` is
    about, as for a game on this one)."""
    return finding.check == NAME and finding.severity == "error" and finding.fixes == IN_USE_FIXES


def skipped(line: str) -> Finding:
    return Finding(NAME, "info", f"A file in the devices folder was skipped: {line}")


def unreadable(folder: str, exc: OSError) -> Finding:
    if isinstance(exc, FileNotFoundError):
        return Finding(NAME, "info", f"The devices folder is not there ({folder}): your other computers' games "
                                     "were not looked at")
    return Finding(NAME, "info", f"The devices folder could not be read ({exc.strerror or type(exc).__name__}): "
                                 "your other computers' games were not looked at")


def folder_health(config: Config) -> list[Finding]:
    """doctor: the folder is there (or can be made), prelaunch can write in it, and another computer has."""
    if not config.devices.folder:
        return []
    from prelaunch.session import deviceid, devices

    folder = devices.folder_path(config.devices.folder)
    place = folder if os.path.isdir(folder) else os.path.dirname(folder)
    if not os.path.isdir(place):
        return [Finding(NAME, "warning", f"The devices folder is missing: {folder}",
                        "Neither it nor the folder it goes in is there, so this computer's games and the others' "
                        "cannot be seen across.",
                        (f"Check that your sync app ({_SYNC_APPS}) runs here and keeps that folder.",
                         "Or set [devices] folder in the configuration file to a folder it keeps."))]
    problem = _cannot_write(place)
    if problem:
        return [Finding(NAME, "warning", f"prelaunch cannot write in the devices folder ({problem})",
                        f"{place}: this computer's games cannot be seen from your other computers.",
                        ("Make the folder yours again, or set [devices] folder to another one.",))]
    if place != folder:
        return [Finding(NAME, "info", f"The devices folder will be made at this computer's first game: {folder}")]
    try:
        found = devices.scan(folder, deviceid.current() or "")
    except OSError as exc:
        return [unreadable(folder, exc)]
    findings = [skipped(line) for line in found.skipped]
    if not found.computers:
        return findings + [Finding(NAME, "info", "No other computer has written in the devices folder yet",
                                   "Expected until a game runs on another computer whose [devices] folder is its "
                                   "copy of this one; if one has, the folder does not sync.",
                                   (f"Check that your sync app ({_SYNC_APPS}) shares this folder with your other "
                                    "computers.",))]
    names = sorted({lease.computer for lease in found.leases if lease.computer})
    count = len(found.computers)
    return findings + [Finding(NAME, "ok", f"The devices folder is shared with {count} other "
                                           f"computer{'s' if count > 1 else ''}" + (f": {', '.join(names)}"
                                                                                     if names else ""))]


def _cannot_write(folder: str) -> str:
    """Why a file cannot be made in `folder` ("" when it can): made and removed at once, named so that no
    reader takes it for a lease."""
    import tempfile

    try:
        descriptor, made = tempfile.mkstemp(prefix=".prelaunch-doctor-", suffix=".tmp", dir=folder)
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    os.close(descriptor)
    os.unlink(made)
    return ""
