"""The one decision about launching an account that is already playing, here (a game holds its lock) or on
another of the player's computers (a game's lease), which `check` and `wrap` both call:

- what `[session] on_account_in_use` says: "block" refuses, in one console line; "warn" makes the account in
  use a warning, so the launch goes on unless the player stops it (`check` asks about it as about any warning,
  "Launch anyway" by default; the wrapper, which asks only what would stop a launch, says so in one line and
  goes on); "ask" asks, "Cancel" by default;
- one question per launch: a `check` that lets the launch go on gives its consent, and the wrapper of the same
  launch takes it instead of asking again;
- each second launch, let go on or refused, is noted once for the record of the game that plays;
- what to ask: `check` asks one question about all its findings, the account in use among them; the wrapper
  asks about the account in use alone, named after what holds it.

Whether a finding says the account is in use is for the checks to judge: `check` judges its own findings, the
wrapper is given the finding (or the judge that writes it from the holder record).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prelaunch.failsafe import say
from prelaunch.model import Finding

if TYPE_CHECKING:
    from prelaunch.config import UiConfig
    from prelaunch.session.lock import Holder
    from prelaunch.ui import Question

BLOCK, WARN = "block", "warn"


def question(findings: Sequence[Finding], in_use: bool, policy: str, instance_name: str = "",
             account_name: str = "") -> Question:
    """What to ask about `findings` (`in_use`: the account in use is among them): "Cancel" by default when an
    error is among them, except that under "warn" the account in use is a warning ("Launch anyway")."""
    from prelaunch import ui

    blocking = any(f.severity == "error" for f in findings) and not (in_use and policy == WARN)
    return ui.question(list(findings), instance_name, account_name, blocking)


def when_deciding_failed(policy: str) -> bool:
    """The wrapper's answer when deciding failed (an internal error): the question's default, never a second
    game of one account by accident ("Cancel", unless "warn")."""
    if policy == WARN:
        return True
    say("!![Error]!prelaunch: this account is already playing in another game: launch refused.")
    return False


@dataclass(frozen=True)
class SecondLaunch:
    """A launch of an account that is already playing: `policy` (`[session] on_account_in_use`), the account's
    UUID ("" when unknown: nothing is noted or handed on), the instance folder being launched (a consent is for
    this launch of this instance) and the names the question shows."""

    policy: str
    uuid: str
    instance_dir: str
    account_name: str = ""
    instance_name: str = ""

    def refused(self, title: str = "") -> bool:
        """Whether the policy refuses the launch ("block"); if so, says it in one line (naming what holds the
        account, `title`, unless the findings are in the console already) and notes the refusal."""
        if self.policy != BLOCK:
            return False
        from prelaunch.ui import inert

        said = f"{inert.line(title)}: launch refused" if title else "the account is already playing; launch refused"
        say(f'!![Error]!prelaunch: {said} ([session] on_account_in_use = "block").')
        self.note(False)
        return True

    def answered(self, go: bool) -> None:
        """`check`'s question was answered: noted; a go is the consent the wrapper of this launch takes."""
        self.note(go)
        if go and self.uuid:
            from prelaunch.session import consent

            consent.give(self.uuid, self.instance_dir)

    def decide_alone(self, finding: Finding | None, judge: Callable[[str, Holder], Finding],
                     settings: UiConfig) -> bool:
        """The wrapper's decision, about the account in use alone: the consent the pre-launch check gave for this
        launch, else the policy, else the player. `finding`: the game on another computer, else None: the game
        here, named by `judge` from the account's holder record."""
        from prelaunch import ui
        from prelaunch.session import consent, lock
        from prelaunch.ui import inert

        if finding is None:
            finding = judge(self.account_name or "This account", lock.live_holder(self.uuid))
        said = inert.line(finding.title)
        if consent.take(self.uuid, self.instance_dir):  # the check asked, and noted the answer
            say(f"!![Warning]!prelaunch: {said}; launching anyway.")
            return True
        if self.refused(finding.title):
            return False
        if self.policy == WARN:
            say(f"!![Warning]!prelaunch: {said}; launching anyway.")
            go = True
        else:
            asked = question([finding], True, self.policy, self.instance_name, self.account_name)
            go = ui.ask_question(asked, settings.timeout, settings.mode, settings.backend).choice == ui.LAUNCH
            if not go:
                say(f"!![Error]!prelaunch: {said}: launch cancelled.")
        self.note(go)
        return go

    def note(self, allowed: bool) -> None:
        """The second launch, let go on or refused, for the record of the game that plays."""
        from prelaunch.identifiers import normalise_uuid
        from prelaunch.session import last_game

        uuid = normalise_uuid(self.uuid)
        if uuid:
            last_game.note_second_launch(uuid, allowed)
