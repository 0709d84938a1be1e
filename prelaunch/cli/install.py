"""`prelaunch install` / `uninstall`: register in, or remove from, the launchers found. Their failures are
said in their own words: nothing here is a launch, and a stopped install has put back what it changed."""

from __future__ import annotations

import sys
from argparse import Namespace

from prelaunch import failsafe, installer
from prelaunch.cli import exitcodes
from prelaunch.installer import transaction


def run(args: Namespace) -> int:
    try:
        return installer.run(args)
    except transaction.Busy as exc:
        print(f"prelaunch {args.command}: {exc}; nothing was changed. Run it again when that one has finished.")
    except transaction.NotRecovered as exc:
        print(f"prelaunch {args.command}: {exc}. Nothing else was changed this time.")
    except Exception as exc:  # noqa: BLE001 - one line in install's words; where it happened is in the log
        # Inside a transaction a failure is answered there (what was put back); one that reaches here came
        # before any launcher file was touched.
        print(failsafe.report(args.command, exc), file=sys.stderr)
    return exitcodes.STOP
