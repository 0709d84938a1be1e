"""`prelaunch doctor`: the whole diagnosis as a readable report, each line made inert (names, folders, and what
servers answered are shown as written, never as terminal control)."""

from __future__ import annotations

from argparse import Namespace

from prelaunch import __version__, report, timefmt
from prelaunch.checks import devices, runner
from prelaunch.cli import exitcodes
from prelaunch.model import LAUNCHER_NAMES, SEVERITIES, Finding, LaunchContext
from prelaunch.ui import inert


def _account_line(context: LaunchContext) -> str:
    account = context.account
    if account is None:
        return "unknown"
    line = f"{account.name or '?'} ({account.type}, {account.uuid or 'no uuid'})"
    if account.token_expires_at is not None:
        line += f", token expires {timefmt.clock(account.token_expires_at)}"
    return line


def render(context: LaunchContext, findings: list[Finding]) -> str:
    launcher = context.launcher
    lines = [f"prelaunch {__version__} doctor",
             "Launcher: " + (f"{LAUNCHER_NAMES[launcher.kind]} ({launcher.data_dir}, {launcher.storage})"
                             if launcher else "none found"),
             "Instance: " + (f"{context.instance.name} ({context.instance.dir})" if context.instance else "none"),
             "Account:  " + _account_line(context), ""]
    width = max(len(s) for s in SEVERITIES) + 2
    for finding in sorted(findings, key=lambda f: -f.rank):
        lines.append(f"{'[' + finding.severity + ']':<{width}} {finding.check}: {finding.title}")
        if finding.detail:
            lines.append(f"{'':<{width}}   {finding.detail}")
        lines += [f"{'':<{width}}   {n}. {fix}" for n, fix in enumerate(finding.fixes, 1)]
    return "\n".join(inert.line(line) for line in lines)


def while_playing(findings: list[Finding]) -> list[Finding]:
    """doctor is not a launch: a game holding the account is the player's own game running, which is a fact
    to report, not an error (a second launch would be; `check` says so)."""
    return [Finding(f.check, "info", f.title.replace("is already playing", "is playing now"),
                    "Fine while you play it; launching this account a second time would log that game out.")
            if f.check == "session" and f.severity == "error" or devices.is_account_in_use(f) else f
            for f in findings]


def run(args: Namespace) -> int:
    _config, context, findings = runner.diagnose(args.launcher, args.instance, fresh=True)
    findings = while_playing(findings)
    print(report.report_json(context, findings) if args.json else render(context, findings))
    return exitcodes.STOP if report.needs_attention(findings) else exitcodes.GO
