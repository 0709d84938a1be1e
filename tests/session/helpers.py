"""The processes a test starts: an account of their own, and the watchdog of one game, never another user's or
another test's."""

from __future__ import annotations

import json
import secrets
import time

import psutil

from tests.builders import mint_jwt, prism_account, prism_instance, write_prism

# The account of this test run's games. The session check reads every process of the machine, so a game of
# the fixture account started here would be "already playing" to any other test run at the same time.
OWN_UUID = secrets.token_hex(16)


def watchdogs_of(game_pid: int) -> list[psutil.Process]:
    """The watchdogs started for the game with this pid (their one argument names it)."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        argv = proc.info["cmdline"] or []
        if len(argv) == 4 and argv[1:3] == ["-m", "prelaunch.session.watchdog"]:
            try:
                if json.loads(argv[3])["pid"] == game_pid:
                    found.append(proc)
            except (ValueError, KeyError, TypeError):
                continue
    return found


def wait_until(predicate, timeout: float = 20, step: float = 0.05) -> bool:
    """Whether `predicate()` came true within `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())


def prism_with_own_steve(home, name: str = "Vanilla", token_left_s: float = 9e4, uuid: str = OWN_UUID):
    """Prism's default data dir with one instance `v` named `name` and Steve (of this run's own account) as its
    default account; returns the instance folder."""
    account = prism_account("Steve", uuid, mint_jwt(time.time() + token_left_s), active=True)
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": name}},
                           accounts=[account])
    return prism_instance(data_dir, "v")
