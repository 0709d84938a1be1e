"""The processes a test starts: an account of their own, and the watchdog of one game, never another user's or
another test's."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import time

import psutil

from prelaunch.session import lock
from tests.helpers.builders import mint_jwt, prism_account, prism_instance, write_prism

# The account of this test run's games. The session check reads every process of the machine, so a game of
# the fixture account started here would be "already playing" to any other test run at the same time.
OWN_UUID = secrets.token_hex(16)
# A token's life in the tests that wait for a watchdog to notice its expiry. It must outlast the wrapper's start,
# a few seconds on a busy machine, by more than watchdog.AT_START_S, or the expiry counts as past when the game
# started and no watchdog waits for it.
EXPIRES_IN_S = 5


def watchdog_spec(argv: list[str]) -> dict | None:
    """The spec of a watchdog's command line (`python [-I] -m prelaunch.session.watchdog SPEC`), else None."""
    if len(argv) < 4 or argv[-3:-1] != ["-m", "prelaunch.session.watchdog"]:
        return None
    try:
        spec = json.loads(argv[-1])
    except ValueError:
        return None
    return spec if isinstance(spec, dict) else None


def watchdogs_of(game_pid: int) -> list[psutil.Process]:
    """The watchdogs started for the game with this pid (their one argument names it)."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        spec = watchdog_spec(proc.info["cmdline"] or [])
        if spec is not None and spec.get("pid") == game_pid:
            found.append(proc)
    return found


def open_paths(pid: int) -> dict[int, str]:
    """Descriptor number -> what it is (a path, `pipe:[…]`), of a process of ours."""
    found = {}
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            found[int(fd)] = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
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


def ended(processes: list[psutil.Process], timeout: float = 20) -> bool:
    """Whether each of `processes` (ours or not) has ended within `timeout` seconds; a zombie has ended, only its
    parent's wait is missing."""

    def running(proc: psutil.Process) -> bool:
        try:
            return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    return wait_until(lambda: not any(running(proc) for proc in processes), timeout)


def prism_with_own_steve(home, name: str = "Vanilla", token_left_s: float = 9e4, uuid: str = OWN_UUID):
    """Prism's default data dir with one instance `v` named `name` and Steve (of this run's own account) as its
    default account; returns the instance folder."""
    account = prism_account("Steve", uuid, mint_jwt(time.time() + token_left_s), active=True)
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": name}},
                           accounts=[account])
    return prism_instance(data_dir, "v")


@contextlib.contextmanager
def held_here(uuid: str, instance_name: str = "Other"):
    """Steve's account held by this process, its lock and holder record, as by a game of his that is running now
    in the instance `instance_name`."""
    fd = lock.acquire(uuid)
    assert fd is not None
    try:
        lock.write_holder(uuid, lock.Holder.for_this_process(account_name="Steve", instance_name=instance_name))
        yield
    finally:
        os.close(fd)
