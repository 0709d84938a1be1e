"""`prelaunch status`: the accounts playing now, by which instance and launcher, since when, token time left;
and the games of the player's other computers ([devices]). The names come from the holder records and the
leases, written from what launchers and modpacks named: each line is made inert, and the JSON holds them
as data."""

from __future__ import annotations

import time
from argparse import Namespace

from prelaunch import config as config_module
from prelaunch import failsafe, timefmt
from prelaunch.checks import devices, last_game
from prelaunch.cli import exitcodes
from prelaunch.model import LAUNCHER_NAMES
from prelaunch.session import lock
from prelaunch.ui import inert


def held() -> list[dict]:
    rows = []
    for uuid, holder in lock.held_accounts():
        rows.append({"uuid": uuid, "account_name": holder.account_name, "launcher": holder.launcher,
                     "instance_name": holder.instance_name, "instance_dir": holder.instance_dir,
                     "pid": holder.pid or None, "since": holder.started_at or None,
                     "token_expires_at": holder.token_expires_at, "locked": holder.locked,
                     "held_by": [{"pid": pid, "name": name} for pid, name in holder.programs]})
    return rows


def _held_by(programs: list[dict]) -> str:
    """No game: the programs that hold the lock, and the command that ends them."""
    from prelaunch.checks import session

    named = ", ".join(f"{p['name']} (pid {p['pid']})" for p in programs)
    command = session.end_command([p["pid"] for p in programs])
    them = "it" if len(programs) == 1 else "them"
    return f"no game runs, but held by {named}; ending {them} frees the account: {command}"


def render_json() -> str:
    games, problem = devices.games_elsewhere(config_module.load())
    doc = {"version": 1, "held": held(), "elsewhere": games,
           "last_games": [f.as_dict() for f in last_game.run_all()]}
    if problem:
        doc["elsewhere_problem"] = problem
    return inert.json_text(doc)


def render_elsewhere() -> list[str]:
    """The other computers' games ([devices]), a line each, under a heading; none when there are none."""
    games, problem = devices.games_elsewhere(config_module.load())
    lines = [f"On your other computers: {problem}"] if problem else []
    if games:
        lines.append("On your other computers:")
    for game in games:
        launcher = LAUNCHER_NAMES.get(game["launcher"], game["launcher"])
        line = (f"  {game['account_name'] or '?'} on {game['computer'] or '?'}: instance '{game['instance_name']}'"
                f"{f' ({launcher})' if launcher else ''}, since {timefmt.clock(game['since'])}")
        if game["state"] == "stale":
            line += f", not heard of for {timefmt.duration(time.time() - game['last_seen'])} (may have ended)"
        elif game["state"] != "playing":
            line += ", its clock and this one's disagree (may have ended)"
        lines.append(line)
    return lines


def _last_games() -> list[str]:
    """What happened in an account's last game, told once (headline, sentence, first thing to do)."""
    lines = []
    for finding in last_game.run_all():
        lines += ["", finding.title, f"  {finding.detail}", *(f"  First: {fix}" for fix in finding.fixes[:1])]
    return lines


def render() -> str:
    rows = held()
    elsewhere = render_elsewhere()
    if not rows:
        return "\n".join(inert.line(line) for line in
                         ["No account is playing now" + (" on this computer." if elsewhere else "."), *elsewhere,
                          *_last_games()])
    lines = []
    for row in rows:
        line = f"{row['account_name'] or row['uuid']}: "
        if row["held_by"]:
            lines.append(line + _held_by(row["held_by"]))
            continue
        if row["pid"] is None:
            lines.append(line + "held by a process that left no record")
            continue
        where = f"instance '{row['instance_name']}'" if row["instance_name"] else "a game"
        launcher = LAUNCHER_NAMES.get(row["launcher"], row["launcher"])
        line += f"{where}{f' ({launcher})' if launcher else ''}, pid {row['pid']}, since {timefmt.clock(row['since'])}"
        if row["token_expires_at"]:
            left = row["token_expires_at"] - time.time()
            line += (f", token expired {timefmt.duration(left)} ago" if left <= 0
                     else f", token {timefmt.duration(left)} left")
        if not row["locked"]:
            line += "; its watchdog has ended, so nothing holds its lock (it still counts as playing)"
        lines.append(line)
    return "\n".join(inert.line(line) for line in lines + elsewhere + _last_games())


def run(args: Namespace) -> int:
    failsafe.say(render_json() if args.json else render())
    return exitcodes.GO
