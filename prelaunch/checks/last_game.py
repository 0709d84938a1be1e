"""What happened to the account's last game, said once by the next `check`, `doctor` or `status`: the cause the
game's log shows, tied to what prelaunch saw while it ran. Only what the log says and what prelaunch saw is
said; a log without any of the lines (`session.game_log`) says nothing, and so does a renewal with nothing
after it in the log (the player was told at the moment)."""

from __future__ import annotations

from prelaunch.model import LAUNCHER_NAMES, Finding, LaunchContext
from prelaunch.ui import timefmt

NAME = "last_game"

INVALID_AT_START = "invalid_at_start"
DUPLICATE = "duplicate_login"
RENEWED = "renewed"
EXPIRED = "expired"
REFUSED = "refused"

TITLES = {
    INVALID_AT_START: "Last time, {whose} game started with a sign-in that no longer worked",
    DUPLICATE: "Last time, {whose} game was put off a server at {at}",
    RENEWED: "Last time, {whose} game was signed out at {at}",
    EXPIRED: "Last time, {whose} sign-in ran out at {at}, mid-game",
    REFUSED: "Last time, {whose} game was signed out at {at}",
}
SAID = {
    INVALID_AT_START: "When the game started, at {at}, its log shows the sign-in servers refusing the sign-in the "
                      "launcher gave it{tie}; online servers answer such a game with \"Invalid session\".",
    DUPLICATE: "The server said \"You logged in from another location\": another game on this account joined the "
               "same server{tie}.",
    RENEWED: "{launcher} renewed the sign-in at {at}, and the game's log then shows {after}; online servers refuse "
             "a game whose sign-in was renewed (\"Invalid session\").",
    EXPIRED: "The game's log then shows {after}; a game cannot renew its own sign-in, so online servers answer "
             "\"Invalid session\" after that.",
    REFUSED: "The game's log shows the sign-in servers refusing its sign-in at {at}, while it ran; {tie}.",
}
SUMMARY = {  # the dialog's one sentence
    INVALID_AT_START: "Online servers answer such a game with \"Invalid session\".",
    DUPLICATE: "The account joined the same server again from another game.",
    RENEWED: "The launcher renewed the sign-in while you played; that signs the game out.",
    EXPIRED: "A game cannot renew it; online servers refused it after that.",
    REFUSED: "The sign-in servers refused the game's sign-in while it ran.",
}
FIRST_STEP = {
    INVALID_AT_START: "Restart the launcher while online so it signs in again; if that fails, sign out and back in.",
    DUPLICATE: "Play each account in one game at a time, on this computer and on any other.",
    RENEWED: "After the launcher renews the sign-in (or you press Refresh), launch the game again.",
    EXPIRED: "In a long session, quit and launch again when prelaunch says the sign-in ran out.",
    REFUSED: "Make sure no other launcher or computer starts this account, or renews its sign-in, while you "
             "play.",
}
TIE_EXPIRED_BEFORE = " (it had run out at {at})"
TIE_LAUNCH_ALLOWED = " (prelaunch let a second launch of this account go on at {at})"
TIE_NO_LAUNCH = "; prelaunch saw no second launch of it on this computer"
AFTER_REFUSED = "the sign-in servers refusing it at {at}"
AFTER_JOIN = "a join of {host} at {at}"
NO_RENEWAL_SEEN = ("prelaunch saw no renewal by {launcher} before then, and no second launch of this account on "
                   "this computer")
LAUNCH_SEEN = ("prelaunch saw no renewal by {launcher} before then, and let a second launch of this account go on "
               "at {at}")


def run(context: LaunchContext) -> list[Finding]:
    """The untold last game of this launch's account, marked told."""
    from prelaunch.session import last_game

    account = context.account
    if account is None or not account.uuid:
        return []
    record = last_game.take(account.uuid)
    found = explain(record) if record is not None else None
    return [found] if found is not None else []


def run_all() -> list[Finding]:
    """The untold last game of every account, each marked told (for `status`, which names no account)."""
    from prelaunch.session import last_game

    found = []
    for uuid in last_game.untold():
        record = last_game.take(uuid)
        finding = explain(record) if record is not None else None
        if finding is not None:
            found.append(finding)
    return found


def _times(values: object) -> list[float]:
    if not isinstance(values, list):
        return []
    return sorted(v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool))


def _first_after(log: dict, since: float) -> str | None:
    """What the log shows first after `since`: the sign-in refused, or else a server join."""
    refused = [t for t in _times(log.get("key_refused")) if t >= since]
    if refused:
        return AFTER_REFUSED.format(at=timefmt.clock(refused[0]))
    joins = sorted((j["at"], str(j.get("host", ""))) for j in log.get("joins") or []
                   if isinstance(j, dict) and isinstance(j.get("at"), (int, float)) and j["at"] >= since)
    return AFTER_JOIN.format(host=joins[0][1] or "a server", at=timefmt.clock(joins[0][0])) if joins else None


def _number(record: dict, key: str) -> float | None:
    value = record.get(key)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def explain(record: dict) -> Finding | None:
    """The finding a last-game record gives, or None when its log shows none of the causes."""
    log = record.get("log")
    if not isinstance(log, dict):
        return None
    name = str(record.get("account") or "")
    whose = f"{name}'s" if name else "this account's"
    launcher_name = LAUNCHER_NAMES.get(str(record.get("launcher") or ""), "the launcher")
    launches = [x for x in record.get("second_launches") or [] if isinstance(x, dict)]
    allowed = sorted(x["at"] for x in launches if x.get("allowed") is True and isinstance(x.get("at"), (int, float)))
    started, renewed, expires = (_number(record, k) for k in ("started_at", "renewed_at", "token_expires_at"))

    def finding(cause: str, at: float, **words: str) -> Finding:
        first = FIRST_STEP[cause]
        said = SAID[cause].format(at=timefmt.clock(at), launcher=launcher_name, **words)
        return Finding(NAME, "warning", TITLES[cause].format(whose=whose, at=timefmt.clock(at)),
                       said[:1].upper() + said[1:], (first,), summary=SUMMARY[cause], situation=cause)

    at_start = _number(log, "invalid_at_start")
    if at_start is not None:
        tie = (TIE_EXPIRED_BEFORE.format(at=timefmt.clock(expires))
               if expires is not None and started is not None and expires <= started else "")
        return finding(INVALID_AT_START, at_start, tie=tie)
    duplicates = _times(log.get("duplicate_login"))
    if duplicates:
        before = [at for at in allowed if at <= duplicates[0]]
        tie = TIE_LAUNCH_ALLOWED.format(at=timefmt.clock(before[0])) if before else TIE_NO_LAUNCH
        return finding(DUPLICATE, duplicates[0], tie=tie)
    if renewed is not None and (after := _first_after(log, renewed)) is not None:
        return finding(RENEWED, renewed, after=after)
    if expires is not None and (started is None or expires > started) \
            and (after := _first_after(log, expires)) is not None:
        return finding(EXPIRED, expires, after=after)
    refused = _times(log.get("key_refused"))
    if refused:
        before = [at for at in allowed if at <= refused[0]]
        tie = (LAUNCH_SEEN.format(launcher=launcher_name, at=timefmt.clock(before[0])) if before
               else NO_RENEWAL_SEEN.format(launcher=launcher_name))
        return finding(REFUSED, refused[0], tie=tie)
    return None

