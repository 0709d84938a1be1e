"""`prelaunch install` / `uninstall`: register in, or remove from, the launchers found."""

from __future__ import annotations

from argparse import Namespace

from prelaunch import installer


def run(args: Namespace) -> int:
    return installer.run(args)
