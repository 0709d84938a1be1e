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
        print(f"prelaunch {args.command}: {exc}. Nothing else was changed; close the launcher and run it again.")
    except Exception as exc:  # noqa: BLE001 - one line in install's words, the details in the log
        frames = traceback.extract_tb(exc.__traceback__)
        where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
        paths.append_log(f"{args.command}: {type(exc).__name__} at {where}")
        print(f"prelaunch {args.command}: internal error ({type(exc).__name__} at {where}). Launcher files it "
              "had begun to change are put back by the next `prelaunch install` or `prelaunch uninstall`.",
              file=sys.stderr)
    return exitcodes.STOP
