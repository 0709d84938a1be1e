"""Fault injection, end to end in real subprocesses: every file prelaunch reads, damaged in each way a disk, a
user or another program can damage it; every form a token's expiry can take; every config number at and past
its bounds; a working directory that is gone.

For each case `check` lets the launch go on: exit 0, its `--then` command runs, no traceback, and it ends
within its deadline + 1 s (the subprocess timeout is the bound; nothing here measures time). `doctor` and
`status` end with one of their documented exit codes, with no traceback, within the same bound. Cases where a
run can end while the network check's threads still work (the interpreter-shutdown race) run `REPEATS` times.

Runs are independent (each case has its own HOME) and go in parallel, one per core.
"""

from __future__ import annotations

import base64
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import certifi
import psutil
import pytest

from prelaunch import __version__, fileio
from prelaunch.checks import network
from prelaunch.config import Config
from prelaunch.net import cache as netcache
from prelaunch.net.result import Probe, endpoint_host
from prelaunch.session import consent, lock
from tests.helpers.builders import (
    MINTED_SECRETS,
    dashed,
    mint_jwt,
    prism_account,
    write_modrinth,
    write_modrinth_legacy,
    write_prism,
)
from tests.helpers.netservers import Server, refused_url

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, symlinks and /dev/zero are POSIX")

DEADLINE_S = 1.0  # [network] deadline of every case's configuration
DEFAULT_DEADLINE_S = Config().network.deadline  # what applies when the configuration cannot be read
COLLECT_GRACE_S = 0.5  # the network check gives its thread the deadline plus this (checks/network.py Pending)
# runs of each case where the shutdown race is possible. The interpreter-shutdown crash itself is caught by
# tests/test_cli.py (threads parsing certificates); with that shutdown back, these runs still passed 80 of 80.
REPEATS = 5
WORKERS = os.cpu_count() or 2
HUGE = 9 * fileio.MIB  # past every cap, the hosts file's (8 MiB) too
THEN_MARK = "prelaunch-then-ran"
THEN = ["--then", "/bin/echo", THEN_MARK]  # a real program, and not another Python start per run

FAULTS = ("truncated", "garbage", "huge", "empty", "folder", "fifo", "symlink loop", "/dev/zero", "mode 000")


def bound(deadline_s: float) -> float:
    """How long a run may take: the network check's deadline and grace, + 1 s."""
    return deadline_s + COLLECT_GRACE_S + 1.0


# --- running -----------------------------------------------------------------------------------------------

@dataclass
class Run:
    label: str
    argv: list[str]
    env: dict[str, str]
    cwd: Path | None
    bound_s: float
    code: int | None = None
    out: str = ""
    err: str = ""

    @property
    def timed_out(self) -> bool:
        return self.code is None

    def said(self) -> str:
        return f"{self.label}: exit {self.code}\n--- stdout\n{self.out}--- stderr\n{self.err}"


def _execute(run: Run) -> Run:
    proc = subprocess.Popen(run.argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=run.env, cwd=run.cwd, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=run.bound_s)
        run.code = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the whole group: a child must not keep the pipes open
        out, err = proc.communicate()
    run.out, run.err = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    return run


def execute(runs: list[Run]) -> list[Run]:
    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(_execute, runs))


def prelaunch(*args: str) -> list[str]:
    return [sys.executable, "-m", "prelaunch", *args]


def check_failures(runs: list[Run], expect: str = "", internal_error_allowed: bool = False) -> list[str]:
    """What is wrong with runs of `check`: each must let the launch go on and run --then."""
    wrong = []
    for run in runs:
        text = run.out + run.err
        problems = []
        if run.timed_out:
            problems.append(f"still running after {run.bound_s:g} s")
        elif run.code != 0:
            problems.append(f"exit {run.code}")
        if THEN_MARK not in run.out.splitlines():
            problems.append("--then did not run")
        if "Traceback" in text:
            problems.append("a traceback")
        if run.err:
            problems.append("output on stderr")
        errors = [line for line in run.out.splitlines() if "internal error" in line]
        if len(errors) > (1 if internal_error_allowed else 0):
            problems.append("an internal error" if not internal_error_allowed else "more than one error line")
        if expect and expect not in run.out:
            problems.append(f"no {expect!r}")
        if problems:
            wrong.append(f"{'; '.join(problems)} in {run.said()}")
    return wrong


