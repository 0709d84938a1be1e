"""The one decision about launching an account that is already playing (`session/account_in_use.py`), through
both commands that make it, as real processes with real dialogs on a real desktop (zenity; xdotool answers):
`prelaunch check`, the pre-launch command, and `prelaunch wrap`, the wrapper.

One table: `[session] on_account_in_use`, what the player answers when a question shows ("Launch anyway",
"Cancel", or nothing until the timeout), and what holds the account (a game here: its lock and holder record;
a game on another of the player's computers: its lease in the synced folder). Each case runs

- through `check`, and, when it lets the launch go on, the wrapper of the same launch after it (Prism and
  MultiMC run both), which takes the check's consent instead of asking again;
- through the wrapper alone (a launcher with the wrapper only),

each with its console lines, its exit code, whether a question showed, and the second launch noted once for
the record of the game that plays."""

from __future__ import annotations

import json
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from prelaunch import paths
from prelaunch.session import last_game
from prelaunch.ui import timefmt
from tests.helpers.broken import raising
from tests.helpers.builders import mint_jwt
from tests.helpers.launch import game_argv, start_wrap, write_config
from tests.helpers.leases import playing_elsewhere
from tests.helpers.popups import TITLE, check_process, dialog_now
from tests.helpers.session import held_here, prism_with_own_steve
from tests.helpers.xserver import find_window, press, x_env

LAUNCH, CANCEL, TIMEOUT = "Launch anyway", "Cancel", "no answer"
KEYS = {LAUNCH: "alt+l", CANCEL: "alt+c"}
TIMEOUT_S = 2  # `[ui] timeout` where nobody answers; 30 where the player does
REFUSED = '[session] on_account_in_use = "block"'


@dataclass(frozen=True)
class Outcome:
    """What one command does: whether it asks, whether the launch goes on, and what it says about the decision
    (`{title}`: what holds the account, as that command names it)."""

    asks: bool
    goes: bool
    said: tuple[str, ...] = ()


CHECK_CANCELLED = Outcome(True, False, ("!![Error]!prelaunch: launch cancelled.",))
WRAP_CANCELLED = Outcome(True, False, ("!![Error]!prelaunch: {title}: launch cancelled.",))
WRAP_WARNS = Outcome(False, True, ("!![Warning]!prelaunch: {title}; launching anyway.",))

# (policy, the player's answer were a question shown): (check's outcome, the wrapper's alone)
CASES = {
    ("ask", LAUNCH): (Outcome(True, True), Outcome(True, True)),
    ("ask", CANCEL): (CHECK_CANCELLED, WRAP_CANCELLED),
    ("ask", TIMEOUT): (CHECK_CANCELLED, WRAP_CANCELLED),  # an error's default: Cancel
    ("block", LAUNCH): (Outcome(False, False, (f"!![Error]!prelaunch: the account is already playing; launch "
                                               f"refused ({REFUSED}).",)),
                        Outcome(False, False, (f"!![Error]!prelaunch: {{title}}: launch refused ({REFUSED}).",))),
    # "warn": check asks as about a warning ("Launch anyway" by default); the wrapper says so and goes on
    ("warn", TIMEOUT): (Outcome(True, True), WRAP_WARNS),
    ("warn", CANCEL): (CHECK_CANCELLED, WRAP_WARNS),
}
HERE, ELSEWHERE = "a game here", "a game on another computer"
TABLE = [pytest.param((policy, answer, holder), id=f"{policy}-{answer}-{holder}".replace(" ", "_"))
         for (policy, answer) in CASES for holder in (HERE, ELSEWHERE)]


@dataclass
class Launch:
    """A launch of Steve's instance "Vanilla+" while his account plays, and how the case answers a question."""

    home: Path
    instance: Path
    uuid: str
    display: str
    titles: tuple[str, str]  # what holds the account, as `check` and the wrapper name it
    policy: str
    answer: str

    def check(self) -> subprocess.Popen:
        return check_process(self.instance, self.display)

    @property
    def game(self) -> Path:
        """What the game writes when it starts (so this launch went on)."""
        return self.home.parent / "game.json"

    def wrap(self) -> subprocess.Popen:
        argv = game_argv(self.game, sleep_s=60, uuid=self.uuid, token=mint_jwt(time.time() + 9e4))
        env = {**x_env(self.display), "INST_DIR": str(self.instance), "INST_NAME": "Vanilla+"}
        return start_wrap(argv, self.instance / "minecraft", env)

    def consent_left(self) -> bool:
        return (Path(paths.state_dir()) / "consent" / f"{self.uuid}.json").exists()

    def noted(self) -> list[bool]:
        """The second launches noted for the record of the game that plays: whether each went on."""
        path = Path(last_game.launches_file(self.uuid))
        return [launch["allowed"] for launch in json.loads(path.read_text())["launches"]] if path.exists() else []


