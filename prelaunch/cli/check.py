"""`prelaunch check`: the pre-launch command. Findings to stdout with Prism's level prefixes, one popup when
something is at warning or above, then the player's own pre-launch command (`--then`)."""

from __future__ import annotations

import subprocess
from argparse import Namespace

import prelaunch
from prelaunch import failsafe, paths, ui
from prelaunch.checks import devices, runner, session, settings
from prelaunch.cli import exitcodes
from prelaunch.config import Config
from prelaunch.model import Finding, LaunchContext
from prelaunch.session import account_in_use
from prelaunch.ui import inert, report, timefmt, words


def run(args: Namespace) -> int:
    try:
        code = _check(args)
    except Exception as exc:  # noqa: BLE001 - fail open, and the player's own command still runs
        failsafe.say(failsafe.report("check", exc))
        code = exitcodes.GO
    if code == exitcodes.GO and args.then:
        return _run_then(args.then)
    return code


def unreadable_options(problem: str, then: list[str]) -> int:
    """`check`'s own options (those before `--then`) could not be read: like any internal error, one line and
    the launch goes on, with the player's own command."""
    failsafe.say(f"!![Warning]!prelaunch: could not read its own options ({problem}); the launch goes on "
                 "unchecked.")
    return _run_then(then) if then else exitcodes.GO


def _check(args: Namespace) -> int:
    config, context, findings = runner.diagnose(since=prelaunch.STARTED_AT)  # a launch waits from its start
    if args.json:
        failsafe.say(report.report_json(context, findings))
    else:
        for line in report.console_lines(findings, healthy_line(findings)):
            failsafe.say(line)
    return decide(config, context, findings, args.ui or config.ui.mode)


def healthy_line(findings: list[Finding]) -> str:
    """The one console line of a healthy launch, naming what was checked."""
    checked = ["account", "token", "session"]
    checked += [label for name, label in (("devices", "other computers"), ("network", "sign-in servers"),
                                          ("clock", "clock")) if any(f.check == name for f in findings)]
    return f"prelaunch: all good ({', '.join(checked)})"


def _run_then(command: list[str]) -> int:
    """The pre-launch command the player had before prelaunch: same stdio, environment and directory; its
    exit code decides the launch as it did before."""
    failsafe.flush_all()
    try:
        return subprocess.call(command)
    except OSError as exc:
        failsafe.say(f"!![Error]!prelaunch: your pre-launch command could not start: {inert.line(command[0])}: "
                     f"{exc.strerror or exc}")
        return exitcodes.STOP


def _subject(context: LaunchContext) -> str:
    """Whom an answer is about: the account, else the instance."""
    if context.account:
        return context.account.uuid or context.account.name
    return context.instance.dir if context.instance else ""


def popup_findings(config: Config, context: LaunchContext, findings: list[Finding]) -> list[Finding]:
    """What the popup asks about: everything at warning or above, except the kinds [quiet] silences for this
    account or instance and the warnings the player answered "Launch anyway" to lately (`[ui]
    ask_again_hours`; a console line says so). Configuration problems (a console line each) open no popup of
    their own: they join one that opens anyway, once per version of the file."""
    account = context.account
    instance = context.instance
    names = (account.name, account.uuid) if account else ()
    places = (instance.name, instance.id) if instance else ()
    shown = [f for f in report.needs_attention(findings)
             if not ui.quieted(f, config.quiet.accounts, config.quiet.instances, names, places)]
    if not shown:
        return []
    from prelaunch.ui import asked

    answered = asked.answered(shown, _subject(context), config.ui.ask_again_hours)
    for index, at in answered.items():
        again = timefmt.clock(at + config.ui.ask_again_hours * 3600)
        failsafe.say(inert.line(f"!![Info]!prelaunch: not asked again before {again}: you answered "
                                f"\u201c{ui.LAUNCH}\u201d to \u201c{words.plain(shown[index].title)}\u201d at "
                                f"{timefmt.clock(at)}."))
    shown = [f for index, f in enumerate(shown) if index not in answered]
    others = [f for f in shown if f.check != settings.NAME]
    return shown if others and settings.unsaid(config) else others


def decide(config: Config, context: LaunchContext, findings: list[Finding], mode: str) -> int:
    """Ask the player once about everything at warning or above; Cancel (or a policy) stops the launch.
    "Launch anyway" pressed is remembered for these warnings; "Don't warn…" silences them for good. The account
    in use among them is decided as `session.account_in_use` says."""
    attention = popup_findings(config, context, findings)
    if not attention:
        return exitcodes.GO
    policy = config.session.on_account_in_use
    in_use = any(session.is_account_in_use(f) or devices.is_account_in_use(f) for f in attention)
    second = account_in_use.SecondLaunch(policy, context.account.uuid if context.account else "",
                                         context.instance.dir if context.instance else "") if in_use else None
    if second and second.refused():
        return exitcodes.STOP
    account_name = context.account.name if context.account else ""
    instance_name = context.instance.name if context.instance else ""
    question = account_in_use.question(attention, in_use, policy, instance_name, account_name)
    answer = ui.ask_question(question, config.ui.timeout, mode, config.ui.backend, printed=True)
    if any(f.check == settings.NAME for f in attention):
        settings.said(config)
    if second:
        second.answered(answer.choice == ui.LAUNCH)
    if question.silence and answer.choice == question.silence:
        _silence(attention, instance_name, account_name)
    elif answer.choice != ui.LAUNCH:
        if answer.choice == ui.CANCEL:
            failsafe.say("!![Error]!prelaunch: launch cancelled.")
        return exitcodes.STOP
    elif answer.by_player:
        from prelaunch.ui import asked

        asked.remember(attention, _subject(context), config.ui.ask_again_hours)
    return exitcodes.GO


def _silence(attention: list[Finding], instance_name: str, account_name: str) -> None:
    """Write the [quiet] line the "Don't warn" button stands for, and say where (or why not)."""
    from prelaunch.ui import composer, silence

    table, name = composer.silence_table(account_name, instance_name)
    kinds = composer.silenceable(composer.problems(attention))
    problem = silence.add(table, name, kinds)
    if problem:
        failsafe.say(inert.line(f"!![Warning]!prelaunch: could not save \u201cdon't warn\u201d ({problem}); add  "
                                f"{inert.toml(composer.quiet_line(name, kinds))}  under [quiet.{table}] to stop these "
                                "warnings."))
    else:
        failsafe.say(inert.line(f"!![Info]!prelaunch: these warnings are off for {name} from now on "
                                f"([quiet.{table}] in {paths.config_file()})."))
