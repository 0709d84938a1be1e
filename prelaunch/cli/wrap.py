"""`prelaunch wrap [--] COMMAND [ARGS...]`: the wrapper command. Takes the account's lock, starts the
watchdog and hands it the lock, then becomes the game (POSIX), or waits on the game holding the lock (Windows);
see `session.wrapper`."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from prelaunch import failsafe
from prelaunch.cli import exitcodes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from prelaunch.config import Config
    from prelaunch.model import Finding, LaunchContext
    from prelaunch.session.lock import Holder
    from prelaunch.session.watchdog import Keeper

USAGE = """usage: prelaunch wrap [--] COMMAND [ARGS...]

Runs COMMAND (the game's Java command line, given by the launcher) holding the account's lock, so a second
launch of the same account is caught, and starts a watchdog that tells the player when the token expires.
Exit code: the game's; 1 when the launch was refused; 127 when COMMAND cannot start."""


def _reserve_stdio() -> None:
    """Put the null device (close-on-exec) in place of a standard descriptor the launcher left closed, so that
    no descriptor prelaunch opens becomes 0, 1 or 2 (the lock file as the game's stdout). Exec closes the
    placeholders: the game gets its standard descriptors as the launcher gave them."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                os.open(os.devnull, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))  # the lowest free one: `fd`
            except OSError:
                return


def _early_watchdog(command: list[str]) -> Keeper | None:
    """The watchdog, started now when the command is a game's (it starts while the wrapper decides); None when
    it is not, or cannot start (then it is started later, or the game keeps the lock itself)."""
    from prelaunch.session import game_args, watchdog

    try:
        return watchdog.Keeper() if game_args.parse(command).is_game else None
    except Exception:  # noqa: BLE001 - a watchdog started later does the same, a little later
        return None


def run(argv: list[str]) -> int:
    posix = os.name != "nt"
    if posix:
        _reserve_stdio()  # before anything is opened
    failsafe.tolerate_unshowable("backslashreplace")  # the lock, not a character, decides this launch
    if argv[:1] in (["--help"], ["-h"]):
        failsafe.say(USAGE)
        return exitcodes.GO
    command = argv[1:] if argv[:1] == ["--"] else list(argv)
    if not command or not command[0]:
        try:
            print(USAGE.split("\n")[0], file=sys.stderr)
        except (OSError, ValueError):
            pass
        return exitcodes.USAGE if not command else exitcodes.WRAP_NOT_FOUND
    keeper = _early_watchdog(command) if posix else None
    from prelaunch.session import wrapper  # the lock's libraries load while the watchdog starts

    judges = wrapper.Judges(_in_use, _elsewhere, _is_in_use, _refresh_fixes)
    ready = wrapper.prepare(command, os.environ, os.getcwd(), judges)
    launch, config = ready.launch, ready.config
    if not ready.go_on or launch is None or not launch.uuid:
        if keeper is not None:
            keeper.cancel()
        if not ready.go_on:
            return exitcodes.WRAP_REFUSED
    if not posix:
        from prelaunch.session import _wrap_windows

        try:
            fixes = wrapper.fix_texts(launch, judges) if launch is not None and launch.uuid else []
        except Exception as exc:  # noqa: BLE001 - the notice without its fixes, never the game
            failsafe.say(failsafe.report("wrap (fixes)", exc))
            fixes = []
        return _wrap_windows.run(command, ready.fd, launch, config, fixes=fixes)
    inherit = ready.fd  # the game keeps the lock itself unless the watchdog took it
    if launch is not None and launch.uuid:
        try:
            if wrapper.start_watchdog(launch, config, ready.fd, judges, keeper):
                inherit = None
        except Exception as exc:  # noqa: BLE001 - the game matters more than the warning; it keeps the lock
            failsafe.say(f"!![Warning]!prelaunch: no sign-in expiry notice while playing: the watchdog could not "
                        f"start ({type(exc).__name__}).")
    wrapper.exec_game(command, inherit)
    return exitcodes.WRAP_NOT_FOUND


# What the wrapper asks of the checks (session.wrapper.Judges), each imported only when it is asked.

def _in_use(account_name: str, holder: Holder) -> Finding:
    from prelaunch.checks import session

    return session.in_use(account_name, holder)


def _elsewhere(context: LaunchContext, config: Config) -> list[Finding]:
    from prelaunch.checks import devices

    return devices.run(context, config)


def _is_in_use(finding: Finding) -> bool:
    from prelaunch.checks import devices

    return devices.is_account_in_use(finding)


def _refresh_fixes(context: LaunchContext) -> Sequence[str]:
    from prelaunch.checks import token

    return token.refresh_fixes(context)
