"""`prelaunch status`: the games playing now, by account and instance, since when, token time left: on this
computer every game the session check would see (those prelaunch holds, and those its scan of the running
programs finds, whoever started them), and the games of the player's other computers ([devices]). The names
come from the holder records, the games' command lines, the launchers and the leases, written from what
launchers and modpacks named: each line is made inert, and the JSON holds them as data."""

from __future__ import annotations

import time
from argparse import Namespace

from prelaunch import config as config_module
from prelaunch import failsafe
from prelaunch.checks import devices, last_game, playing, session
from prelaunch.cli import exitcodes
from prelaunch.model import LAUNCHER_NAMES
from prelaunch.ui import inert, timefmt


class Here:
    """This computer's games: the accounts prelaunch holds, the other games the scan finds, and whether the
    scan looked at every running program."""

    def __init__(self, config: config_module.Config) -> None:
        yours = playing.Yours()
        self.held = playing.held(yours)
        self.games, self.complete = playing.scanned({row["pid"] for row in self.held if row["pid"]}, yours,
                                                    config)


def _held_by(programs: list[dict]) -> str:
    """No game: the programs that hold the lock, and the command that ends them."""
    named = ", ".join(f"{p['name']} (pid {p['pid']})" for p in programs)
    command = session.end_command([p["pid"] for p in programs])
    them = "it" if len(programs) == 1 else "them"
    return f"no game runs, but held by {named}; ending {them} frees the account: {command}"


def render_json() -> str:
    config = config_module.load()
    games, problem = devices.games_elsewhere(config)
    here = Here(config)
    doc = {"version": 1, "held": here.held, "games": here.games, "scan_complete": here.complete,
           "elsewhere": games, "last_games": [f.as_dict() for f in last_game.run_all()]}
    if problem:
        doc["elsewhere_problem"] = problem
    return inert.json_text(doc)


def render_elsewhere(config: config_module.Config) -> list[str]:
    """The other computers' games ([devices]), a line each, under a heading; none when there are none."""
    games, problem = devices.games_elsewhere(config)
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


def _who(name: str, uuid: str | None) -> str:
    """An account as a line names it: its name, else words, never its id."""
    if name:
        return name
    return "An account none of your launchers knows" if uuid else "Account unknown"


def _held_line(row: dict) -> str:
    line = f"{_who(row['account_name'], row['uuid'])}: "
    if row["held_by"]:
        return line + _held_by(row["held_by"])
    if row["pid"] is None:
        return line + "held by a process that left no record"
    where = f"instance '{row['instance_name']}'" if row["instance_name"] else "a game"
    launcher = LAUNCHER_NAMES.get(row["launcher"], row["launcher"])
    line += f"{where}{f' ({launcher})' if launcher else ''}, pid {row['pid']}, since {timefmt.clock(row['since'])}"
    if row["token_expires_at"]:
        left = row["token_expires_at"] - time.time()
        line += (f", token expired {timefmt.duration(left)} ago" if left <= 0
                 else f", token {timefmt.duration(left)} left")
    if not row["locked"]:
        line += "; its watchdog has ended, so nothing holds its lock (it still counts as playing)"
    return line


def _game_line(game: playing.Game) -> str:
    """A game prelaunch does not hold: where, since when, and that prelaunch did not start it."""
    where = (f"instance '{game['instance_name']}'" if game["instance_name"]
             else f"a game in {game['instance_dir']}" if game["instance_dir"] else "a game")
    launcher = LAUNCHER_NAMES.get(game["launcher"], game["launcher"])
    since = f", since {timefmt.clock(game['since'])}" if game["since"] else ""
    return (f"{_who(game['account_name'], game['uuid'])}: {where}{f' ({launcher})' if launcher else ''}, "
            f"pid {game['pid']}{since}, started without prelaunch")


def render() -> str:
    config = config_module.load()
    here = Here(config)
    elsewhere = render_elsewhere(config)
    lines = [_held_line(row) for row in here.held] + [_game_line(game) for game in here.games]
    if not lines:
        lines = ["No account is playing now" + (" on this computer." if elsewhere else ".")]
    if not here.complete:
        lines.append("Not every running program could be looked at in time: a game may be missing here.")
    return "\n".join(inert.line(line) for line in lines + elsewhere + _last_games())


def run(args: Namespace) -> int:
    failsafe.say(render_json() if args.json else render())
    return exitcodes.GO
