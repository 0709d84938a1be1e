"""What one dialog says: the real cause first, one block per cause, nothing hidden, plain words, this OS only."""

import re
import sys

import pytest

from prelaunch import ui
from prelaunch.config import Config, _apply
from prelaunch.config import load as load_config
from prelaunch.model import Finding
from prelaunch.ui import composer, report, words
from tests.helpers.dialog_cases import NAMES

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

HOSTS_FIX = ("Remove that line (editing the hosts file needs administrator rights), then restart the launcher.",)


def hosts(line: int) -> Finding:
    return Finding("network", "warning", f"The hosts file redirects a sign-in host (line {line})",
                   f"`127.0.0.1 sessionserver.mojang.com` in /etc/hosts (line {line}).", HOSTS_FIX)


ANTIVIRUS = Finding("network", "warning", "Avast intercepts the connection to the sign-in servers",
                    "The certificate was issued by 'Avast Web/Mail Shield Root'.",
                    ("Avast: Menu → Settings → Protection → Core Shields → turn off HTTPS scanning.",
                     "Or add the game's Java (java.exe / javaw.exe) to its exceptions."))
CLOCK = Finding("clock", "warning", "Your clock is 6 min fast", "Measured against the sign-in servers' time.",
                ("Windows: Settings → Time & language → turn on \"Set time automatically\".",
                 "macOS: System Settings → General → Date & Time → set automatically.",
                 "Linux: run `timedatectl set-ntp true`."))
EXPIRED = Finding("token", "warning", "The session token of 'Steve' expired 3 h ago", "It ran out at 09:00.",
                  ("Restart the launcher.",))
IN_USE = Finding("session", "error", "'Steve' is already playing in instance 'Other'",
                 "A second launch logs that game out.", ("Quit the other game first.",))


def test_the_real_causes_come_first_and_none_is_hidden():
    """The case that went wrong: two hosts-file lines used to take two of four slots, the antivirus and the
    clock went to "…and 2 more". Each problem is one line of the main text, the first step is the most
    important one's, and everything else is behind Details."""
    findings = [hosts(3), hosts(4), ANTIVIRUS, CLOCK, EXPIRED, IN_USE]
    asked = ui.question(findings, "Vanilla+", "Steve", blocking=True)
    text = asked.text(60)
    order = [text.index(part) for part in ("already playing", "clock is 6 min fast", "sign-in of 'Steve'",
                                           "hosts file redirects", "Avast intercepts")]
    assert order == sorted(order) and asked.headline == "5 problems to look at before you play"
    assert text.count("\u2022 ") == 5 and "First: Quit the other game first." in text
    assert "line 4" in asked.details and asked.details.count("Remove that line") == 1  # one cause, one step
    assert "more" not in text and "console" not in text


def test_one_cause_is_one_problem():
    problems = composer.problems([hosts(3), CLOCK, hosts(4)])
    assert [len(p.findings) for p in problems] == [1, 2]
    assert problems[1].findings[1].title.endswith("(line 4)")


def test_title_names_the_game_the_instance_and_the_account():
    assert ui.question([EXPIRED], "Vanilla+", "Steve").title == "Minecraft: Vanilla+ (Steve)"
    assert ui.question([EXPIRED], "", "Steve").title == "Minecraft (Steve)"
    assert ui.question([EXPIRED]).title == "Minecraft"


def test_one_problem_is_its_title_and_its_first_step():
    """The main text of one problem: its title as the headline and its first step under it; the why and the
    other steps are behind Details."""
    asked = ui.question([IN_USE], "Vanilla+", "Steve", blocking=True)
    assert (asked.headline, asked.body) == ("'Steve' is already playing in instance 'Other'",
                                            "First: Quit the other game first.")
    assert "A second launch logs that game out." in asked.details


def test_plain_words_and_only_this_computers_steps():
    asked = ui.question([CLOCK, ANTIVIRUS, EXPIRED], "Vanilla+", "Steve")
    assert "session token" not in asked.text(60) + asked.details
    assert "The sign-in of 'Steve' expired" in asked.text(60)
    assert words.steps(CLOCK.fixes, "linux") == ["run `timedatectl set-ntp true`."]
    assert words.steps(CLOCK.fixes, "win32")[0].startswith("Settings → Time & language")
    assert "java.exe" not in words.plain(ANTIVIRUS.fixes[1], "linux")
    assert "java.exe" in words.plain(ANTIVIRUS.fixes[1], "win32")
    row = "login.live.com: an error (HTTP 503); timeout; ms: dns 5 / tcp 3; stopped at http: read timed out"
    assert words.plain(row) == "login.live.com: an error; timeout"
    assert words.plain("neither does the control host (x)") == "neither does a site outside Minecraft (x)"


