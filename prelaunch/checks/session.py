"""Is the account already playing? The per-account lock and its holder, and other game processes on this
machine for the same account or the same instance, whatever launcher started them."""

from __future__ import annotations

import os
import time

from prelaunch import timefmt
from prelaunch.config import Config
from prelaunch.model import LAUNCHER_NAMES, Finding, LaunchContext
from prelaunch.session import game_args, lock
from prelaunch.session import processes as procinfo
from prelaunch.uuids import normalise as normalise_uuid

NAME = "session"
SCAN_WAIT_S = 1.0  # for the process table; a process stuck in the kernel can block reading its command line


class GameProcess:
    """A running game as far as this check needs it: never anything else from its command line."""

    def __init__(self, pid: int, started: float, username: str | None, uuid: str | None,
                 instance_dir: str | None) -> None:
        self.pid, self.started, self.username, self.uuid, self.instance_dir = pid, started, username, uuid, instance_dir


def scan() -> procinfo.CommandLines:
    """Start reading the process table now, for `run` to use."""
    return procinfo.CommandLines()


def game_processes(listing: list[tuple[int, list[str]]]) -> list[GameProcess]:
    """The Minecraft processes of a process listing (not this one nor its parents), with their account and
    instance."""
    skip = procinfo.lineage(os.getpid())
    found = []
    for pid, argv in listing:
        if pid in skip:
            continue
        args = game_args.parse(argv)
        if args.is_game:
            found.append(GameProcess(pid, procinfo.start_time(pid) or 0.0, args.username, args.uuid,
                                     procinfo.instance_dir(pid)))
    return found


def _same_instance(process_dir: str | None, instance_dir: str) -> bool:
    """Whether a game runs in the instance folder or in its game folder (`minecraft`, `.minecraft`)."""
    if not process_dir:
        return False
    root = os.path.realpath(instance_dir)
    process_dir = os.path.normpath(process_dir)
    return process_dir == root or os.path.dirname(process_dir) == root


def run(context: LaunchContext, config: Config, reading: procinfo.CommandLines | None = None) -> list[Finding]:
    """Findings about the account's lock and other games; `reading`: of the process table, already under way
    (else one starts now)."""
    listing, complete = (reading or scan()).result(SCAN_WAIT_S)
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
    if not complete:
        findings.append(Finding(NAME, "info", f"Not every running program was looked at within {SCAN_WAIT_S:g} s",
                                "A program stuck in the system held up reading its details, so another game of "
                                "this account may have been missed."))
    processes = game_processes(listing)
    for proc in processes:
        if proc.pid in seen:
            continue
        same_account = bool(uuid and proc.uuid == uuid) or bool(
            account and account.name and proc.username == account.name and not proc.uuid)
        if same_account:
            seen.add(proc.pid)
            findings.append(Finding(NAME, "error", f"{who} is already playing in another game",
                                    f"A Minecraft process (pid {proc.pid}) running since {timefmt.clock(proc.started)} "
                                    "uses this account. A second launch logs that game out: joining a server "
                                    "fails there with \"Invalid session\".",
                                    ("Quit the other game first, then launch again.",
                                     "Or play this instance with another account.")))
    if context.instance is not None:
        for proc in processes:
            if proc.pid not in seen and _same_instance(proc.instance_dir, context.instance.dir):
                seen.add(proc.pid)
                findings.append(_leftover(context.instance.name, proc))
    if not findings and uuid:
        findings.append(Finding(NAME, "ok", f"{who} is not playing anywhere else on this computer"))
    return findings


def in_use(who: str, holder: lock.Holder) -> Finding:
    """The account is held by another game: where, since when, and what to do (also the wrapper's words)."""
    if holder.pid:
        where = f"instance '{holder.instance_name}'" if holder.instance_name else f"process {holder.pid}"
        launcher = LAUNCHER_NAMES.get(holder.launcher, holder.launcher)
        title = (f"{who} is already playing in {where}" + (f" ({launcher})" if launcher else "")
                 + f" since {timefmt.clock(holder.started_at)}")
    else:
        title = f"{who} is already playing in another game"
    return Finding(NAME, "error", title,
                   "A second launch on the same account logs that game out: joining a server fails there with "
                   "\"Invalid session\".",
                   ("Quit the other game first, then launch again.", "Or play this instance with another account."))


def _leftover(instance: str, proc: GameProcess) -> Finding:
    age = timefmt.duration(time.time() - proc.started)
    how = (f"Windows: Task Manager → Details → end java.exe/javaw.exe with PID {proc.pid}." if os.name == "nt"
           else f"Run `kill {proc.pid}` (or `kill -9 {proc.pid}` if it does not end).")
    return Finding(NAME, "warning", f"A game of instance '{instance}' is still running (pid {proc.pid}, {age})",
                   "It may be left over from an earlier launch; two games in one instance can corrupt its worlds.",
                   ("If you can see its window, quit it there.", how))
