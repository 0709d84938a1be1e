"""What `prelaunch install` and `uninstall` share at the terminal: the one question, the refusal while a
launcher runs, what a stopped run says, and their failures in their own words (nothing here is a launch: a
stopped install has put back what it changed)."""

from __future__ import annotations

import os
import sqlite3
import sys
import traceback
from argparse import Namespace
from typing import Callable

from prelaunch import failsafe, installer, paths
from prelaunch.cli import exitcodes
from prelaunch.model import LAUNCHER_NAMES
from prelaunch.ui import inert


def guarded(args: Namespace, verb: Callable[[Namespace], int]) -> int:
    """Run the verb; another run holding the lock, an interrupted run that cannot be undone, or an internal
    error is one line and exit 1."""
    try:
        return verb(args)
    except installer.Busy as exc:
        print(f"prelaunch {args.command}: {exc}; nothing was changed. Run it again when that one has finished.")
    except installer.NotRecovered as exc:
        print(f"prelaunch {args.command}: {exc}. Nothing else was changed this time.")
    except Exception as exc:  # noqa: BLE001 - one line in install's words; where it happened is in the log
        # Inside a transaction a failure is answered there (what was put back); one that reaches here came
        # before any launcher file was touched.
        print(failsafe.report(args.command, exc), file=sys.stderr)
    return exitcodes.STOP


def show(line: str) -> None:
    """Print one line that holds what launchers and modpacks wrote (paths, instance names, commands), inert."""
    print(inert.line(line))


def say(line: str) -> None:
    print(line, flush=True)  # seen at once, also through a pipe, while this run waits


def recover() -> None:
    """Put back what an interrupted run changed, and say so."""
    done = installer.recover()
    if done:
        print(done)


def confirm(args: Namespace, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        print("Not asked on a terminal: run again with --yes to apply.")
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def refuse_if_running(files: list[tuple[str, str]]) -> bool:
    """Whether a launcher runs on one of these (launcher kind, path) files: then it is named, and nothing
    changes."""
    found = installer.running_launchers(files)
    for kind, pid, name in found:
        show(f"{LAUNCHER_NAMES[kind]} is running ({name}, pid {pid}): close it first, or it will overwrite "
             "the change when it saves its settings. Nothing was changed.")
    return bool(found)


def stopped(verb: str, exc: Exception, txn: installer.Transaction) -> int:
    """What a failed run says: why, and that what it had changed is back (or what is not, and what then)."""
    print(f"prelaunch {verb} stopped: {_reason(exc)}")
    if txn.failures:
        show(f"These files could not be put back as they were: {'; '.join(txn.failures)}. The next "
             "`prelaunch install` or `prelaunch uninstall` tries again (its record of them is kept).")
    else:
        print(f"The {txn.files} launcher file(s) it had begun to change are back as they were before; "
              "prelaunch's manifest too.")
    return exitcodes.STOP


def _reason(exc: Exception) -> str:
    """Why a run stopped, in words that cannot quote a launcher file: the system's own reason for a file or
    database error (a full disk, a locked database), else only the error's kind. The place is in the log."""
    frames = traceback.extract_tb(exc.__traceback__)
    paths.append_log("install: " + " <- ".join(f"{f.name}@{os.path.basename(f.filename)}:{f.lineno}"
                                               for f in reversed(frames)) + f" {type(exc).__name__}")
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}{f': {exc.filename}' if exc.filename else ''}"
    if isinstance(exc, sqlite3.Error) or type(exc).__module__ == "apsw":
        return f"the database refused ({type(exc).__name__}: {exc})"  # SQLite's messages name no row content
    return f"{type(exc).__name__} (where: {paths.log_file()})"


def note_interrupted() -> None:
    """A dry run changes nothing, not even an interrupted run's files: it says they are put back first."""
    folder = installer.interrupted()
    if folder:
        print(f"An interrupted install or uninstall left its journal in {folder}: the next "
              "`prelaunch install` or `prelaunch uninstall` first puts the files it changed back as they were.")
