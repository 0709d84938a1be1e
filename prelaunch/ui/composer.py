"""What one dialog says, read in five seconds: a headline, one sentence, the first thing to do, the buttons.
One problem: its title as the headline, its summary, its first step. Several: one line each (cut short with
"…" past a dialog's line) under a headline that counts them, then the first step of the most important one.
Everything else (the other steps, the why, the evidence) is behind "Details", as in the console. Findings with
one cause are merged into one problem, and the problems ranked by what the player must do first.

Every line is made inert here (`inert.line`): a name's own line break or control character never becomes the
dialog's; the backend escapes the whole text for its markup."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from prelaunch import paths
from prelaunch.config import QUIET_KINDS
from prelaunch.model import Finding
from prelaunch.ui import inert, words
from prelaunch.ui.question import CANCEL, LAUNCH, LINE_CHARS, Question, shortened, silence_label

# What the player does first: end the other game, fix the clock (it breaks certificates and expiry), renew
# the sign-in, then the network; notes about what could not be read come last.
CHECK_ORDER = ("session", "clock", "token", "network", "context", "config")
FIRST = "First: "


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


def _said(text: str) -> str:
    return inert.line(words.plain(text))


def _details(problem: Problem) -> str:
    """A problem in full: its titles, its sentence and why, and every step for this computer, numbered."""
    first = problem.findings[0]
    lines = [_said(first.title) + "."]
    lines += [f"Also: {_said(f.title)}." for f in problem.findings[1:]]
    lines += [_said(text) for text in dict.fromkeys(f.detail for f in problem.findings if f.detail)]
    lines += [f"{number}. {inert.line(step)}" for number, step in enumerate(words.steps(first.fixes), 1)]
    return "\n".join(lines)


def _config_path() -> str:
    path = paths.config_file()
    home = os.path.expanduser("~")
    return "~" + path[len(home):] if home not in ("", "~") and path.startswith(home + os.sep) else path


def quiet_line(name: str, kinds: str | Sequence[str]) -> str:
    """The TOML line `name = ["kind", …]` on one line, written by a TOML writer whatever the name holds."""
    from prelaunch.ui.config_edit import line

    return line(name, [kinds] if isinstance(kinds, str) else list(kinds))


def silenceable(found: list[Problem]) -> list[str]:
    """The finding kinds "Don't warn about this" would silence: every problem's, when each is a warning of a
    kind [quiet] may silence; none when any is an error or another kind."""
    if any(p.severity == "error" or any(f.check not in QUIET_KINDS for f in p.findings) for p in found):
        return []
    return list(dict.fromkeys(f.check for p in found for f in p.findings))


def silence_table(account_name: str, instance_name: str) -> tuple[str, str]:
    """(the [quiet] table, the name) "Don't warn" writes: the account's, else the instance's; ("", "") without
    either."""
    if account_name:
        return "accounts", account_name
    return ("instances", instance_name) if instance_name else ("", "")


def question(findings: list[Finding], instance_name: str = "", account_name: str = "",
             blocking: bool = False) -> Question:
    """The dialog about `findings`. `blocking`: the default (Enter, the timeout) is Cancel, else Launch
    anyway, with a "Don't warn about this for …" button when every problem may be silenced."""
    found = problems(findings)
    first = found[0]
    steps = words.steps(first.findings[0].fixes)
    if len(found) == 1:
        headline = _said(first.findings[0].title)
        body = [_said(first.findings[0].summary)] if first.findings[0].summary else []
    else:
        headline = f"{len(found)} problems to look at before you play"
        body = [shortened(f"\u2022 {_said(p.findings[0].title)}", LINE_CHARS) for p in found]  # one line each
    if steps:
        body.append(FIRST + inert.line(steps[0]))
    details = [_details(p) for p in found]
    kinds = [] if blocking else silenceable(found)
    table, name = silence_table(account_name, instance_name)
    silence = silence_label(inert.line(name)) if kinds and name else ""
    if silence:
        details.append(f"\u201c{silence}\u201d adds  {inert.toml(quiet_line(name, kinds))}  under [quiet.{table}] "
                       f"in {inert.line(_config_path())}; delete that line to be warned again.")
    return Question(title(instance_name, account_name), headline, "\n".join(body), "\n\n".join(details),
                    CANCEL if blocking else LAUNCH, silence)


def quieted(finding: Finding, quiet_accounts: dict, quiet_instances: dict, account: tuple[str, ...],
            instance: tuple[str, ...]) -> bool:
    """Whether [quiet] silences this finding for this account (names or uuid) or instance (name or id);
    an error is never quieted."""
    if finding.severity == "error" or finding.check not in QUIET_KINDS:
        return False
    return (any(finding.check in quiet_accounts.get(key, ()) for key in account if key)
            or any(finding.check in quiet_instances.get(key, ()) for key in instance if key))