def test_dont_warn_is_offered_for_warnings_never_with_an_error():
    offline = Finding("token", "warning", "'Steve' is an offline account", "", ("Add a Microsoft account.",))
    offline_net = Finding("network", "warning", "You seem to be offline", "", ("Check your connection.",))
    assert ui.question([IN_USE, offline, offline_net], "Vanilla+", "Steve").silence == ""
    assert ui.question([offline], "Vanilla+", "Steve", blocking=True).silence == ""
    asked = ui.question([offline, offline_net], "Vanilla+", "Steve")
    assert asked.silence == "Don't warn about this for Steve" and asked.default == ui.LAUNCH
    assert asked.choices == (ui.LAUNCH, ui.CANCEL, asked.silence)
    assert 'adds  Steve = ["token", "network"]  under [quiet.accounts]' in asked.details
    config_problem = Finding("config", "warning", "Your prelaunch settings file has a mistake on line 2")
    assert ui.question([offline, config_problem], "Vanilla+", "Steve").silence == ""  # not a [quiet] kind
    assert ui.question([offline_net], "Vanilla+", "").silence == "Don't warn about this for Vanilla+"
    long = ui.question([offline], "", "x" * 40).silence
    assert long == "Don't warn about this for " + "x" * 17 + "\u2026"




@pytest.mark.parametrize("name", NAMES)
def test_the_line_dont_warn_writes_is_toml_that_quiets_that_name(tmp_path, name):
    """Whatever an account or instance name holds, the line the Details say "Don't warn" adds reads back as
    that name, and under its table in the configuration file it quiets that name's warnings (and only its)."""
    offline = Finding("token", "warning", "an offline account", "", ("Add a Microsoft account.",))
    offline_net = Finding("network", "warning", "You seem to be offline", "", ("Check your connection.",))
    found = {}
    for table, account, instance in (("accounts", name, "Vanilla+"), ("instances", "", name)):
        details = ui.question([offline, offline_net], instance, account).details
        found[table] = re.search(r"adds  (.+?)  under \[quiet\.%s\]" % table, details).group(1)
        assert tomllib.loads(found[table]) == {name: ["token", "network"]}
        assert "\n" not in found[table]
    path = tmp_path / "config.toml"
    path.write_text(f"[quiet.accounts]\n{found['accounts']}\n[quiet.instances]\n{found['instances']}\n",
                    encoding="utf-8")
    quiet = load_config(path).quiet
    assert quiet.accounts == {name: ["token", "network"]} == quiet.instances
    assert ui.quieted(offline, quiet.accounts, quiet.instances, (name,), ())
    assert ui.quieted(offline_net, quiet.accounts, quiet.instances, (), (name,))
    assert not ui.quieted(offline, quiet.accounts, quiet.instances, (name + "x",), ())


def test_quiet_config_silences_one_kind_for_one_account_or_instance():
    config = Config()
    _apply(config, {"quiet": {"accounts": {"Steve": ["token"]}, "instances": {"Vanilla+": ["network"]}}})
    assert config.problems == []
    quiet = config.quiet
    offline = Finding("token", "warning", "offline account")
    assert ui.quieted(offline, quiet.accounts, quiet.instances, ("Steve", "0" * 32), ("Vanilla+", "v"))
    assert not ui.quieted(offline, quiet.accounts, quiet.instances, ("Alex", "1" * 32), ("Vanilla+", "v"))
    assert not ui.quieted(CLOCK, quiet.accounts, quiet.instances, ("Steve",), ("Vanilla+",))
    assert ui.quieted(Finding("network", "warning", "offline"), quiet.accounts, quiet.instances, (), ("Vanilla+",))
    assert not ui.quieted(IN_USE, {"Steve": ["session"]}, {}, ("Steve",), ())


def test_a_quiet_typo_is_named():
    config = Config()
    _apply(config, {"quiet": {"accounts": {"Steve": ["tokens"]}}})
    assert config.problems and "[quiet] accounts" in config.problems[0] and "'Steve'" in config.problems[0]
    assert config.quiet.accounts == {}


def test_console_lines_say_each_finding_once_in_plain_words():
    row = Finding("network", "info", "login.live.com: HTTP 503", "server-error; ms: dns 5; stopped at http: x")
    lines = report.console_lines([EXPIRED, CLOCK, row], "all good")
    text = "\n".join(lines)
    assert sum("expired 3 h ago" in line for line in lines) == 1
    assert "session token" not in text and "ms:" not in text and "HTTP 503" not in text
    assert "prelaunch: prelaunch:" not in text
    assert all(not line.startswith("!![Warning]!  ") or "Windows" not in line for line in lines)


def test_countdown_names_the_default_and_the_time():
    assert ui.countdown(ui.LAUNCH, 60) == "No answer within 60 s means \u201cLaunch anyway\u201d."
    assert ui.countdown(ui.CANCEL, 0.2) == "No answer within 1 s means \u201cCancel\u201d."
