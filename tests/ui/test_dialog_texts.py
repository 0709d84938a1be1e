"""Every dialog prelaunch can build, read in five seconds: each finding at warning or above that each check
makes (built by the checks' own code), for each launcher (Prism Launcher, MultiMC, the Modrinth App in both
file eras, none found), alone and three at a time. One problem: at most 350 characters and 6 lines; three: at
most 800, one line each and the first step; plain words everywhere a player reads without asking (the main
text, the buttons, the watchdog's notification), the evidence and commands behind Details."""

from __future__ import annotations

import itertools
import re
import textwrap
import time

import pytest

from prelaunch import ui
from prelaunch.checks import clock, devices, hooks, last_game, network, session, settings, token
from prelaunch.config import Config, Unparsed
from prelaunch.launchers import detect
from prelaunch.model import AccountInfo, Finding, InstanceInfo, LaunchContext, LauncherInfo
from prelaunch.net.hostsfile import Redirect
from prelaunch.net.result import Probe
from prelaunch.session import leasekeeper, lock, renewal, watchdog
from prelaunch.session.lease import Lease
from prelaunch.session.processes import Reading
from prelaunch.ui.question import LINE_CHARS
from tests.helpers.builders import mint_jwt, prism_account, write_modrinth, write_modrinth_legacy, write_prism
from tests.helpers.modrinth_hooks_db import CHECK, WRAP, build

NOW = time.time()
ACCOUNT, INSTANCE = "Alex", "Vanilla+"
UUID = "4eb2f408" * 4
LAUNCHERS = {"prism": LauncherInfo("prism", "/home/alex/.local/share/PrismLauncher", "accounts.json"),
             "multimc": LauncherInfo("multimc", "/home/alex/MultiMC", "accounts.json"),
             "modrinth": LauncherInfo("modrinth", "/home/alex/.local/share/ModrinthApp", "app.db (0.15+)"),
             "modrinth-0.7": LauncherInfo("modrinth", "/home/alex/.config/com.modrinth.theseus",
                                          "json (0.7 and older)"),
             "none": None}
LAUNCHER_WORDS = {"prism": "Prism Launcher", "multimc": "MultiMC", "modrinth": "Modrinth App",
                  "modrinth-0.7": "Modrinth App", "none": "launcher"}
# Words a player should not have to know (issue 18); as whole words, in any case.
JARGON = re.compile(r"\b(token|jwt|dns|tls|ssl|certificates?|uuid|pid|kill|probes?|probed|resolves?|resolved|sudo)\b",
                    re.IGNORECASE)
# Behind Details the evidence and the commands may be named (a certificate's issuer, `kill 4242`), not these.
DETAILS_JARGON = re.compile(r"\b(token|jwt|uuid|pid|probes?|probed|resolves?|resolved)\b", re.IGNORECASE)
LAUNCHER_INTERNALS = ("renew", "12 hours", "first launch", "Play Offline")  # how a launcher renews a sign-in


def context(launcher: str, **account) -> LaunchContext:
    fields = {"name": ACCOUNT, "uuid": UUID, "type": "msa", "token_expires_at": None, **account}
    return LaunchContext(LAUNCHERS[launcher], InstanceInfo("v", INSTANCE, "/home/alex/instances/v"),
                         AccountInfo(**fields) if fields["name"] is not None else None)


def token_findings(launcher: str) -> list[Finding]:
    found = []
    for account in ({"token_expires_at": NOW - 3 * 3600}, {"token_expires_at": NOW + 90 * 60},
                    {"type": "offline"}, {"type": "mojang"}):
        found += token.run(context(launcher, **account), Config(), NOW)
    found += token.run(context(launcher, token_expires_at=NOW - 3 * 86400), Config(), NOW, clock_skew=-2 * 86400)
    if LAUNCHERS[launcher] is not None:
        found += token.run(context(launcher, name=None), Config(), NOW)  # no account signed in
    return found


def session_findings(launcher: str) -> list[Finding]:
    kind = LAUNCHERS[launcher].kind if LAUNCHERS[launcher] else ""
    found = [session.in_use(f"'{ACCOUNT}'", lock.Holder(4242, NOW - 600, ACCOUNT, kind, INSTANCE, "/i", NOW - 600)),
             session.in_use(f"'{ACCOUNT}'", lock.Holder(4242, NOW - 600, ACCOUNT, kind, "", "", NOW - 600)),
             session.in_use(f"'{ACCOUNT}'", lock.Holder(0, None))]
    for programs in (((4250, "java"),), ((4250, "java"), (4251, "gamemoded"), (4252, "mangohud"))):
        held = lock.Holder(0, None)
        held.programs = programs  # no game, but programs it left keep the account's lock
        found.append(session.in_use(f"'{ACCOUNT}'", held))
    games = [session.GameProcess(4243, NOW - 3600, ACCOUNT, UUID, "/elsewhere"),  # the account, another game
             session.GameProcess(4244, NOW - 7200, "Sam", "ab" * 16, "/home/alex/instances/v/minecraft")]
    found += [f for f in session.run(context(launcher), Config(), Reading(lambda: games)) if f.severity == "error"]
    return found


