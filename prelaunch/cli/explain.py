"""`prelaunch explain TEXT`: what a message means and what to do; exit 1 when the text is unknown."""

from __future__ import annotations

from argparse import Namespace

from prelaunch.cli import exitcodes
from prelaunch.ui import known_errors


def run(args: Namespace) -> int:
    text, known = known_errors.render(" ".join(args.text))
    print(text)
    return exitcodes.GO if known else exitcodes.STOP