def other_failures(runs: list[Run], codes: tuple[int, ...], first_line: str | tuple[str, ...]) -> list[str]:
    """What is wrong with runs of `doctor` or `status`: a documented exit code, its report, no traceback."""
    wrong = []
    for run in runs:
        problems = []
        if run.timed_out:
            problems.append(f"still running after {run.bound_s:g} s")
        elif run.code not in codes:
            problems.append(f"exit {run.code}")
        if "Traceback" in run.out + run.err or run.err:
            problems.append("a traceback or stderr output")
        if not run.out.startswith(first_line):
            problems.append(f"output does not start with {first_line!r}")
        if problems:
            wrong.append(f"{'; '.join(problems)} in {run.said()}")
    return wrong


# --- the world of one case ------------------------------------------------------------------------------------

_CLEARED = ("PRELAUNCH_CONFIG", "PRISMLAUNCHER_DATA_DIR", "THESEUS_CONFIG_DIR", "SNAP_USER_COMMON", "INST_NAME",
            "INST_ID", "INST_DIR", "INST_MC_DIR", "INST_JAVA", "INST_JAVA_ARGS", "PYTHONPATH")


@dataclass
class Launch:
    """How a launcher starts `check` for one instance, and how `doctor` names that instance."""

    cwd: Path
    env: dict[str, str] = field(default_factory=dict)
    doctor: tuple[str, ...] = ()


