"""`prelaunch status`: the accounts playing now, by which instance and launcher, since when, token time left."""

from __future__ import annotations

import json
import time
from argparse import Namespace

from prelaunch import failsafe, timefmt
from prelaunch.checks import last_game
from prelaunch.cli import exitcodes
from prelaunch.model import LAUNCHER_NAMES
from prelaunch.session import lock


def held() -> list[dict]:
    rows = []
    for uuid, holder in lock.held_accounts():
        rows.append({"uuid": uuid, "account_name": holder.account_name, "launcher": holder.launcher,
                     "instance_name": holder.instance_name, "instance_dir": holder.instance_dir,
                     "pid": holder.pid or None, "since": holder.started_at or None,
                     "token_expires_at": holder.token_expires_at})
    return rows


def render_json() -> str:
    return json.dumps({"version": 1, "held": held(), "last_games": [f.as_dict() for f in last_game.run_all()]},
                      indent=2, ensure_ascii=False)


def _last_games() -> list[str]:
    """What happened in an account's last game, told once (headline, sentence, first thing to do)."""
    lines = []
    for finding in last_game.run_all():
        lines += ["", finding.title, f"  {finding.detail}", *(f"  First: {fix}" for fix in finding.fixes[:1])]
    return lines


def render() -> str:
    rows = held()
    if not rows:
        return "\n".join(["No account is playing now.", *_last_games()])
    lines = []
    for row in rows:
        line = f"{row['account_name'] or row['uuid']}: "
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
        lines.append(line)
    return "\n".join(lines + _last_games())


def run(args: Namespace) -> int:
    failsafe.say(render_json() if args.json else render())
    return exitcodes.GO
