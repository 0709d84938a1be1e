"""Command strings that mean the same to every launcher's parser: Qt's QProcess::splitCommand, Prism's
Commandline::splitArgs, MultiMC's substitute-then-split, the Modrinth App's split(' ') (0.10.15 and older)
and POSIX shlex (0.10.16 and newer).

The rule that satisfies all of them: absolute paths with forward slashes, double quotes only around an
argument with a space, and none of the characters some parser gives a meaning: `"`, `'`, `\\`, `$`, a
backquote, tabs, newlines. A path that needs one of them is refused with a clear message; one with a `$`
can still be written for Prism Launcher and MultiMC (below).

A dollar sign is the one a player's folder names carry most (a HOME named `Zoë $HOME x`), and every launcher
generation reads it differently: Prism 9 and MultiMC replace `$NAME` for every variable NAME of the launch,
after or before splitting; Prism 10 and 11 expand `$NAME`/`${NAME}` in the whole string, then split; Prism 12
splits, then expands each argument (tests/parsers.py holds each rule). No quoting hides a `$` from all of
them, so such a path goes through `/usr/bin/env -S` (`through_env`): the launchers see a `$` followed by a
quote, which starts no variable in any generation, and env puts the quoted pieces back together.
"""

from __future__ import annotations

import os
import re

FORBIDDEN = {'"': "a double quote", "'": "a single quote", "\\": "a backslash", "`": "a backquote",
             "\t": "a tab", "\n": "a line break", "\r": "a line break"}
CHAIN_PRE = "--then"  # `prelaunch check --then CMD...` runs CMD after the checks
ENV = "/usr/bin/env"  # its -S splits one argument as a shell would (GNU coreutils 8.30+, BSD and macOS)
_ENV_FORM = f'{ENV} -S "'
_ENV_WORD = re.compile(r"'((?:[^'$]|\$(?:'')?)*)'")  # one word of through_env, `$` written `$''`


class Unsupported(ValueError):
    """A path that no quoting carries unchanged through a launcher's parser."""


class Expands(Unsupported):
    """A path with a dollar sign, which the launchers read as the start of a variable."""


def _refuse_forbidden(text: str) -> None:
    for character, name in FORBIDDEN.items():
        if character in text:
            raise Unsupported(f"{text!r} contains {name}, which one of the launchers' command parsers changes")


def argument(text: str, spaces_allowed: bool = True) -> str:
    _refuse_forbidden(text)
    if "$" in text:
        raise Expands(f"{text!r} contains a dollar sign, which the launchers read as the start of a variable")
    if " " in text:
        if not spaces_allowed:
            raise Unsupported(f"{text!r} contains a space, which this launcher version splits on with no way "
                              "to quote it")
        return f'"{text}"'
    return text


def join(args: list[str], spaces_allowed: bool = True) -> str:
    return " ".join(argument(a, spaces_allowed) for a in args)


def env_quoted(text: str) -> str:
    """`text` as one single-quoted word of `through_env`'s string, without its quotes."""
    return text.replace("$", "$''")


def through_env(args: list[str]) -> str:
    """The command as `/usr/bin/env -S "'word' 'word'"` (POSIX). Every launcher passes the double-quoted -S
    string on as one argument, and no `$` in it starts a variable (each is followed by a quote); env splits
    it as a shell would, so `'a $''HOME'` becomes `a $HOME` again, and runs it with the launcher's further
    arguments after it. Raises Unsupported where that cannot be written (Windows; a forbidden character)."""
    if os.name == "nt":
        raise Expands(f"{args[0]!r} contains a dollar sign, which the launchers read as the start of a "
                      "variable, and Windows has no /usr/bin/env to carry it")
    for arg in args:
        _refuse_forbidden(arg)
    return _ENV_FORM + " ".join(f"'{env_quoted(arg)}'" for arg in args) + '"'


def env_splits() -> bool:
    """Whether this system's env reads `through_env`'s form (BusyBox's env has no -S): `env -i P=$HOME`
    written that way must print `P=$HOME`."""
    import subprocess

    try:
        done = subprocess.run([ENV, "-S", f"'{ENV}' -i 'P={env_quoted('$HOME')}'"], capture_output=True,
                              text=True, stdin=subprocess.DEVNULL, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and done.stdout == "P=$HOME\n"


def env_command(value: str) -> tuple[str, str] | None:
    """(the env form at the start of `value` as written, the program it starts), or None for any other
    command."""
    if not value.startswith(_ENV_FORM):
        return None
    end = value.find('"', len(_ENV_FORM))
    word = _ENV_WORD.match(value, len(_ENV_FORM))
    if end < 0 or word is None:
        return None
    return value[:end + 1], word.group(1).replace("$''", "$")


def spellings(args: list[str]) -> set[str]:
    """Every way prelaunch writes this command: plain, and through env."""
    found = set()
    for write in (join, through_env):
        try:
            found.add(write(args))
        except Unsupported:
            pass
    return found


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
