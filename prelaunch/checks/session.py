"""Is the account already playing? The per-account lock and its holder, and other game processes on this
machine for the same account or the same instance, whatever launcher started them."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator

import psutil

from prelaunch.config import Config
from prelaunch.identifiers import normalise_uuid
from prelaunch.model import LAUNCHER_NAMES, Finding, LaunchContext
from prelaunch.session import game_args, lock
from prelaunch.session import processes as procinfo
from prelaunch.ui import timefmt

NAME = "session"
IN_USE_FIXES = ("Quit the other game, then launch again.",
                "Windows: No window to close? Open Task Manager (Ctrl+Shift+Esc) and end Java (javaw.exe) there.",
                "macOS: No window to close? Open Activity Monitor and quit java there.",
                "Linux: No window to close? Open your system monitor and end java there.",
                "One account plays in one game at a time, on this computer and on your others: quit it there "
                "too.")
_IN_USE_SUMMARY = "A second launch logs that game out of online servers."
# The scan of the process table goes on as long as it moves, up to the launch's network deadline (it runs
# beside the network check, so a machine with many processes makes no launch longer than a bad network does);
# a read that does not come back for this long (a process stuck in the kernel) ends it sooner.
SCAN_STALL_S = 1.0


class GameProcess:
    """A running game as far as this check needs it: never anything else from its command line."""

    def __init__(self, pid: int, started: float, username: str | None, uuid: str | None,
                 instance_dir: str | None) -> None:
        self.pid, self.started, self.username, self.uuid, self.instance_dir = pid, started, username, uuid, instance_dir


def _game(pid: int, argv: list[str]) -> GameProcess | None:
    """The Minecraft game a command line starts, with its account and instance; only `--username` and
    `--uuid` are read from it."""
    args = game_args.parse(argv)
    if not args.is_game:
        return None
    return GameProcess(pid, procinfo.start_time(pid) or 0.0, args.username, args.uuid, procinfo.instance_dir(pid))


def _games(processes: Iterable[psutil.Process] | None) -> Iterator[GameProcess | None]:
    """For each process, the game it is, else None (this process and its parents are none); only Java
    processes' command lines are read."""
    skip = procinfo.lineage(os.getpid())
    for item in procinfo.java_command_lines(processes):
        yield _game(*item) if item is not None and item[0] not in skip else None


def scan(processes: Iterable[psutil.Process] | None = None) -> procinfo.Reading[GameProcess]:
    """Start looking for game processes among `processes` (default: every process of this machine) now, in
    the background, for `run` to use."""
    return procinfo.Reading(lambda: _games(processes))


def _same_instance(process_dir: str | None, instance_dir: str) -> bool:
    """Whether a game runs in the instance folder or in its game folder (`minecraft`, `.minecraft`)."""
    if not process_dir:
        return False
    root = os.path.realpath(instance_dir)
    process_dir = os.path.normpath(process_dir)
    return process_dir == root or os.path.dirname(process_dir) == root


def run(context: LaunchContext, config: Config, reading: procinfo.Reading[GameProcess] | None = None,
        ) -> list[Finding]:
    """Findings about the account's lock and other games; `reading`: of the process table, already under way
    (else one starts now)."""
    outcome = (reading or scan()).result(SCAN_STALL_S, config.network.deadline)
    processes = outcome.found
    account = context.account
    uuid = normalise_uuid(account.uuid) if account else None
    findings: list[Finding] = []
    seen: set[int] = set()
    who = f"'{account.name}'" if account and account.name else "This account"
    if uuid:
        holder = lock.current_holder(uuid)
        if holder is not None:
            seen.add(holder.pid)
            findings.append(in_use(who, holder))
    if not outcome.complete:
        findings.append(_cut_short(outcome, config.network.deadline))
    for proc in processes:
        if proc.pid in seen:
            continue
        same_account = bool(uuid and proc.uuid == uuid) or bool(
            account and account.name and proc.username == account.name and not proc.uuid)
        if same_account:
            seen.add(proc.pid)
            findings.append(Finding(NAME, "error", f"{who} is already playing in another game",
                                    f"A Minecraft game (process ID {proc.pid}) running since "
                                    f"{timefmt.clock(proc.started)} uses this account. A second launch logs that "
                                    "game out: joining a server fails there with \"Invalid session\".",
                                    IN_USE_FIXES, summary=_IN_USE_SUMMARY))
    if context.instance is not None:
        for proc in processes:
            if proc.pid not in seen and _same_instance(proc.instance_dir, context.instance.dir):
                seen.add(proc.pid)
                findings.append(_leftover(context.instance.name, proc))
    if not findings and uuid:
        findings.append(Finding(NAME, "ok", f"{who} is not playing anywhere else on this computer"))
    return findings


