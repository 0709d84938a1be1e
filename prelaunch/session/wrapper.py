"""`prelaunch wrap [--] COMMAND...`: hold the account's lock for exactly the life of the game.

POSIX: take the lock, then exec the game with the locked descriptor inherited. No Python stays between the
launcher and Java: stdin (the launch script of Prism and MultiMC), stdout, stderr, the pid the launcher kills,
signals and the exit code are all the game's own, and the kernel frees the lock when the game dies.
Windows: see `_wrap_windows`.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping

from prelaunch.config import Config
from prelaunch.session import game_args, lock


class Launch:
    """The game being wrapped: whose account, which launcher and instance, the token's expiry."""

    def __init__(self, uuid: str | None, account_name: str, launcher: str, instance_name: str, instance_dir: str,
                 token_expires_at: int | None) -> None:
        self.uuid, self.account_name, self.launcher = uuid, account_name, launcher
        self.instance_name, self.instance_dir, self.token_expires_at = instance_name, instance_dir, token_expires_at


def _may_be_an_instance(env: Mapping[str, str], cwd: str) -> bool:
    """A cheap look before the launch context is read: is there any instance here at all?"""
    if env.get("INST_DIR"):
        return True
    parent = os.path.dirname(os.path.abspath(cwd))
    if any(os.path.isfile(os.path.join(folder, "instance.cfg")) for folder in (cwd, parent)):
        return True
    return os.path.basename(parent) == "profiles"


def identify(command: list[str], env: Mapping[str, str], cwd: str) -> Launch:
    """Whose game this is: `--uuid` on the command line when there is one (Modrinth App, MultiMC DirectJava,
    vanilla-style launchers), else the launch context the pre-launch check also uses (Prism, MultiMC)."""
    args = game_args.parse(command)
    if args.uuid:
        instance_dir = env.get("INST_DIR") or cwd
        return Launch(args.uuid, args.username or "", args.launcher or "", env.get("INST_NAME") or
                      os.path.basename(os.path.normpath(instance_dir)), instance_dir, args.token_expires_at)
    if not _may_be_an_instance(env, cwd):
        return Launch(None, "", args.launcher or "", "", cwd, None)
    from prelaunch.launchers import detect as context

    found = context.detect(env=env, cwd=cwd)
    account, instance = found.account, found.instance
    return Launch(account.uuid or None if account else None, account.name if account else "",
                  found.launcher.kind if found.launcher else (args.launcher or ""),
                  instance.name if instance else "", instance.dir if instance else cwd,
                  account.token_expires_at if account else None)


def decide_in_use(launch: Launch, config: Config) -> bool:
    """Whether the launch goes on although the account is held: by policy, earlier consent or the player."""
    from prelaunch import ui
    from prelaunch.checks import session
    from prelaunch.session import consent

    finding = session.in_use(launch.account_name or "This account", lock.live_holder(launch.uuid))
    policy = config.session.on_account_in_use
    if consent.take(launch.uuid, launch.instance_dir):
        policy = "warn"
    if policy == "warn":
        print(f"!![Warning]!prelaunch: {finding.title}; launching anyway.", flush=True)
        return True
    if policy == "block":
        print(f"!![Error]!prelaunch: {finding.title}: launch refused ([session] on_account_in_use = \"block\").",
              flush=True)
        return False
    title, message = ui.compose([finding], launch.instance_name, launch.account_name)
    answer = ui.ask(title, message, (ui.LAUNCH, ui.CANCEL), ui.CANCEL, config.ui.timeout, config.ui.mode,
                    config.ui.backend)
    if answer != ui.LAUNCH:
        print(f"!![Error]!prelaunch: {finding.title}: launch cancelled.", flush=True)
    return answer == ui.LAUNCH


def take_account(launch: Launch, config: Config) -> tuple[int | None, bool]:
    """(descriptor holding the lock or None, whether the launch may go on)."""
    if not launch.uuid:
        return None, True
    try:
        fd = lock.acquire(launch.uuid)
    except OSError as exc:
        print(f"!![Warning]!prelaunch: the account lock cannot be used ({exc.strerror or type(exc).__name__}); "
              "launching without it.", flush=True)
        return None, True
    if fd is None:
        return None, decide_in_use(launch, config)
    try:
        lock.write_holder(launch.uuid, lock.Holder.for_this_process(
            account_name=launch.account_name, launcher=launch.launcher, instance_name=launch.instance_name,
            instance_dir=launch.instance_dir, token_expires_at=launch.token_expires_at))
    except OSError as exc:
        print(f"!![Warning]!prelaunch: could not write who holds the account ({exc.strerror or exc}); "
              "the lock still holds.", flush=True)
    return fd, True


def watchdog_deadline(launch: Launch, config: Config) -> float:
    return float(launch.token_expires_at or time.time() + config.token.lifetime_hours * 3600)


def start_watchdog(launch: Launch, config: Config) -> None:
    """The watchdog of this game: it waits for this process (the game, once exec'd) or the token's expiry."""
    from prelaunch.session import processes, watchdog

    pid = os.getpid()
    watchdog.start(pid, processes.start_time(pid) or 0.0, watchdog_deadline(launch, config), launch.account_name,
                   config.ui)


def exec_game(command: list[str], fd: int | None) -> None:
    """Replace this process by the game; the lock's descriptor goes along. Returns only when exec fails,
    having said why."""
    if fd is not None:
        os.set_inheritable(fd, True)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execvp(command[0], command)
    except OSError as exc:
        print(f"!![Error]!prelaunch: cannot start {command[0]!r}: {exc.strerror or exc}", flush=True)
