"""`prelaunch status`: the accounts playing now, by which instance and launcher, since when, token time left."""

from __future__ import annotations

import json
import time
from argparse import Namespace

from prelaunch import failsafe, timefmt
from prelaunch.cli import exitcodes
from prelaunch.model import LAUNCHER_NAMES
from prelaunch.session import lock


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
    return json.dumps({"version": 1, "held": held()}, indent=2, ensure_ascii=False)


def render() -> str:
    rows = held()
    if not rows:
        return "No account is playing now."
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
    return "\n".join(lines)


def run(args: Namespace) -> int:
    failsafe.say(render_json() if args.json else render())
    return exitcodes.GO