class World:
    """A HOME with every launcher (Prism, MultiMC, Modrinth App 0.15+ and 0.7) holding Steve and one
    instance, and prelaunch's own files, all valid; `files` names each file a case can damage."""

    def __init__(self, root: Path, network_url: str | None = None) -> None:
        self.home = root / "home"
        xdg = {"HOME": "", "XDG_DATA_HOME": ".local/share", "XDG_CONFIG_HOME": ".config",
               "XDG_STATE_HOME": ".local/state", "XDG_CACHE_HOME": ".cache"}
        self.vars = {name: str(self.home / sub) for name, sub in xdg.items()}
        self.env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
        self.env.update(self.vars)
        for folder in self.vars.values():
            Path(folder).mkdir(parents=True, exist_ok=True)
        share, state = self.home / ".local/share", self.home / ".local/state/prelaunch"
        token = mint_jwt(time.time() + 20 * 3600)
        # Steve's own uuid: other tests on this machine may run games of the fixture account meanwhile
        self.uuid = uuid.uuid4().hex
        steve = [prism_account("Steve", self.uuid, token, active=True)]
        prism = write_prism(share / "PrismLauncher", accounts=steve, instances={"v": {"name": "Vanilla"}})
        multimc = write_prism(share / "multimc", kind="multimc", config_version=False, accounts=steve,
                              instances={"m": {"name": "Modded"}})
        users = [(dashed(self.uuid), "Steve", token)]
        modrinth = write_modrinth(share / "ModrinthApp", "0.15+", [(*users[0], True)], instances={"pack": "Pack"})
        legacy = write_modrinth_legacy(self.home / ".config/com.modrinth.theseus", users, default=users[0][0],
                                       instances={"old": "Old Pack"})
        self.network_url = network_url
        self.ca_bundle = self.home / "roots.pem"  # read by OpenSSL in the network check's thread
        self.ca_bundle.write_bytes(Path(certifi.where()).read_bytes())
        network = (f'endpoints = ["{network_url}"]\ncontrol = ""\ndeadline = {DEADLINE_S}\n'
                   f'ca_bundle = "{self.ca_bundle}"\n' if network_url else "enabled = false\n")
        self.hosts = self.home / "hosts"
        self.hosts.write_text("127.0.0.1 localhost\n0.0.0.0 sessionserver.mojang.com\n", encoding="utf-8")
        self.config = self.home / ".config/prelaunch/config.toml"
        self.config.parent.mkdir(parents=True)
        self.config.write_text(f'[ui]\nmode = "none"\n[session]\non_account_in_use = "warn"\n'
                               f'[network]\nhosts_file = "{self.hosts}"\n{network}', encoding="utf-8")
        self.cache = self.home / ".cache/prelaunch/network.json"
        self.holder = state / "locks" / f"{self.uuid}.json"
        self.consent = state / "consent" / f"{self.uuid}.json"
        self.launches = {
            "prism": Launch(prism / "instances/v/minecraft", _inst_env(prism / "instances/v"),
                            ("--launcher", "prism", "--instance", str(prism / "instances/v"))),
            "multimc": Launch(multimc / "instances/m/minecraft", _inst_env(multimc / "instances/m"),
                              ("--launcher", "multimc", "--instance", str(multimc / "instances/m"))),
            "modrinth": Launch(modrinth / "profiles/pack", {},
                               ("--launcher", "modrinth", "--instance", str(modrinth / "profiles/pack"))),
            "modrinth 0.7": Launch(legacy / "profiles/old", {},
                                   ("--launcher", "modrinth", "--instance", str(legacy / "profiles/old"))),
        }
        self.files = {  # name: (file, the launch that reads it)
            "Prism accounts.json": (prism / "accounts.json", "prism"),
            "Prism instance.cfg": (prism / "instances/v/instance.cfg", "prism"),
            "prismlauncher.cfg": (prism / "prismlauncher.cfg", "prism"),
            "MultiMC accounts.json": (multimc / "accounts.json", "multimc"),
            "MultiMC instance.cfg": (multimc / "instances/m/instance.cfg", "multimc"),
            "multimc.cfg": (multimc / "multimc.cfg", "multimc"),
            "Modrinth app.db": (modrinth / "app.db", "modrinth"),
            "Modrinth settings.json": (legacy / "settings.json", "modrinth 0.7"),
            "Modrinth minecraft_auth.json": (legacy / "caches/metadata/minecraft_auth.json", "modrinth 0.7"),
            "config.toml": (self.config, "prism"),
            "network cache": (self.cache, "prism"),
            "holder record": (self.holder, "prism"),
            "consent": (self.consent, "prism"),
            "hosts file": (self.hosts, "prism"),
            "CA bundle": (self.ca_bundle, "prism"),
        }
        self.held_fd: int | None = None
        if network_url is None:
            # A run that falls back to the defaults (its config damaged) finds their result remembered, so no
            # case ever probes the real sign-in hosts. A case about the cache itself probes loopback instead.
            self.remember_healthy_network(Config())

    def set_config(self, section: str, key: str, literal: str) -> None:
        """`key = literal` in `[section]` of this world's config.toml, in place of any value it had there (a
        key given twice would make the whole file invalid TOML)."""
        lines, current = [], ""
        for line in self.config.read_text(encoding="utf-8").splitlines():
            if line.startswith("["):
                current = line
            if not (current == f"[{section}]" and line.startswith(f"{key} = ")):
                lines.append(line)
        if f"[{section}]" not in lines:
            lines.append(f"[{section}]")
        lines.insert(lines.index(f"[{section}]") + 1, f"{key} = {literal}")
        self.config.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def environment(self):
        """This world's HOME and XDG dirs in this process, for writing prelaunch's own files with its code."""
        return mock.patch.dict(os.environ, self.vars)

    def remember_healthy_network(self, config: Config) -> None:
        """A fresh healthy network result for `config`'s endpoints, so a check with them probes nothing."""
        settings = config.network
        probes = []
        for url in [*settings.endpoints, *([settings.control] if settings.control else [])]:
            probe = Probe(url, endpoint_host(url))
            probe.outcome, probe.status, probe.elapsed_ms = "ok", 200, 3.0
            probes.append(probe)
        with self.environment():
            netcache.save(network._cache_key(config), probes)
            assert netcache.load(network._cache_key(config), 60) is not None

    def hold_account(self) -> None:
        """Steve plays: this process holds his lock (a real OS lock) and his holder record names it."""
        with self.environment():
            self.held_fd = lock.acquire(self.uuid)
            lock.write_holder(self.uuid, lock.Holder.for_this_process(account_name="Steve", launcher="prism",
                                                                         instance_name="Vanilla"))
        assert self.held_fd is not None

    def release(self) -> None:
        if self.held_fd is not None:
            os.close(self.held_fd)
            self.held_fd = None

    def run(self, label: str, args: list[str], launch: str = "prism", deadline_s: float = DEADLINE_S) -> Run:
        chosen = self.launches[launch]
        return Run(label, prelaunch(*args), dict(self.env, **chosen.env), chosen.cwd, bound(deadline_s))

    def check(self, label: str, launch: str = "prism", deadline_s: float = DEADLINE_S) -> Run:
        return self.run(label, ["check", "--ui", "none", *THEN], launch, deadline_s)

    def doctor(self, label: str, launch: str = "prism") -> Run:
        return self.run(label, ["doctor", *self.launches[launch].doctor], launch)


def _inst_env(instance: Path) -> dict[str, str]:
    return {"INST_NAME": instance.name, "INST_ID": instance.name, "INST_DIR": str(instance),
            "INST_MC_DIR": str(instance / "minecraft")}