def _cut_short(outcome: procinfo.Outcome[GameProcess], limit_s: float) -> Finding:
    """What a scan that did not look at every process says: what stopped it, as measured."""
    if outcome.stalled:
        why = (f"The details of one running program could not be read within {SCAN_STALL_S:g} s "
               f"({outcome.looked:,} looked at before it)")
    else:
        why = (f"Looking through the running programs stopped after {limit_s:g} s, with {outcome.looked:,} "
               "looked at and more to go")
    return Finding(NAME, "info", "Not every running program was looked at",
                   f"{why}, so another game of this account may have been missed.")


def in_use(who: str, holder: lock.Holder) -> Finding:
    """The account is held by another game: where, since when, and what to do (also the wrapper's words)."""
    if holder.programs:
        return _held_by_programs(who, holder.programs)
    if not holder.pid:
        return Finding(NAME, "error", f"{who} is already playing in another game",
                       "A second launch on the same account logs that game out: joining a server fails there with "
                       "\"Invalid session\".", IN_USE_FIXES, summary=_IN_USE_SUMMARY)
    where = f"instance '{holder.instance_name}'" if holder.instance_name else "another game"
    launcher = LAUNCHER_NAMES.get(holder.launcher, holder.launcher)
    started = f"That game started at {timefmt.clock(holder.started_at)}" + (f" in {launcher}" if launcher else "")
    return Finding(NAME, "error", f"{who} is already playing in {where}",
                   f"{started} (process ID {holder.pid}). A second launch on the same account logs that game out: "
                   "joining a server fails there with \"Invalid session\".", IN_USE_FIXES,
                   summary=f"{started}; a second launch logs it out of online servers.")


def _held_by_programs(who: str, programs: tuple[tuple[int, str], ...]) -> Finding:
    """No game plays, but programs hold the account's lock: named, with how to end them (the player's words in
    the steps, the terminal command in the details)."""
    quoted = [f"\u201c{name}\u201d" for _, name in programs[:2]]
    names = ", ".join(quoted) + f" and {len(programs) - 2} more" if len(programs) > 2 else " and ".join(quoted)
    pids = [pid for pid, _ in programs]
    one = len(programs) == 1
    ids = f"process ID{'' if one else 's'} {', '.join(map(str, pids))}"
    close = f"Close {names}, or end {'it' if one else 'them'} in"
    return Finding(NAME, "error", f"{who} still counts as playing: {names} {'is' if one else 'are'} still running",
                   f"No game of this account is running, but {names} ({ids}), most likely started by an earlier "
                   f"game, still {'keeps' if one else 'keep'} the account marked as playing. Ending "
                   f"{'it' if one else 'them'} frees the account (in a terminal: {end_command(pids)}).",
                   (f"Windows: {close} Task Manager (its Details tab, {ids}), then launch again.",
                    f"macOS: {close} Activity Monitor ({ids}), then launch again.",
                    f"Linux: {close} your system monitor ({ids}), then launch again.", IN_USE_FIXES[-1]))


def end_command(pids: list[int], platform: str | None = None) -> str:
    """The terminal command that ends these processes on this OS."""
    if (platform or sys.platform) == "win32":
        return "taskkill " + " ".join(f"/PID {pid}" for pid in pids) + " /F"
    return "kill " + " ".join(map(str, pids))


def is_account_in_use(finding: Finding) -> bool:
    """Whether a finding says the account is already playing or held (what `[session] on_account_in_use` is
    about; its last step is the one-game-per-account rule), as opposed to a leftover game of the instance."""
    return finding.check == NAME and finding.severity == "error" and finding.fixes[-1:] == IN_USE_FIXES[-1:]


def end_process_steps(pid: int, platform: str = sys.platform) -> str:
    """How a player ends a process on this OS: its own tool first, a command last."""
    if platform == "win32":
        return (f"No window? Open Task Manager (Ctrl+Shift+Esc), go to Details, select java.exe or javaw.exe with "
                f"PID {pid} and press End task.")
    if platform == "darwin":
        return (f"No window? Open Activity Monitor (Applications → Utilities), find the process with PID {pid}, "
                "select it, press the Stop button (✕) and choose Force Quit.")
    return (f"No window? Open your system monitor, find java with process ID {pid} and end it; or run "
            f"`kill {pid}` in a terminal (`kill -9 {pid}` if it stays).")


def _leftover(instance: str, proc: GameProcess) -> Finding:
    age = timefmt.duration(time.time() - proc.started)
    return Finding(NAME, "error", f"A game of instance '{instance}' is still running",
                   f"It has run for {age}, probably left over from an earlier launch (process ID {proc.pid}). Two "
                   "games in one instance write the same worlds and can corrupt them.",
                   ("Quit that game first: close its window, then launch again.", end_process_steps(proc.pid)),
                   summary=f"It has run for {age}; two games in one instance can damage its worlds.")
