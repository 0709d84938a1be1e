"""The account's type and its Minecraft token's expiry."""

from __future__ import annotations

import time
from dataclasses import replace

from prelaunch.checks import clock
from prelaunch.config import Config
from prelaunch.model import LAUNCHER_NAMES, Finding, LaunchContext
from prelaunch.ui import timefmt

NAME = "token"
PRISM_REFRESH_BELOW_S = 12 * 3600  # Prism renews a token at launch when less than this is left
_CLOCK_FIX = ("Make sure your computer's clock is set automatically: a wrong clock makes a sign-in look valid "
              "when it is not.")


def refresh_fixes(context: LaunchContext) -> tuple[str, ...]:
    """How to get a fresh sign-in, in the order to try (the article's: restart the launcher, then sign out
    and in), for this launcher; the first step in plain words."""
    launcher = context.launcher
    if launcher is None:
        return ("Close your launcher and open it again while online, then launch: that renews your sign-in.",
                "If that does not help, sign out of the account in the launcher and sign in again.", _CLOCK_FIX)
    if launcher.kind == "prism":
        return ("Quit and restart Prism Launcher while this computer is online, then launch again.",
                "If that does not help: Settings → Accounts, remove the account and add it again to sign in again.",
                _CLOCK_FIX)
    if launcher.kind == "multimc":
        return ("Restart MultiMC, open Settings → Accounts, select the account and press Refresh.",
                "If that fails, remove the account and add it again.", _CLOCK_FIX)
    if launcher.storage.startswith("json"):
        return ("Sign in again in the Modrinth App: close it, delete its saved sign-in file (next step), start "
                "it and sign in.",
                f"The saved sign-in file: caches/metadata/minecraft_auth.json in {launcher.data_dir}.",
                "Update the Modrinth App: version 0.8 and newer renew the sign-in before it runs out.")
    return ("Close the Modrinth App and open it again while online: it renews your sign-in before launching.",
            "If that does not help, sign out of the account in the app and sign in again.", _CLOCK_FIX)


def run(context: LaunchContext, config: Config, now: float | None = None,
        clock_skew: float | None = None) -> list[Finding]:
    """The token's state. `clock_skew`: seconds this computer's clock is ahead of the sign-in servers (behind:
    negative), when the clock check found it off; the token is then judged by the servers' time, which is the
    time that counts, and the finding says what this computer's own clock makes of it."""
    now = time.time() if now is None else now
    if not clock_skew:
        return _state(context, config, now)
    by_servers = _state(context, config, now - clock_skew)
    account = context.account
    if by_servers == _state(context, config, now) or account is None or account.token_expires_at is None:
        return by_servers  # the clock changes nothing here (no account, offline, no expiry known)
    left = account.token_expires_at - now
    looks = f"expired {timefmt.duration(left)} ago" if left <= 0 else f"valid for {timefmt.duration(left)}"
    note = (f"Judged by the sign-in servers' time: this computer's clock is {clock.describe(clock_skew)}, "
            f"and by it the sign-in looks {looks}.")
    return [replace(f, detail=f"{f.detail} {note}".lstrip()) for f in by_servers]


def _state(context: LaunchContext, config: Config, now: float) -> list[Finding]:
    account = context.account
    if account is None:
        if context.launcher is None or any(n.severity != "info" for n in context.notes):
            return []  # the context already says why nothing could be read
        launcher = LAUNCHER_NAMES.get(context.launcher.kind, context.launcher.kind)
        return [Finding(NAME, "warning", "No signed-in account found",
                        f"{launcher} has no default account for this launch, so online play cannot be checked.",
                        ("Add or select a Microsoft account in the launcher's account settings.",),
                        summary="Online servers need a Microsoft account that owns Minecraft.",
                        situation="no-account")]
    who = f"'{account.name}'" if account.name else "This account"
    if account.type == "offline":
        return [Finding(NAME, "warning", f"{who} is an offline account",
                        'Online-mode servers refuse offline accounts with "Failed to verify username!"; '
                        "singleplayer, LAN and offline-mode servers still work.",
                        ("To play on online servers, add a Microsoft account that owns Minecraft and select it.",),
                        summary="Online servers refuse it; singleplayer and LAN worlds still work.",
                        situation="offline")]
    if account.type == "mojang":
        return [Finding(NAME, "warning", f"{who} is an old Mojang account",
                        "Mojang accounts can no longer sign in; servers answer \"Invalid session\".",
                        ("Add the Microsoft account the profile was moved to, and remove the Mojang one.",),
                        summary="Mojang accounts can no longer sign in, so online servers refuse it.",
                        situation="mojang")]
    if account.token_expires_at is None:
        return [Finding(NAME, "info", f"Sign-in expiry of {account.name or 'the account'} is unknown",
                        "The launcher stores no expiry prelaunch can read.")]
    left = account.token_expires_at - now
    at = timefmt.clock(account.token_expires_at)
    if left <= 0:
        return [Finding(NAME, "warning", f"The sign-in of {who} expired {timefmt.duration(left)} ago",
                        f'It ran out at {at}. Joining an online server now fails with "Invalid session" until '
                        "the launcher signs in again.", refresh_fixes(context),
                        summary='Online servers will refuse you with "Invalid session"; singleplayer still works.',
                        situation=f"expired:{account.token_expires_at}")]
    if left <= config.token.horizon_hours * 3600:
        return [Finding(NAME, "warning", f"The sign-in of {who} expires in {timefmt.duration(left)}",
                        f'At {at} joining online servers starts failing with "Invalid session", and the game '
                        "cannot renew it while it runs.", refresh_fixes(context),
                        summary=f'From {at} online servers will refuse you with "Invalid session" until you '
                                "restart.",
                        situation=f"expiring:{account.token_expires_at}")]
    if context.launcher and context.launcher.kind == "prism" and left < PRISM_REFRESH_BELOW_S:
        return [Finding(NAME, "info", f"Prism did not renew the sign-in of {who} ({timefmt.duration(left)} left)",
                        "Prism renews below 12 hours unless another game uses the account or the renewal "
                        "failed (\"Play Offline\").")]
    return [Finding(NAME, "ok", f"Sign-in of {who} valid for {timefmt.duration(left)} (until {at})")]
