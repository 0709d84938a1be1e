"""`prelaunch wrap [--] COMMAND...`: hold the account's lock for exactly the life of the game.

POSIX: take the lock, start the watchdog and hand it the lock, then exec the game. The game is the launcher's
own child: stdin (the launch script of Prism and MultiMC), stdout, stderr, the pid the launcher kills (and
shows, and gives to GameMode), signals and the exit code are all the game's own. The game does not inherit the
lock (its descriptor is close-on-exec): the watchdog holds it and ends with the game, so what the game starts
and leaves behind never keeps the account "playing". Should the watchdog not start, the game inherits the lock
as before. Windows: see `_wrap_windows`.

An internal error never costs the lock: the account is locked before anything that can fail is done (when its
UUID is on the command line, before even the configuration is read), every later step is guarded on its own,
and an error while deciding about an account that is already playing takes that question's default answer
(Cancel, unless `[session] on_account_in_use = "warn"`), never a second game of one account.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prelaunch import failsafe
from prelaunch.config import Config
from prelaunch.failsafe import say
from prelaunch.model import Finding, LaunchContext, LauncherInfo
from prelaunch.session import account_in_use, game_args, lock

if TYPE_CHECKING:
    from prelaunch.session.watchdog import Keeper


class Launch:
    """The game being wrapped: whose account, which launcher and instance, the token's expiry."""

    def __init__(self, uuid: str | None, account_name: str, launcher: str, instance_name: str, instance_dir: str,
                 token_expires_at: int | None, context: LaunchContext | None = None) -> None:
        self.uuid, self.account_name, self.launcher = uuid, account_name, launcher
        self.instance_name, self.instance_dir, self.token_expires_at = instance_name, instance_dir, token_expires_at
        self.context = context

    def account_uuid(self) -> str:
        """The UUID of the account locked or found playing elsewhere; ValueError when the launch has none."""
        if not self.uuid:
            raise ValueError("no account is known for this launch")
        return self.uuid


@dataclass(frozen=True)
class Judges:
    """What the wrapper asks of the checks, given by `cli/wrap.py` (session/ imports no check): the finding for
    an account whose lock is held (its name and the holder record), the findings about the account's games on
    the player's other computers and which of them is the account in use, and the fixes of a stale sign-in for
    a launcher (the pre-launch check's own)."""

    in_use: Callable[[str, lock.Holder], Finding]
    elsewhere: Callable[[LaunchContext, Config], list[Finding]]
    is_in_use: Callable[[Finding], bool]
    refresh_fixes: Callable[[LaunchContext], Sequence[str]]


class Prepared:
    """What the wrapper knows once it is ready to start the game."""

    def __init__(self) -> None:
        self.fd: int | None = None  # the descriptor holding the account's lock
        self.go_on = True
        self.launch: Launch | None = None
        self.config = Config()


def _internal(step: str, exc: BaseException, aftermath: str = "") -> None:
    say(failsafe.report(f"wrap ({step})" if step else "wrap", exc, aftermath))


def _may_be_an_instance(env: Mapping[str, str], cwd: str) -> bool:
    """A cheap look before the launch context is read: is there any instance here at all?"""
    if env.get("INST_DIR"):
        return True
    parent = os.path.dirname(os.path.abspath(cwd))
    if any(os.path.isfile(os.path.join(folder, "instance.cfg")) for folder in (cwd, parent)):
        return True
    return os.path.basename(parent) == "profiles"


def from_command_line(command: list[str], env: Mapping[str, str], cwd: str) -> Launch:
    """The account named by `--uuid` on the game's command line (Modrinth App, MultiMC DirectJava,
    vanilla-style launchers), read without touching any file; uuid None when there is none."""
    args = game_args.parse(command)
    instance_dir = env.get("INST_DIR") or cwd
    return Launch(args.uuid, args.username or "", args.launcher or "",
                  env.get("INST_NAME") or os.path.basename(os.path.normpath(instance_dir)), instance_dir, None)


def from_context(command: list[str], env: Mapping[str, str], cwd: str) -> Launch:
    """The account of the launch context the pre-launch check also uses (Prism Launcher, MultiMC)."""
    launcher = game_args.parse(command).launcher or ""
    if not _may_be_an_instance(env, cwd):
        return Launch(None, "", launcher, "", cwd, None)
    from prelaunch.launchers import detect

    found = detect.detect(env=env, cwd=cwd)
    account, instance = found.account, found.instance
    return Launch(account.uuid or None if account else None, account.name if account else "",
                  found.launcher.kind if found.launcher else launcher,
                  instance.name if instance else "", instance.dir if instance else cwd,
                  account.token_expires_at if account else None, found)


def _lock(uuid: str) -> tuple[int | None, bool]:
    """(descriptor holding the lock or None, whether another process holds it)."""
    try:
        fd = lock.acquire(uuid)
    except OSError as exc:
        say(f"!![Warning]!prelaunch: the account lock cannot be used ({exc.strerror or type(exc).__name__}); "
            "launching without it.")
        return None, False
    return fd, fd is None


def _load_config() -> Config:
    from prelaunch import config as config_module

    try:
        return config_module.load()
    except Exception as exc:  # noqa: BLE001 - the defaults are a sound configuration
        _internal("configuration; using the defaults", exc)
        return Config()


