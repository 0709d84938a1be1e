"""How findings are shown: in a launcher's console (each line made inert: a name in a finding never starts a
line of its own nor reaches the console as control characters) and as JSON (the names as data)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from prelaunch.model import (
    SEVERITIES,
    AccountRecord,
    Finding,
    FindingRecord,
    InstanceRecord,
    LaunchContext,
    LauncherRecord,
)
from prelaunch.ui import inert, words


class Report(TypedDict):
    """The JSON document of `check --json` and `doctor --json`."""

    version: int
    launcher: LauncherRecord | None
    instance: InstanceRecord | None
    account: AccountRecord | None
    findings: list[FindingRecord]


# Prism Launcher and MultiMC colour a console line by these prefixes.
_CONSOLE_PREFIX = {"ok": "!![Info]!", "info": "!![Info]!", "warning": "!![Warning]!", "error": "!![Error]!"}


def needs_attention(findings: Iterable[Finding]) -> list[Finding]:
    """Findings at warning or above, worst first."""
    return sorted((f for f in findings if f.rank >= SEVERITIES.index("warning")), key=lambda f: -f.rank)


def console_lines(findings: list[Finding], healthy_line: str) -> list[str]:
    """Lines for the launcher's console, in a player's words: one line when all is well; otherwise each finding
    above ok once (info ones by their title alone), worst first, with the steps for this computer."""
    shown = sorted((f for f in findings if f.severity != "ok"), key=lambda f: -f.rank)
    if not any(f.rank >= SEVERITIES.index("warning") for f in shown):
        lines = [f"!![Info]!{healthy_line}"]
        lines += [f"!![Info]!prelaunch: {words.plain(f.title)}" for f in shown]
        return [inert.line(line) for line in lines]
    lines = []
    for f in shown:
        prefix = _CONSOLE_PREFIX[f.severity]
        lines.append(f"{prefix}prelaunch: {words.plain(f.title)}")
        if f.severity == "info":
            continue
        if f.detail:
            lines.append(f"{prefix}  {words.plain(f.detail)}")
        for number, step in enumerate(words.steps(f.fixes), 1):
            lines.append(f"{prefix}  {number}. {step}")
    return [inert.line(line) for line in lines]


def report_json(context: LaunchContext | None, findings: list[Finding]) -> str:
    """The JSON document of `check --json` and `doctor --json` (version 1; never a token)."""
    doc: Report = {
        "version": 1,
        "launcher": context.launcher.as_dict() if context and context.launcher else None,
        "instance": context.instance.as_dict() if context and context.instance else None,
        "account": context.account.as_dict() if context and context.account else None,
        "findings": [f.as_dict() for f in findings],
    }
    return inert.json_text(doc)
