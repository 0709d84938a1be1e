"""prelaunch's command line: check, wrap, doctor, status, explain, install, uninstall (docs/commands.md is the
contract). One module per verb; exit codes in `exitcodes`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from prelaunch import __version__, failsafe
from prelaunch.cli import exitcodes
from prelaunch.model import LAUNCHER_NAMES

UI_MODES = ("auto", "gui", "console", "none")


UI_HELP = ("how to ask when something is wrong: auto (a popup when a desktop is there, else the console), gui "
           "(a popup), console (lines in the launcher's console; the default answer applies), none (say nothing, "
           "take the default answer); default: [ui] mode of the configuration")
JSON_HELP = "print the findings as one JSON document (version 1; never a token) instead of lines"
DEVICES_FOLDER_HELP = ("set [devices] folder to DIR without asking: the folder, synced between your computers, "
                       "where each of them says which account it plays (it must exist)")
NO_DEVICES_FOLDER_HELP = "do not offer a [devices] folder (one already set stays)"
LAUNCHER_HELP = "look only at this launcher (default: the one that started prelaunch, or the first one found)"


THEN = "--then"  # everything after the first one is the player's own pre-launch command, verbatim


class UsageError(Exception):
    """A command line prelaunch cannot read (argparse's message, which quotes only the arguments)."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises `UsageError` instead of printing and exiting, so `check` can stay fail-open."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="prelaunch", description="Checks before a Minecraft launch what would "
                                     "make joining a server fail with \"Invalid session\", and holds one game per "
                                     "account while it runs.")
    parser.add_argument("--version", action="version", version=f"prelaunch {__version__}",
                        help="print prelaunch's version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="pre-launch check (the launcher's pre-launch command)",
        usage="prelaunch check [-h] [--ui {auto,gui,console,none}] [--json] [--then COMMAND [ARGS...]]",
        epilog="--then COMMAND [ARGS...]: run the player's own pre-launch command after the checks. Everything "
               "after the first --then is that command, verbatim (--, -h and --then included); its exit code "
               "decides the launch. A cancelled or refused launch never runs it.",
        description="The launcher's pre-launch command: checks the account, its sign-in, other games on it, the "
                    "clock and the sign-in servers; prints one line when all is well, else each problem, and asks "
                    "once. Exit 0: the launch goes on; 1: cancelled or refused. An error inside prelaunch exits 0.")
    check.add_argument("--ui", choices=UI_MODES, help=UI_HELP)
    check.add_argument("--json", action="store_true", help=JSON_HELP + " (no popup is shown)")

    doctor = commands.add_parser(
        "doctor", help="full diagnosis, printed",
        description="The whole diagnosis on demand, with the technical details (each sign-in host's answer and "
                    "timings). Exit 0 when nothing needs attention, 1 otherwise. A game of yours that is running "
                    "is reported, not counted as a problem.")
    doctor.add_argument("--json", action="store_true", help=JSON_HELP)
    doctor.add_argument("--launcher", choices=tuple(LAUNCHER_NAMES), help=LAUNCHER_HELP)
    doctor.add_argument("--instance", type=Path, metavar="DIR",
                        help="the instance folder to check (default: the current folder's instance, if any)")

    commands.add_parser(
        "wrap", help="run the game holding its account's lock (the wrapper command)",
        usage="prelaunch wrap [--] COMMAND [ARGS...]",
        description="The launcher's wrapper command: runs COMMAND (the game) while holding its account's lock, "
                    "so a second game of the same account is refused or asked about. Everything after wrap is the "
                    "game's command line; its exit code is the game's (127: the command cannot start).")

    status = commands.add_parser(
        "status", help="accounts playing now, where, since when",
        description="The accounts whose games hold a lock now: instance, launcher, since when, sign-in time left.")
    status.add_argument("--json", action="store_true", help="print the list as JSON")

    explain = commands.add_parser(
        "explain", help="what an error message means and what to do",
        description="What a launcher, game or server message means, whose side it is on, and what to try, in "
                    "order. Exit 1 when the message is unknown.")
    explain.add_argument("text", nargs="+", metavar="TEXT",
                         help="the message, as shown (quotes optional; case and punctuation do not matter)")

    what = {"install": "Register prelaunch as the pre-launch and wrapper command",
            "uninstall": "Put back every launcher file prelaunch changed"}
    for name in ("install", "uninstall"):
        sub = commands.add_parser(
            name, help=f"{name} prelaunch in the launchers found",
            description=f"{what[name]} in every launcher found (globally, and in instances whose own commands "
                        "would hide the global ones), while that launcher is closed, with backups.")
        sub.add_argument("--launcher", choices=tuple(LAUNCHER_NAMES), help="only this launcher")
        sub.add_argument("--dir", type=Path, metavar="DATA_DIR",
                         help="the launcher's data folder, when it is not in its usual place")
        sub.add_argument("--instance", metavar="ID", help="only this instance (its folder name)")
        sub.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
        sub.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    devices = commands.choices["install"].add_mutually_exclusive_group()
    devices.add_argument("--devices-folder", metavar="DIR", help=DEVICES_FOLDER_HELP)
    devices.add_argument("--no-devices-folder", action="store_true", help=NO_DEVICES_FOLDER_HELP)
    return parser


def _verb(name: str):
    """The module of a verb, imported only when it runs."""
    from importlib import import_module

    return import_module(f"prelaunch.cli.{name}")


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code.

    Called without `argv`, main is the program itself (the console script, the launchers' entry scripts,
    `python -m prelaunch`) and does not return: it ends the process with the command's exit code (`_end`).
    """
    if argv is not None:
        return _run(argv)
    try:
        code = _run(sys.argv[1:])
    except SystemExit as exc:  # a verb that exits on its own
        code = exc.code if isinstance(exc.code, int) else exitcodes.STOP
    except BaseException:  # noqa: BLE001 - even the error path failed: the exit code still decides the launch
        code = exitcodes.GO if failsafe.is_launch_path(" ".join(sys.argv[1:2])) else exitcodes.STOP
    _end(code)


def _run(argv: list[str]) -> int:
    command = "prelaunch"
    try:
        if argv[:1] == ["wrap"]:  # the game's own command line follows: no option of ours may take any of it
            command = "wrap"
            return _verb("wrap").run(argv[1:])
        then: list[str] = []
        if argv[:1] == ["check"] and THEN in argv:  # the player's command is theirs: no option of ours reads it
            then = argv[argv.index(THEN) + 1:]
            argv = argv[:argv.index(THEN)]
        try:
            args = _parser().parse_args(argv)
        except SystemExit as exc:  # argparse: 0 for --help/--version
            return int(exc.code or 0)
        except UsageError as exc:
            if argv[:1] == ["check"]:  # a launch: fail open, and the player's own command still runs
                return _verb("check").unreadable_options(str(exc), then)
            print(f"prelaunch: {exc} (see prelaunch --help)", file=sys.stderr)
            return exitcodes.USAGE
        if argv[:1] == ["check"]:
            args.then = then
        command = args.command
        failsafe.tolerate_unshowable("replace")
        return _verb(command).run(args)
    except KeyboardInterrupt:
        return exitcodes.STOP
    except BrokenPipeError:  # whoever read the output stopped reading (`prelaunch status | head -1`): no error
        failsafe.silence(sys.stdout)
        return exitcodes.GO
    except Exception as exc:  # noqa: BLE001 - fail open: never keep anyone from playing
        launch = failsafe.is_launch_path(command)
        failsafe.say(failsafe.report(command, exc), sys.stdout if launch else sys.stderr)
        return exitcodes.GO if launch else exitcodes.STOP


def _end(code: int) -> NoReturn:
    """End the process with `code` once stdout and stderr are flushed, skipping the interpreter's shutdown.

    Threads may still be at work: the network check abandons its probes at the deadline, maybe inside ssl or a
    read. Finalising the interpreter under them can crash it (SIGSEGV, SIGABRT), and a launcher takes a
    crashed pre-launch command for a refusal and stops the launch. Nothing needs that shutdown: prelaunch's
    files are complete once written (atomic replace, an appended log line), and it registers no exit handler.
    """
    failsafe.flush_all()
    os._exit(exit_status(code))


def exit_status(code: int) -> int:
    """`code` as `os._exit` takes it (a C int): a Windows exit code is 32 bits unsigned (0xC0000005 for an
    access violation), passed on with the same bits."""
    return code - (1 << 32) if (1 << 31) <= code < (1 << 32) else code
