"""`prelaunch wrap [--] COMMAND [ARGS...]`: the wrapper command. Takes the account's lock, starts the
watchdog, then becomes the game (POSIX) or waits on it (Windows); see `session.wrapper`."""

from __future__ import annotations

import os
import sys

from prelaunch import config as config_module
from prelaunch import failsafe
from prelaunch.cli import exitcodes
from prelaunch.session import wrapper

USAGE = """usage: prelaunch wrap [--] COMMAND [ARGS...]

Runs COMMAND (the game's Java command line, given by the launcher) holding the account's lock, so a second
launch of the same account is caught, and starts a watchdog that tells the player when the token expires.
Exit code: the game's; 1 when the launch was refused; 127 when COMMAND cannot start."""


def run(argv: list[str]) -> int:
    if argv[:1] in (["--help"], ["-h"]):
        print(USAGE)
        return exitcodes.GO
    command = argv[1:] if argv[:1] == ["--"] else list(argv)
    if not command or not command[0]:
        print(USAGE.split("\n")[0], file=sys.stderr)
        return exitcodes.USAGE if not command else exitcodes.WRAP_NOT_FOUND
    fd = None
    launch = config = None
    try:
        config = config_module.load()
        launch = wrapper.identify(command, os.environ, os.getcwd())
        fd, go_on = wrapper.take_account(launch, config)
        if not go_on:
            return exitcodes.WRAP_REFUSED
    except Exception as exc:  # noqa: BLE001 - fail open: the game starts even when prelaunch breaks
        print(failsafe.report("wrap", exc), flush=True)
    if os.name == "nt":
        from prelaunch.session import _wrap_windows

        deadline = wrapper.watchdog_deadline(launch, config) if launch and config else None
        return _wrap_windows.run(command, deadline, launch.account_name if launch else "", config)
    if launch is not None and launch.uuid and config is not None:
        try:
            wrapper.start_watchdog(launch, config)
        except Exception as exc:  # noqa: BLE001 - the game matters more than the warning
            print(failsafe.report("wrap (watchdog)", exc), flush=True)
    wrapper.exec_game(command, fd)
    return exitcodes.WRAP_NOT_FOUND