def devices_findings() -> list[Finding]:
    """The account on another of the player's computers: playing there, or maybe (the clocks disagree)."""
    lease = Lease("d1", "DESKTOP-A", "a1", ACCOUNT, INSTANCE, "prism", NOW - 600, NOW - 30, None)
    return [devices.playing_there(ACCOUNT, lease, "14:02"), devices.clock_unclear(ACCOUNT, lease, -3600)]


def last_game_findings() -> list[Finding]:
    """What the account's last game's log showed, said once at the next launch: each cause."""
    base = {"account": ACCOUNT, "launcher": "prism", "started_at": NOW - 9 * 3600}
    records = [{"log": {"invalid_at_start": NOW - 9 * 3600}, "token_expires_at": NOW - 10 * 3600},
               {"log": {"duplicate_login": [NOW - 3600]}, "second_launches": [{"at": NOW - 3700, "allowed": True}]},
               {"log": {"key_refused": [NOW - 100]}, "renewed_at": NOW - 200},
               {"log": {"joins": [{"at": NOW - 50, "host": "mc.example.net"}]}, "token_expires_at": NOW - 100},
               {"log": {"key_refused": [NOW - 100]}}]
    found = [last_game.explain({**base, **record}) for record in records]
    assert all(found)
    return [f for f in found if f is not None]


def probe(outcome: str, host: str = "login.live.com", issuer: dict | None = None, trusted: bool | None = None,
          date: str | None = None) -> Probe:
    made = Probe(f"https://{host}/", host)
    made.outcome, made.issuer, made.system_trusted = outcome, issuer or {}, trusted
    if date:
        made.date, made.sent_at, made.received_at = date, NOW, NOW
    return made


ISSUERS = {"Avast": {"CN": "Avast Web/Mail Shield Root", "O": "Avast"},
           "ESET": {"CN": "ESET SSL Filter CA", "O": "ESET, spol. s r.o."},
           "Kaspersky": {"CN": "Kaspersky Anti-Virus Personal Root Certificate"},
           "Zscaler": {"CN": "Zscaler Intermediate Root CA", "O": "Zscaler Inc."},
           "stranger": {"CN": "Corp Inspection CA", "O": "Example Corp"}}


def network_findings() -> list[Finding]:
    found = []
    for name in ("Avast", "ESET", "Kaspersky", "Zscaler"):
        found += network.certificate_findings([probe("tls-untrusted", issuer=ISSUERS[name])] * 5, 5)
    for outcome in ("tls-expired", "tls-not-yet-valid", "tls-hostname"):
        found += network.certificate_findings([probe(outcome, issuer=ISSUERS["stranger"])], 5)
    for trusted in (True, False):
        found += network.certificate_findings([probe("tls-untrusted", issuer=ISSUERS["stranger"], trusted=trusted)], 5)
    lines = [Redirect(3, "0.0.0.0 sessionserver.mojang.com", ("sessionserver.mojang.com",)),
             Redirect(4, "0.0.0.0 authserver.mojang.com # alt tool", ("authserver.mojang.com",))]
    for platform in ("linux", "win32", "darwin"):
        for redirects in (lines[:1], lines):
            found += network.hosts_file_findings(redirects, [probe("refused", "sessionserver.mojang.com")],
                                                 "/etc/hosts" if platform != "win32" else
                                                 r"C:\Windows\System32\drivers\etc\hosts", platform)
    up = [probe("ok", f"h{n}.example") for n in range(3)]
    found += network.reachability(up + [probe("dns", "login.live.com"), probe("refused", "xsts.auth.xboxlive.com")],
                                  [], 5)
    found += network.reachability([probe("server-error", f"h{n}.example") for n in range(5)], [probe("ok")], 5)
    found += network.reachability([probe("timeout", f"h{n}.example") for n in range(5)], [probe("timeout")], 5)
    found += network.reachability([probe("bad-url", "")], [], 1)
    found.append(network.bundle_finding("/home/alex/corp.pem: No such file or directory"))
    for skew in (6 * 60, -3 * 86400):
        date = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(NOW - skew))
        found += clock.assess([probe("ok", date=date)] * 3, 120, "linux")
    return [f for f in found if f.rank >= 2]