def _decide(launch: Launch, config: Config, judges: Judges, finding: Finding | None = None) -> bool:
    """Whether the launch goes on although the account is held (`finding`: by a game on another computer, else
    here), as `account_in_use` decides for the wrapper; an error while deciding takes the question's default."""
    try:
        second = account_in_use.SecondLaunch(config.session.on_account_in_use, launch.account_uuid(),
                                             launch.instance_dir, launch.account_name, launch.instance_name)
        return second.decide_alone(finding, judges.in_use, config.ui)
    except Exception as exc:  # noqa: BLE001 - the question's default answer, never a second game by accident
        _internal("account in use", exc, "the question's default answer applies")
        return account_in_use.when_deciding_failed(config.session.on_account_in_use)


def _write_holder(launch: Launch) -> None:
    try:
        lock.write_holder(launch.account_uuid(), lock.Holder.for_this_process(
            account_name=launch.account_name, launcher=launch.launcher, instance_name=launch.instance_name,
            instance_dir=launch.instance_dir, token_expires_at=launch.token_expires_at))
    except OSError as exc:
        say(f"!![Warning]!prelaunch: could not write who holds the account ({exc.strerror or exc}); "
            "the lock still holds.")
    except Exception as exc:  # noqa: BLE001 - the lock holds without its record
        _internal("holder record", exc)


def prepare(command: list[str], env: Mapping[str, str], cwd: str, judges: Judges) -> Prepared:
    """Lock the account first, then everything else, each step guarded: never raises."""
    ready = Prepared()
    try:
        launch = from_command_line(command, env, cwd)
    except Exception as exc:  # noqa: BLE001
        _internal("", exc)
        launch = Launch(None, "", "", "", cwd, None)
    held_elsewhere = False
    if launch.uuid:
        ready.fd, held_elsewhere = _lock(launch.uuid)
    ready.config = _load_config()
    if launch.uuid:
        try:
            launch.token_expires_at = game_args.own_token_expiry(command)
        except Exception as exc:  # noqa: BLE001 - an unreadable expiry is an unknown one
            _internal("token expiry", exc)
    else:
        try:
            launch = from_context(command, env, cwd)
        except Exception as exc:  # noqa: BLE001 - no account known: nothing to lock, the game starts
            _internal("launch context", exc)
        if launch.uuid:
            ready.fd, held_elsewhere = _lock(launch.uuid)
    ready.launch = launch
    if ready.fd is not None and _unlocked_game(launch.uuid):
        held_elsewhere = True
    if held_elsewhere:
        ready.go_on = _decide(launch, ready.config, judges)
    elif launch.uuid and ready.config.devices.folder and (
            remote := _playing_elsewhere(launch, ready.config, judges)):
        ready.go_on = _decide(launch, ready.config, judges, remote)
    if ready.go_on and ready.fd is not None:
        _write_holder(launch)
    return ready


def _playing_elsewhere(launch: Launch, config: Config, judges: Judges) -> Finding | None:
    """The account playing on another of the player's computers (a fresh lease in `[devices] folder`, judged as
    the pre-launch check judges it), or None; a folder that cannot be read is no game."""
    from prelaunch.model import AccountInfo

    try:
        context = LaunchContext(account=AccountInfo(launch.account_name, launch.account_uuid(), "msa"))
        return next((f for f in judges.elsewhere(context, config) if judges.is_in_use(f)), None)
    except Exception as exc:  # noqa: BLE001 - the local lock still stands
        _internal("games on other computers", exc)
        return None


def _unlocked_game(uuid: str | None) -> bool:
    """Whether the holder record names another game of the account that still runs although nothing holds its
    lock (its watchdog was killed): that game is playing all the same."""
    try:
        return uuid is not None and lock.recorded_game(uuid) is not None
    except Exception as exc:  # noqa: BLE001 - the lock we hold is what counts
        _internal("holder record", exc)
        return False


def fix_texts(launch: Launch, judges: Judges) -> list[str]:
    """How to get a fresh token: the very fixes the pre-launch check gives, for this launcher."""
    context = launch.context or LaunchContext(launcher=LauncherInfo(launch.launcher, "") if launch.launcher else None)
    return list(judges.refresh_fixes(context))


def start_watchdog(launch: Launch, config: Config, fd: int | None, judges: Judges,
                   keeper: Keeper | None = None) -> bool:
    """Hand the watchdog of this game (this process, once exec'd) its notice and the lock's descriptor `fd`
    (`keeper`: the watchdog started early, else one is started now); True when it holds the lock from now on.
    Says in one line why there is no expiry notice, when there is none."""
    from prelaunch.session import orders, watchdog

    notice = watchdog.planned(launch, config, fix_texts(launch, judges))
    if notice is None:
        if fd is None:
            if keeper is not None:
                keeper.cancel()
            return False
    keeper = keeper or watchdog.Keeper()
    taken = keeper.hand_over(notice, orders.ui_settings(config), fd, orders.for_watchdog(launch, config))
    if not taken and fd is not None:
        say("!![Warning]!prelaunch: the watchdog did not start in time; the game holds the account's lock itself.")
    return taken


def exec_game(command: list[str], fd: int | None) -> None:
    """Replace this process by the game. `fd`: a lock descriptor the game must inherit (when no watchdog holds
    it); every other descriptor of prelaunch's is close-on-exec. Returns only when exec fails, having said why."""
    if fd is not None:
        os.set_inheritable(fd, True)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    try:
        os.execvp(command[0], command)
    except OSError as exc:
        from prelaunch.ui import inert

        say(f"!![Error]!prelaunch: cannot start '{inert.line(command[0])}': {exc.strerror or exc}")
