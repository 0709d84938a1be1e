"""Command strings that mean the same to every launcher's parser: Qt's QProcess::splitCommand, Prism's
Commandline::splitArgs, MultiMC's substitute-then-split, the Modrinth App's split(' ') (0.10.15 and older)
and POSIX shlex (0.10.16 and newer).

The rule that satisfies all of them: absolute paths with forward slashes, double quotes only around an
argument with a space, and none of the characters some parser gives a meaning: `"`, `'`, `\\`, `$`, a
backquote, tabs, newlines. A path that needs one of them is refused with a clear message.
"""

from __future__ import annotations

FORBIDDEN = {'"': "a double quote", "'": "a single quote", "\\": "a backslash", "$": "a dollar sign",
             "`": "a backquote", "\t": "a tab", "\n": "a line break", "\r": "a line break"}
CHAIN_PRE = "--then"  # `prelaunch check --then CMD...` runs CMD after the checks


class Unsupported(ValueError):
    """A path that no quoting carries unchanged through a launcher's parser."""


def argument(text: str, spaces_allowed: bool = True) -> str:
    for character, name in FORBIDDEN.items():
        if character in text:
            raise Unsupported(f"{text!r} contains {name}, which one of the launchers' command parsers changes")
    if " " in text:
        if not spaces_allowed:
            raise Unsupported(f"{text!r} contains a space, which this launcher version splits on with no way "
                              "to quote it")
        return f'"{text}"'
    return text


def join(args: list[str], spaces_allowed: bool = True) -> str:
    return " ".join(argument(a, spaces_allowed) for a in args)


def split_own(value: str, own: str) -> tuple[bool, str]:
    """(whether `value` is prelaunch's command `own`, and the user's command chained after it, else all of it).

    `own` is the exact string prelaunch writes; what follows it is the user's part, kept verbatim.
    """
    if value == own:
        return True, ""
    for separator in (f" {CHAIN_PRE} ", " "):
        if value.startswith(own + separator):
            return True, value[len(own) + len(separator):]
    return False, value


def chain(own: str, theirs: str, pre_launch: bool) -> str:
    """Prelaunch's command followed by the user's: after the checks (pre-launch) or as the wrapped program."""
    theirs = theirs.strip()
    if not theirs:
        return own
    return f"{own} {CHAIN_PRE} {theirs}" if pre_launch else f"{own} {theirs}"
