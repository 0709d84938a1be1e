"""`prelaunch wrap [--] COMMAND [ARGS...]`: the wrapper command. Takes the account's lock, starts the
watchdog and hands it the lock, then becomes the game (POSIX), or waits on the game holding the lock (Windows);
see `session.wrapper`."""

from __future__ import annotations

import os
import sys

from prelaunch import failsafe
from prelaunch.cli import exitcodes
from prelaunch.session import wrapper

USAGE = """usage: prelaunch wrap [--] COMMAND [ARGS...]

Runs COMMAND (the game's Java command line, given by the launcher) holding the account's lock, so a second
launch of the same account is caught, and starts a watchdog that tells the player when the token expires.
Exit code: the game's; 1 when the launch was refused; 127 when COMMAND cannot start."""


def run(argv: list[str]) -> int:
    if os.name != "nt":
        wrapper.reserve_stdio()  # before anything is opened
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
    ready = wrapper.prepare(command, os.environ, os.getcwd())
    if not ready.go_on:
        return exitcodes.WRAP_REFUSED
    launch, config = ready.launch, ready.config
    if os.name == "nt":
        from prelaunch.session import _wrap_windows

        return _wrap_windows.run(command, ready.fd, launch, config)
    inherit = ready.fd  # the game keeps the lock itself unless the watchdog took it
    if launch is not None and launch.uuid:
        try:
            if wrapper.start_watchdog(launch, config, ready.fd):
                inherit = None
        except Exception as exc:  # noqa: BLE001 - the game matters more than the warning; it keeps the lock
            failsafe.say(f"!![Warning]!prelaunch: no sign-in expiry notice while playing: the watchdog could not "
                        f"start ({type(exc).__name__}).")
    wrapper.exec_game(command, inherit)
    return exitcodes.WRAP_NOT_FOUND
