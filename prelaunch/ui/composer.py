"""What one dialog says: the findings ranked by what the player must do first, findings with one cause merged
into one problem, every problem named (none hidden behind "and 2 more"), each finding kind that may be
quieted named with the config key that quiets it. Every line of it is made inert here (`inert.line`): a name's
own line break or control character never becomes the dialog's; the backend escapes the whole text for its
markup."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from prelaunch import paths
from prelaunch.config import QUIET_KINDS
from prelaunch.model import Finding
from prelaunch.ui import inert, words

# What the player does first: end the other game, fix the clock (it breaks certificates and expiry), renew
# the sign-in, then the network; notes about what could not be read come last.
CHECK_ORDER = ("session", "clock", "token", "network", "context", "config")
FULL_PROBLEMS = 3  # problems shown with their why; the others are listed with their steps only
QUIET_PER_ACCOUNT = ("token",)  # kinds quieted per account; the others per instance


@dataclass(frozen=True)
class Problem:
    """One cause: the findings it explains, worst first, and the steps once."""

    findings: tuple[Finding, ...]

    @property
    def severity(self) -> str:
        return max(self.findings, key=lambda f: f.rank).severity

    @property
    def check(self) -> str:
        return self.findings[0].check


def _order(finding: Finding) -> int:
    return CHECK_ORDER.index(finding.check) if finding.check in CHECK_ORDER else len(CHECK_ORDER)


def problems(findings: list[Finding]) -> list[Problem]:
    """Findings merged by cause (same check and the same steps) and ranked: errors first, then by what the
    player must do first, then in the order the checks gave them."""
    groups: dict[tuple, list[Finding]] = {}
    for index, finding in enumerate(findings):
        key = (finding.check, finding.fixes) if finding.fixes else (finding.check, index)
        groups.setdefault(key, []).append(finding)
    merged = [Problem(tuple(sorted(group, key=lambda f: -f.rank))) for group in groups.values()]
    first_seen = {id(problem): findings.index(problem.findings[0]) for problem in merged}
    return sorted(merged, key=lambda p: (-max(f.rank for f in p.findings), _order(p.findings[0]),
                                         first_seen[id(p)]))


def title(instance_name: str = "", account_name: str = "") -> str:
    """The window's title: the game, the instance and the account."""
    where = f"Minecraft: {inert.line(instance_name)}" if instance_name else "Minecraft"
    return f"{where} ({inert.line(account_name)})" if account_name else where


def _block(number: int, problem: Problem, full: bool, numbered: bool) -> str:
    head = inert.line(words.plain(problem.findings[0].title))
    others = [inert.line(words.plain(f.title)) for f in problem.findings[1:]]
    lines = [(f"{number}) " if numbered else "") + head + "."]
    if others:
        lines.append("   Also: " + "; ".join(others) + ".")
    if full:
        details = list(dict.fromkeys(f.detail for f in problem.findings if f.detail))
        lines += ["   " + inert.line(words.plain(detail)) for detail in details]
    lines += [f"   {step_number}. {inert.line(step)}"
              for step_number, step in enumerate(words.steps(problem.findings[0].fixes), 1)]
    return "\n".join(lines)


def _config_path() -> str:
    path = paths.config_file()
    home = os.path.expanduser("~")
    return "~" + path[len(home):] if home not in ("", "~") and path.startswith(home + os.sep) else path


def quiet_line(name: str, kind: str) -> str:
    """The TOML line `name = ["kind"]`, written by a TOML writer whatever the name holds (quotes, backslashes,
    line breaks). The writer puts each array item on a line of its own; a line break occurs nowhere else in what
    it writes (one in a name is written \\n), so taking them out gives the same document on one line."""
    import tomli_w

    line = re.sub(r"\n *", "", tomli_w.dumps({name: [kind]}).rstrip("\n"))
    return line[:-2] + "]" if line.endswith(",]") else line


def quiet_hint(found: list[Problem], instance_name: str, account_name: str) -> list[str]:
    """One line per finding kind shown that [quiet] could silence, naming the exact key to add (the name as a
    TOML string, so that the line can be pasted as it is)."""
    lines = []
    kinds = list(dict.fromkeys(p.check for p in found if p.severity != "error" and p.check in QUIET_KINDS))
    for kind in kinds:
        per_account = kind in QUIET_PER_ACCOUNT or not instance_name
        name = account_name if per_account else instance_name
        if not name:
            continue
        table = "accounts" if per_account else "instances"
        lines.append(f"Seen at every launch and not needed? Add  {inert.toml(quiet_line(name, kind))}  under "
                     f"[quiet.{table}] in {inert.line(_config_path())} to stop these warnings for "
                     f"{'account' if per_account else 'instance'} {inert.line(name)}.")
    return lines


def compose(findings: list[Finding], instance_name: str = "", account_name: str = "") -> tuple[str, str]:
    """(title, message) of one dialog about `findings`: every problem named, the first ones with their why."""
    found = problems(findings)
    numbered = len(found) > 1
    blocks = [_block(n, p, n <= FULL_PROBLEMS, numbered) for n, p in enumerate(found, 1)]
    hint = quiet_hint(found, instance_name, account_name)
    return title(instance_name, account_name), "\n\n".join(blocks + hint)


def quieted(finding: Finding, quiet_accounts: dict, quiet_instances: dict, account: tuple[str, ...],
            instance: tuple[str, ...]) -> bool:
    """Whether [quiet] silences this finding for this account (names or uuid) or instance (name or id);
    an error is never quieted."""
    if finding.severity == "error" or finding.check not in QUIET_KINDS:
        return False
    return (any(finding.check in quiet_accounts.get(key, ()) for key in account if key)
            or any(finding.check in quiet_instances.get(key, ()) for key in instance if key))