# --- damage -------------------------------------------------------------------------------------------------

def _padded(valid: bytes, path: Path) -> bytes:
    """`valid` grown past HUGE in a way its reader would otherwise parse (slowly, or into memory)."""
    if path.suffix == ".json":
        doc = json.loads(valid)
        doc["padding"] = "x" * HUGE
        return json.dumps(doc).encode()
    line = {".cfg": b"Filler=0123456789\n", ".toml": b"# filler 0123456789\n"}.get(path.suffix,
                                                                                   b"0.0.0.0 ads.example.invalid\n")
    return valid + b"\n" + line * (HUGE // len(line) + 1)


def damage(path: Path, fault: str, seed: str) -> None:
    """Replace the valid file at `path` by `fault`."""
    valid = path.read_bytes()
    path.unlink()
    if fault == "truncated":
        path.write_bytes(valid[:len(valid) // 2])
    elif fault == "garbage":
        path.write_bytes(random.Random(seed).randbytes(4096))
    elif fault == "huge" and path.suffix == ".db":
        path.write_bytes(valid)
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE padding (data BLOB)")
            db.execute("INSERT INTO padding VALUES (zeroblob(?))", (HUGE,))
        db.close()
    elif fault == "huge":
        path.write_bytes(_padded(valid, path))
    elif fault == "empty":
        path.write_bytes(b"")
    elif fault == "folder":
        path.mkdir()
    elif fault == "fifo":
        os.mkfifo(path)
    elif fault == "symlink loop":
        path.symlink_to(path.name)
    elif fault == "/dev/zero":
        path.symlink_to("/dev/zero")
    elif fault == "mode 000":
        path.write_bytes(valid)
        path.chmod(0)
    else:
        raise ValueError(fault)


# What a check says about a damaged file it has to skip: the file and the reason, as a finding.
SAID = {
    ("config.toml", "huge"): "was not read (skipped: larger than 256 KiB",
    ("config.toml", "fifo"): "was not read (skipped: it is a FIFO (named pipe), not a regular file)",
    ("config.toml", "folder"): "was not read (skipped: it is a folder, not a regular file)",
    ("config.toml", "/dev/zero"): "was not read (skipped: it is a device, not a regular file)",
    ("config.toml", "symlink loop"): "was not read (Too many levels of symbolic links)",
    ("config.toml", "garbage"): "is not UTF-8 text",
    **{(f"{launcher} accounts.json", fault): said for launcher in ("Prism", "MultiMC") for fault, said in (
        ("huge", "accounts.json: skipped: larger than 4 MiB"), ("fifo", "accounts.json: skipped: it is a FIFO"),
        ("folder", "accounts.json: skipped: it is a folder"), ("/dev/zero", "accounts.json: skipped: it is a device"),
        ("symlink loop", "accounts.json: Too many levels of symbolic links"),
        ("truncated", "accounts.json is damaged"), ("garbage", "accounts.json is damaged"),
        ("empty", "accounts.json is damaged"))},
    ("Prism instance.cfg", "huge"): "instance.cfg could not be read",
    ("MultiMC instance.cfg", "huge"): "instance.cfg could not be read",
}


def damaged_worlds(tmp_path: Path, name: str, faults=FAULTS) -> list[tuple[str, World]]:
    worlds = []
    network_url = refused_url() if name in ("network cache", "hosts file", "CA bundle") else None
    for number, fault in enumerate(faults):
        world = World(tmp_path / f"case{number}", network_url)
        if name == "network cache":
            world.remember_healthy_network(_config_of(world))
        if name in ("holder record", "consent"):
            world.hold_account()
        if name == "consent":  # a consent left by an earlier launch
            with world.environment():
                consent.give(world.uuid, "")
        damage(world.files[name][0], fault, seed=f"{name}/{fault}")
        worlds.append((fault, world))
    return worlds


def _config_of(world: World) -> Config:
    from prelaunch import config

    return config.load(world.config)


TARGETS = ("Prism accounts.json", "Prism instance.cfg", "prismlauncher.cfg", "MultiMC accounts.json",
           "MultiMC instance.cfg", "multimc.cfg", "Modrinth app.db", "Modrinth settings.json",
           "Modrinth minecraft_auth.json", "config.toml", "network cache", "holder record", "consent", "hosts file",
           "CA bundle")
OWN_FILES = ("config.toml", "network cache", "holder record", "consent")


@pytest.mark.parametrize("name", TARGETS)
def test_a_damaged_file_never_stops_a_launch(tmp_path, name):
    worlds = damaged_worlds(tmp_path, name)
    launch = worlds[0][1].files[name][1]
    deadline = DEFAULT_DEADLINE_S if name == "config.toml" else DEADLINE_S
    runs = [world.check(f"check, {name} {fault}", launch, deadline) for fault, world in worlds]
    if name != "config.toml":  # with the defaults, doctor would probe the real sign-in hosts afresh
        runs += [world.doctor(f"doctor, {name} {fault}", launch) for fault, world in worlds]
    if name in OWN_FILES:
        runs += [world.run(f"status, {name} {fault}", ["status"]) for fault, world in worlds]
    try:
        done = execute(runs)
    finally:
        for _fault, world in worlds:
            world.release()
    checks = [run for run in done if run.label.startswith("check")]
    wrong = []
    for (fault, _world), run in zip(worlds, checks):
        wrong += check_failures([run], SAID.get((name, fault), ""))
    doctors = [r for r in done if r.label.startswith("doctor")]
    wrong += other_failures(doctors, (0, 1), f"prelaunch {__version__} doctor")
    statuses = [r for r in done if r.label.startswith("status")]
    held_here = f"no game runs, but held by {psutil.Process().name()} (pid {os.getpid()})"  # no record says why
    for run in statuses:
        # a damaged record names no game: the account's name comes from the launcher, never its id
        first = {"holder record": ("Steve: instance 'Vanilla'", f"Steve: {held_here}"),
                 "consent": "Steve: instance 'Vanilla'"}.get(name, "No account is playing now.")
        wrong += other_failures([run], (0,), first)
    assert not wrong, f"{len(wrong)} of {len(done)} runs went wrong:\n\n" + "\n\n".join(wrong)


# --- token expiry ---------------------------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


_JWT_HEADER = _b64(json.dumps({"kid": "fixture", "alg": "RS256"}).encode())


def jwt_with_exp(raw_exp: str) -> str:
    """A JWT-shaped fixture token whose `exp` is written as `raw_exp` (JSON text, or Python's NaN/Infinity)."""
    payload = f'{{"xuid": "0", "sub": "fixture", "iat": {int(time.time())}, "exp": {raw_exp}}}'.encode()
    signature = _b64(random.Random(raw_exp).randbytes(48))
    token = f"{_JWT_HEADER}.{_b64(payload)}.{signature}"
    MINTED_SECRETS.update((token, signature))
    return token


EXPIRIES = {"huge": "1000000000000000000000000000000", "1e400": "1e400", "negative": "-5",
            "float": repr(time.time() + 3600.5), "string": '"1900000000"', "NaN": "NaN", "Infinity": "Infinity",
            "-Infinity": "-Infinity", "null": "null"}


def expiry_world(root: Path, where: str, raw: str, network_url: str | None = None) -> tuple[World, str, str]:
    """A world whose active account's expiry is `raw` at `where`; returns it, the launch and the token."""
    world = World(root, network_url)
    share = world.home / ".local/share"
    token = jwt_with_exp(raw)
    if where in ("Prism JWT", "Prism ygg.exp"):
        account = prism_account("Steve", world.uuid, token if where == "Prism JWT" else mint_jwt(None),
                                active=True)
        doc = json.dumps({"formatVersion": 3, "accounts": [account]})
        if where == "Prism ygg.exp":
            doc = doc.replace('"ygg": {', f'"ygg": {{"exp": {raw}, ', 1)
        (share / "PrismLauncher/accounts.json").write_text(doc, encoding="utf-8")
        return world, "prism", token
    if where == "Modrinth app.db":
        with sqlite3.connect(share / "ModrinthApp/app.db") as db:
            db.execute("UPDATE minecraft_users SET access_token = ?", (token,))
        db.close()
        return world, "modrinth", token
    auth = world.files["Modrinth minecraft_auth.json"][0]
    doc = json.loads(auth.read_text(encoding="utf-8"))
    for user in doc["users"].values():
        user["access_token"] = token
    auth.write_text(json.dumps(doc), encoding="utf-8")
    return world, "modrinth 0.7", token


@pytest.mark.parametrize("where", ["Prism JWT", "Prism ygg.exp", "Modrinth app.db", "Modrinth 0.7 JSON"])
def test_no_form_of_token_expiry_stops_a_launch(tmp_path, where):
    cases = [(kind, *expiry_world(tmp_path / kind, where, raw)) for kind, raw in EXPIRIES.items()]
    runs = execute([world.check(f"check, {where} exp {kind}", launch) for kind, world, launch, _token in cases])
    wrong = check_failures(runs, internal_error_allowed=True)
    for (_kind, _world, _launch, token), run in zip(cases, runs):
        assert token not in run.out + run.err
    assert not wrong, f"{len(wrong)} of {len(runs)} runs went wrong:\n\n" + "\n\n".join(wrong)


# --- config numbers ---------------------------------------------------------------------------------------------

def _numbers() -> list[tuple[str, str, float, float]]:
    found = []
    for section_name, section in Config().sections().items():
        for key, (low, high, _unit) in section.ranges.items():
            found.append((section_name, key, low, high))
    return found


def test_config_numbers_at_and_past_their_bounds_never_stop_a_launch(tmp_path):
    """Each number at each of its bounds in a run of its own; each kind of refused value in one run with every
    number set to it (a refused number is the default again, tests/test_config.py; here the launch goes on and
    each one is named)."""
    url = refused_url()
    numbers = _numbers()
    runs, expected = [], []
    for section, key, low, high in numbers:
        for label, bound in (("lowest", low), ("highest", high)):
            world = World(tmp_path / f"{section}.{key}.{label}", url)
            world.set_config(section, key, repr(bound))
            deadline = bound if (section, key) == ("network", "deadline") else DEADLINE_S
            runs.append(world.check(f"check, [{section}] {key} = {bound!r} ({label})", deadline_s=deadline))
            expected.append([])
    for label, literal_of in (("past the top", lambda high: repr(high * 10 + 1)), ("nan", lambda high: "nan"),
                              ("-inf", lambda high: "-inf")):
        world = World(tmp_path / label, url)
        for section, key, _low, high in numbers:
            world.set_config(section, key, literal_of(high))
        runs.append(world.check(f"check, every number {label}", deadline_s=DEFAULT_DEADLINE_S))
        expected.append([f"Configuration: [{section}] {key} must be a number from" for section, key, *_ in numbers])
    done = execute(runs)
    wrong = check_failures(done)
    for run, lines in zip(done, expected):
        wrong += [f"no {line!r} in {run.said()}" for line in lines if line not in run.out]
    assert not wrong, f"{len(wrong)} of {len(done)} runs went wrong:\n\n" + "\n\n".join(wrong)


# --- the shutdown race: REPEATS runs each ----------------------------------------------------------------------

def test_runs_that_end_while_the_network_check_works_exit_0_every_time(tmp_path):
    """The issue's reproductions: a deadline past any bound, a truncated accounts.json, a working directory
    that is gone, an expiry that breaks the token reading. The sign-in host accepts and never answers, so
    probes are still inside ssl when the check ends (at their deadline, or at once on an internal error)."""
    silent = Server("silent")
    refused = refused_url()
    try:
        silent_url = f"https://127.0.0.1:{silent.port}/"
        runs = []
        for repeat in range(REPEATS):
            root = tmp_path / f"r{repeat}"
            world = World(root / "deadline", refused)  # refused at once: this run waits on no probe
            world.set_config("network", "deadline", "1e10")
            runs.append(world.check(f"check, [network] deadline = 1e10, run {repeat}", deadline_s=DEFAULT_DEADLINE_S))
            world = World(root / "truncated", silent_url)
            world.set_config("network", "deadline", "0.2")
            damage(world.files["Prism accounts.json"][0], "truncated", "")
            runs.append(world.check(f"check, truncated accounts.json, run {repeat}", deadline_s=0.2))
            world, launch, _token = expiry_world(root / "nan", "Prism JWT", "NaN", silent_url)
            runs.append(world.check(f"check, exp NaN, run {repeat}", launch))
            world = World(root / "gone", silent_url)
            gone = world.home / "gone"
            gone.mkdir()
            run = world.check(f"check, working directory gone, run {repeat}")
            run.argv = ["/bin/sh", "-c", 'cd "$1" && rmdir "$1" && shift && exec "$@"', "sh", str(gone), *run.argv]
            runs.append(run)
        done = execute(runs)
    finally:
        silent.stop()
    wrong = check_failures(done, internal_error_allowed=True)
    assert not wrong, f"{len(wrong)} of {len(done)} runs went wrong:\n\n" + "\n\n".join(wrong)
