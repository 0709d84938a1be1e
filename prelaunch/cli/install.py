"""`prelaunch install` / `uninstall`: register in, or remove from, the launchers found. Their failures are
said in their own words: nothing here is a launch, and a stopped install has put back what it changed."""

from __future__ import annotations

import sys
import traceback
from argparse import Namespace

from prelaunch import installer, paths
from prelaunch.cli import exitcodes
from prelaunch.installer import transaction


def run(args: Namespace) -> int:
    try:
        return installer.run(args)
    except transaction.Busy as exc:
        print(f"prelaunch {args.command}: {exc}; nothing was changed. Run it again when that one has finished.")
    except transaction.NotRecovered as exc:
        print(f"prelaunch {args.command}: {exc}. Nothing else was changed this time.")
    except Exception as exc:  # noqa: BLE001 - one line in install's words, where it happened in the log
        # Inside a transaction a failure is answered there (what was put back); one that reaches here came
        # before any launcher file was touched.
        frames = traceback.extract_tb(exc.__traceback__)
        where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
        paths.append_log(f"{args.command}: {type(exc).__name__} at {where}")
        print(f"prelaunch {args.command} stopped ({type(exc).__name__} at {where}: {exc}). No launcher file was "
              "changed.", file=sys.stderr)
    return exitcodes.STOP