def settings_findings() -> list[Finding]:
    config = Config()
    config.problems = ["[network] timeout must be a number from 0.1 to 30 (seconds), not str; using the default 2.5",
                       "unknown key [ui] timeot"]
    config.unparsed = Unparsed("/home/alex/.config/prelaunch/config.toml", 8, "Invalid value",
                               ("[session] (lines 7–8)",), False)
    found = settings.run(config)
    config.unparsed = Unparsed(config.unparsed.path, 2, "Invalid statement", ("the whole file",), True)
    return found + settings.run(config)


@pytest.fixture(scope="module")
def files_findings(tmp_path_factory) -> dict[str, list[Finding]]:
    """What the launchers' own damaged files and the Modrinth App's hooks make, read by the real readers."""
    home = tmp_path_factory.mktemp("home")
    found: dict[str, list[Finding]] = {"prism": [], "multimc": [], "modrinth": [], "modrinth-0.7": [], "none": []}
    for kind in ("prism", "multimc"):
        for content in ("{not json", '{"formatVersion": 99, "accounts": []}', '{"accounts": 3}'):
            data = write_prism(home / kind / str(len(found[kind])), kind=kind, instances={"v": {"name": INSTANCE}},
                               accounts=[prism_account(ACCOUNT, UUID, mint_jwt(NOW + 9e4), active=True)])
            (data / "accounts.json").write_text(content, encoding="utf-8")
            found[kind] += detect.detect(env={}, cwd=data / "instances" / "v", launcher=kind).notes
    legacy = write_modrinth_legacy(home / "legacy", [], None, {"v": INSTANCE})
    (legacy / "caches" / "metadata" / "minecraft_auth.json").write_text("{damaged", encoding="utf-8")
    found["modrinth-0.7"] += detect.detect(env={}, cwd=legacy / "profiles" / "v", launcher="modrinth").notes
    odd = home / "odd"
    (odd / "profiles" / "v").mkdir(parents=True)
    import sqlite3

    sqlite3.connect(odd / "app.db").execute("CREATE TABLE unrelated (x)").connection.close()
    found["modrinth"] += detect.detect(env={}, cwd=odd / "profiles" / "v", launcher="modrinth").notes
    for hooked in (("", "", ""), ("", f"{WRAP} mangohud", ""), ("echo own", None, None)):
        found["modrinth"] += hooks.run(build(home / f"m{len(found['modrinth'])}", "0.15+", (CHECK, WRAP, None),
                                             {"Blank": hooked}), Config())
    write_modrinth(home / "unused", "0.15+", [])
    return {kind: [f for f in notes if f.rank >= 2] for kind, notes in found.items()}


def every_finding(launcher: str, files: dict[str, list[Finding]]) -> list[Finding]:
    return [*session_findings(launcher), *devices_findings(), *token_findings(launcher), *network_findings(),
            *settings_findings(), *last_game_findings(), *files[launcher]]


def lines(text: str) -> int:
    """The lines a dialog shows at its width (blank lines between paragraphs are not counted)."""
    return sum(len(textwrap.wrap(line, LINE_CHARS)) for line in text.split("\n") if line.strip())


def details_words(question: ui.Question) -> str:
    """The details but the [quiet] line "Don't warn" writes (its kinds are the configuration's names)."""
    return re.sub(r"adds  .*  under \[quiet", "adds … under [quiet", question.details)


def player_reads(question: ui.Question, timeout: float = 60) -> str:
    return "\n".join([question.title, question.text(timeout), *question.choices])


@pytest.mark.parametrize("launcher", list(LAUNCHERS))
def test_one_problem_is_a_headline_a_sentence_and_the_first_step(launcher, files_findings):
    findings = every_finding(launcher, files_findings)
    kinds = {f.check for f in findings}
    assert {"session", "devices", "token", "network", "clock", "config", "last_game"} <= kinds or launcher == "none"
    for finding in findings:
        for blocking in (finding.severity == "error", False):
            asked = ui.question([finding], INSTANCE, ACCOUNT, blocking)
            text = asked.text(60)
            assert len(text) <= 350 and lines(text) <= 6, text
            assert not JARGON.search(player_reads(asked)), player_reads(asked)
            assert not DETAILS_JARGON.search(details_words(asked)), asked.details
            assert "`" not in text, text  # a command to type is behind Details
            assert not any(word in asked.headline for word in LAUNCHER_INTERNALS), asked.headline
            assert "another account" not in text + asked.details
            if finding.fixes:
                assert "First: " in text and all(step in asked.details for step in ui.words.steps(finding.fixes))


