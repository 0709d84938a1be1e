"""prelaunch's command line: check, wrap, doctor, status, explain, install, uninstall (README.md is the
contract). One module per verb; exit codes in `exitcodes`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from prelaunch import __version__, failsafe
from prelaunch.cli import exitcodes
from prelaunch.model import LAUNCHER_NAMES

UI_MODES = ("auto", "gui", "console", "none")
FAIL_OPEN = {"check"}  # the launch paths: an internal error lets the launch go on


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="prelaunch", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"prelaunch {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="pre-launch check (the launcher's pre-launch command)")
    check.add_argument("--ui", choices=UI_MODES)
    check.add_argument("--json", action="store_true")
    check.add_argument("--then", nargs=argparse.REMAINDER, metavar="COMMAND",
                       help="run the player's own pre-launch command after the checks")

    doctor = commands.add_parser("doctor", help="full diagnosis, printed")
    doctor.add_argument("--json", action="store_true")
    doctor.add_argument("--launcher", choices=tuple(LAUNCHER_NAMES))
    doctor.add_argument("--instance", type=Path, metavar="DIR")

    commands.add_parser("wrap", help="run the game holding its account's lock (the wrapper command)",
                        usage="prelaunch wrap [--] COMMAND [ARGS...]")

    status = commands.add_parser("status", help="accounts playing now, where, since when")
    status.add_argument("--json", action="store_true")

    explain = commands.add_parser("explain", help="what an error message means and what to do")
    explain.add_argument("text", nargs="+")

    for name in ("install", "uninstall"):
        sub = commands.add_parser(name, help=f"{name} prelaunch in the launchers found")
        sub.add_argument("--launcher", choices=tuple(LAUNCHER_NAMES))
        sub.add_argument("--dir", type=Path, metavar="DATA_DIR")
        sub.add_argument("--instance", metavar="ID")
        sub.add_argument("--dry-run", action="store_true")
        sub.add_argument("--yes", action="store_true")
    return parser


def _verb(name: str):
    """The module of a verb, imported only when it runs."""
    from importlib import import_module

    return import_module(f"prelaunch.cli.{name}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["wrap"]:  # the game's own command line follows: no option of ours may take any of it
        return _verb("wrap").run(argv[1:])
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse: 0 for --help/--version, 2 for usage errors
        return int(exc.code or 0)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # a console that cannot show a character must not crash us
    verb = "install" if args.command == "uninstall" else args.command
    try:
        return _verb(verb).run(args)
    except KeyboardInterrupt:
        return exitcodes.STOP
    except Exception as exc:  # noqa: BLE001 - fail open: never keep anyone from playing
        print(failsafe.report(args.command, exc), file=sys.stdout if args.command in FAIL_OPEN else sys.stderr)
        return exitcodes.GO if args.command in FAIL_OPEN else exitcodes.STOP
