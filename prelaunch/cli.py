"""prelaunch's command line: check, wrap, doctor, status, explain, install, uninstall (README.md is the
contract)."""

from __future__ import annotations

import sys

from prelaunch import __version__

EXIT_GO, EXIT_STOP = 0, 1  # argparse exits 2 on a usage error
UI_MODES = ("auto", "gui", "console", "none")


def _parser():
    import argparse
    from pathlib import Path

    from prelaunch.context import LAUNCHER_NAMES

    parser = argparse.ArgumentParser(prog="prelaunch", description=__doc__)
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

    wrap = commands.add_parser("wrap", help="run the game holding its account's lock (the wrapper command)")
    wrap.add_argument("game", nargs=argparse.REMAINDER, metavar="[--] COMMAND [ARGS...]")

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


def _diagnose(launcher: str | None = None, instance=None, fresh: bool = False):
    """(config, context, findings); `fresh` probes the network even when a healthy result is remembered."""
    from prelaunch import checks, config as config_module, context as context_module
    from prelaunch.findings import Finding

    config = config_module.load()
    context, found = checks.run(lambda: context_module.detect(launcher=launcher, instance_dir=instance), config,
                                fresh)
    findings = [Finding("config", "warning", f"Configuration: {problem}") for problem in config.problems]
    return config, context, findings + context.notes + found


def cmd_check(args) -> int:
    try:
        code = _check(args)
    except Exception as exc:  # noqa: BLE001 - fail open, and the player's own command still runs
        from prelaunch import failsafe

        print(failsafe.report("check", exc))
        code = EXIT_GO
    if code == EXIT_GO and args.then:
        return _run_then(args.then)
    return code


def _check(args) -> int:
    from prelaunch import findings as findings_module

    config, context, findings = _diagnose()
    if args.json:
        print(findings_module.report_json(context, findings))
    else:
        for line in findings_module.console_lines(findings, healthy_line(findings)):
            print(line)
    sys.stdout.flush()
    return decide(config, context, findings, args.ui or config.ui.mode)


def healthy_line(findings) -> str:
    """The one console line of a healthy launch, naming what was checked."""
    checked = ["account", "token", "session"]
    checked += [label for name, label in (("network", "sign-in servers"), ("clock", "clock"))
                if any(f.check == name for f in findings)]
    return f"prelaunch: all good ({', '.join(checked)})"


def _run_then(command: list[str]) -> int:
    """The pre-launch command the player had before prelaunch: same stdio, environment and directory; its
    exit code decides the launch as it did before."""
    import subprocess

    sys.stdout.flush()
    try:
        return subprocess.call(command)
    except OSError as exc:
        print(f"!![Error]!prelaunch: your pre-launch command could not start: {command[0]}: {exc.strerror or exc}")
        return EXIT_STOP


def decide(config, context, findings, mode: str) -> int:
    """Ask the player once about everything at warning or above; Cancel (or a policy) stops the launch."""
    from prelaunch.findings import needs_attention

    attention = needs_attention(findings)
    if not attention:
        return EXIT_GO
    from prelaunch import consent, ui

    in_use = any(f.check == "session" and f.severity == "error" for f in attention)
    policy = config.session.on_account_in_use
    if in_use and policy == "block":
        print('!![Error]!prelaunch: the account is already playing; launch refused '
              '([session] on_account_in_use = "block").')
        return EXIT_STOP
    blocking = any(f.severity == "error" for f in attention) and not (in_use and policy == "warn")
    title, message = ui.compose(attention, context.instance.name if context.instance else "",
                                context.account.name if context.account else "")
    answer = ui.ask(title, message, (ui.LAUNCH, ui.CANCEL), ui.CANCEL if blocking else ui.LAUNCH,
                    config.ui.timeout, mode, config.ui.backend)
    if answer != ui.LAUNCH:
        print("!![Error]!prelaunch: launch cancelled.")
        return EXIT_STOP
    if in_use and context.account and context.account.uuid:
        consent.give(context.account.uuid, context.instance.dir if context.instance else "")
    return EXIT_GO


def cmd_doctor(args) -> int:
    from prelaunch import doctor, findings as findings_module

    _config, context, findings = _diagnose(args.launcher, args.instance, fresh=True)
    if args.json:
        print(findings_module.report_json(context, findings))
    else:
        print(doctor.render(context, findings))
    return EXIT_STOP if findings_module.needs_attention(findings) else EXIT_GO


def cmd_explain(args) -> int:
    from prelaunch import explain

    text, known = explain.render(" ".join(args.text))
    print(text)
    return EXIT_GO if known else EXIT_STOP


def cmd_wrap(args) -> int:
    from prelaunch import wrapper

    return wrapper.run(args.game)


def cmd_status(args) -> int:
    from prelaunch import status

    print(status.render_json() if args.json else status.render())
    return EXIT_GO


def cmd_install(args) -> int:
    from prelaunch import installer

    return installer.run(args)


COMMANDS = {"check": cmd_check, "doctor": cmd_doctor, "explain": cmd_explain, "wrap": cmd_wrap,
            "status": cmd_status, "install": cmd_install, "uninstall": cmd_install}
FAIL_OPEN = {"check"}


def _check_args(argv: list[str]):
    """`check`'s few options read without argparse (it costs a third of a warm check); anything unusual,
    including a mistake, goes to argparse, which explains it."""
    if argv[:1] != ["check"]:
        return None
    from types import SimpleNamespace

    args = SimpleNamespace(command="check", ui=None, json=False, then=None)
    rest = argv[1:]
    while rest:
        option = rest.pop(0)
        if option == "--then" and rest:
            args.then, rest = rest, []
        elif option == "--json":
            args.json = True
        elif option == "--ui" and rest and rest[0] in UI_MODES:
            args.ui = rest.pop(0)
        elif option.startswith("--ui=") and option[5:] in UI_MODES:
            args.ui = option[5:]
        else:
            return None
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["wrap"]:  # the game's own start: no argparse, every import counts
        from prelaunch import wrapper

        return wrapper.run(argv[1:])
    args = _check_args(argv)
    if args is None:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as exc:  # argparse: 0 for --help/--version, 2 for usage errors
            return int(exc.code or 0)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # a console that cannot show a character must not crash us
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return EXIT_STOP
    except Exception as exc:  # noqa: BLE001 - fail open: never keep anyone from playing
        from prelaunch import failsafe

        print(failsafe.report(args.command, exc), file=sys.stdout if args.command in FAIL_OPEN else sys.stderr)
        return EXIT_GO if args.command in FAIL_OPEN else EXIT_STOP