@pytest.mark.parametrize("launcher", list(LAUNCHERS))
def test_three_problems_are_one_line_each_and_the_first_step(launcher, files_findings):
    findings = every_finding(launcher, files_findings)
    problems = [p.findings[0] for p in ui.composer.problems(findings)]
    assert len(problems) > 20
    asked_count = 0
    for three in itertools.combinations(problems, 3):
        asked = ui.question(list(three), INSTANCE, ACCOUNT, any(f.severity == "error" for f in three))
        text = asked.text(60)
        bullets = [line for line in text.split("\n") if line.startswith("\u2022 ")]
        assert len(text) <= 800 and len(bullets) == 3 and all(len(b) <= LINE_CHARS for b in bullets), text
        assert lines(text) <= 1 + 3 + 3 + 1, text  # the headline, one line each, the first step, the countdown
        assert not JARGON.search(player_reads(asked)), player_reads(asked)
        asked_count += 1
    assert asked_count == len(problems) * (len(problems) - 1) * (len(problems) - 2) // 6


@pytest.mark.parametrize("launcher", [k for k in LAUNCHERS if k != "none"])
def test_the_first_step_for_a_stale_sign_in_names_the_launcher_found(launcher):
    for expires in (NOW - 3 * 3600, NOW + 90 * 60):
        [finding] = token.run(context(launcher, token_expires_at=expires), Config(), NOW)
        first = ui.question([finding], INSTANCE, ACCOUNT).body.split("\n")[-1]
        assert first.startswith("First: ") and LAUNCHER_WORDS[launcher] in first, first


def test_the_same_instance_running_says_quit_that_game():
    """A second launch of the instance itself: quit that game; never "play with another account"."""
    holder = lock.Holder(4242, NOW, ACCOUNT, "prism", INSTANCE, "/home/alex/instances/v", NOW)
    asked = ui.question([session.in_use(f"'{ACCOUNT}'", holder)], INSTANCE, ACCOUNT, blocking=True)
    assert "First: Quit the other game, then launch again." in asked.text(60)
    assert "another account" not in asked.text(60) + asked.details


def test_a_leftover_game_names_the_systems_own_tool_first():
    game = session.GameProcess(4244, NOW - 7200, "Sam", "ab" * 16, "/home/alex/instances/v/minecraft")
    [leftover] = [f for f in session.run(context("prism", uuid=""), Config(), Reading(lambda: [game]))
                  if f.severity == "error"]
    steps = ui.words.steps(leftover.fixes, "linux")
    assert steps[0].startswith("Quit that game") and "system monitor" in steps[1]
    assert steps[1].index("system monitor") < steps[1].index("`kill 4244`")


@pytest.mark.parametrize("launcher", list(LAUNCHERS))
def test_the_watchdogs_notifications_are_in_plain_words(launcher):
    ctx = context(launcher, token_expires_at=NOW + 60)
    said = [watchdog.message(watchdog.Notice(ACCOUNT, NOW, known, list(token.refresh_fixes(ctx))))
            for known in (True, False)]
    said.append(renewal.message(ACCOUNT, LAUNCHERS[launcher].kind if LAUNCHERS[launcher] else "", NOW))
    said.append(leasekeeper.started_message(Lease("d1", "DESKTOP-A", "a1", ACCOUNT, INSTANCE, "prism", NOW, NOW,
                                                  None)))
    for title, body in said:
        assert not JARGON.search(title + "\n" + body), body


def test_the_word_list_can_fail():
    """The checks above look for these words; a text with them is caught."""
    for said in ("the token expired", "a DNS failure", "an SSL error", "pid 4242", "run `kill 4242`",
                 "a certificate issued by", "could not resolve", "sudo nano"):
        assert JARGON.search(said), said
    assert not JARGON.search("your sign-in ran out; the process ID is in Details; skill")
    assert lines("x" * (LINE_CHARS + 1)) == 2 and lines("a\n\nb") == 2


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_the_other_systems_steps_hold_the_limits_too(monkeypatch, platform, files_findings):
    """The steps a dialog shows are this computer's: on Windows and macOS, other words, the same limits."""
    findings = every_finding("prism", files_findings)
    monkeypatch.setattr("sys.platform", platform)
    for finding in findings:
        asked = ui.question([finding], INSTANCE, ACCOUNT, finding.severity == "error")
        text = asked.text(60)
        assert len(text) <= 350 and lines(text) <= 6, text
        assert not JARGON.search(player_reads(asked)), player_reads(asked)
        assert "`" not in text, text