@pytest.fixture
def launch(home, tmp_path, display, request):
    policy, answer, holder = request.param
    uuid_ = uuid.uuid4().hex  # this test's own: no other test's game plays it
    folder = tmp_path / "Sync"
    devices = f'[devices]\nfolder = {json.dumps(str(folder))}\n' if holder == ELSEWHERE else ""
    (home / "prelaunch.toml").write_text(
        f'[network]\nenabled = false\n[ui]\nbackend = "zenity"\ntimeout = {TIMEOUT_S if answer == TIMEOUT else 30}\n'
        f'[session]\non_account_in_use = "{policy}"\n{devices}', encoding="utf-8")
    instance = prism_with_own_steve(home, "Vanilla+", uuid=uuid_)
    if holder == ELSEWHERE:
        title = f"Steve is playing on DESKTOP-A since {timefmt.clock(playing_elsewhere(folder, uuid_).started_at)}"
        yield Launch(home, instance, uuid_, display, (title, title), policy, answer)
    else:
        with held_here(uuid_):
            yield Launch(home, instance, uuid_, display, ("'Steve' is already playing in instance 'Other'",
                                                          "Steve is already playing in instance 'Other'"),
                         policy, answer)


def answered(proc: subprocess.Popen, launch: Launch, started: Path | None = None) -> bool:
    """Wait for `proc` to decide, answering its question (if one shows) as the case says; whether it asked. The
    decision ends with the process, or with the game it became (`started`: the game's record)."""
    asked = False
    end = time.monotonic() + 60
    while proc.poll() is None and not (started and started.exists()) and time.monotonic() < end:
        if not asked and dialog_now(proc) is not None:
            asked = True
            if launch.answer in KEYS:
                press(launch.display, find_window(launch.display, TITLE), KEYS[launch.answer])
        time.sleep(0.05)
    return asked


def console(proc: subprocess.Popen) -> list[str]:
    """The console lines of a command, ending the game it became."""
    proc.kill()
    out, _ = proc.communicate(timeout=30)
    return out.decode().splitlines() if isinstance(out, bytes) else out.splitlines()


@pytest.mark.parametrize("launch", TABLE, indirect=True)
def test_check_then_the_wrapper_of_the_same_launch(launch):
    expected = CASES[(launch.policy, launch.answer)][0]
    check_title, wrap_title = launch.titles
    proc = launch.check()
    asked = answered(proc, launch)
    lines = console(proc)
    assert (proc.returncode, asked) == (0 if expected.goes else 1, expected.asks), lines
    assert lines[0] == f"!![Error]!prelaunch: {check_title}", lines  # the finding, then what was decided
    assert [line for line in lines[1:] if "!prelaunch: " in line] == list(expected.said), lines
    assert launch.consent_left() == expected.goes  # a go is the consent of this launch's wrapper
    if expected.goes:
        wrapper = launch.wrap()
        asked = answered(wrapper, launch, launch.game)
        noted = launch.noted()
        lines = console(wrapper)
        assert not asked and launch.game.exists(), lines  # asked once per launch
        assert lines == [f"!![Warning]!prelaunch: {wrap_title}; launching anyway."]
        assert not launch.consent_left()  # used up
    else:
        noted = launch.noted()
    assert noted == [expected.goes]  # once, by the check, though the wrapper went on too


@pytest.mark.parametrize("launch", TABLE, indirect=True)
def test_the_wrapper_alone(launch):
    expected = CASES[(launch.policy, launch.answer)][1]
    _, title = launch.titles
    proc = launch.wrap()
    asked = answered(proc, launch, launch.game)
    noted = launch.noted()
    lines = console(proc)
    assert (asked, launch.game.exists()) == (expected.asks, expected.goes), lines
    if not expected.goes:
        assert proc.returncode == 1
    assert lines == [line.format(title=title) for line in expected.said]
    assert noted == [expected.goes]
    assert not launch.consent_left()


@pytest.mark.parametrize("policy, goes", [("ask", False), ("block", False), ("warn", True)])
def test_an_error_while_the_wrapper_decides_takes_the_questions_default(home, tmp_path, policy, goes):
    """A bug while deciding (here: reading who holds the account) never lets a second game of one account start
    by accident: the question's default, "Cancel" unless "warn", with one line for the error."""
    write_config(home, f'[session]\non_account_in_use = "{policy}"\n[ui]\nmode = "none"\n')
    account = uuid.uuid4().hex
    game = tmp_path / "game.json"
    with held_here(account):
        proc = start_wrap(game_argv(game, uuid=account), tmp_path,
                          raising(tmp_path, "prelaunch.session.lock.live_holder"))
        out, _ = proc.communicate(timeout=60)
    lines = out.decode().splitlines()
    assert (proc.returncode == 0, game.exists()) == (goes, goes), lines
    assert lines[0].startswith("!![Warning]!prelaunch: internal error in `wrap (account in use)` (RuntimeError at "
                               "sitecustomize.py:3); the question's default answer applies."), lines
    assert lines[1:] == ([] if goes else ["!![Error]!prelaunch: this account is already playing in another game: "
                                          "launch refused."])
