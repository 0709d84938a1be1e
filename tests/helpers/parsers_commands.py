"""How each generation of Prism Launcher (and MultiMC) turns a command setting into the arguments it starts,
as oracles written from the launchers' sources (`PRISM_GENERATIONS`): where the variables of the launch are
substituted or expanded, before or after which splitter. Files and lines are Prism Launcher's, at the commit
named (9fe81ff5, Prism 9, when none is)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from tests.helpers.parsers import multimc_prelaunch_argv, prism_prelaunch_argv, prism_split_args, qprocess_split


def prism12_split_args(command: str) -> list[str]:
    """Commandline::splitArgs in Prism 12 (after PR #6069)."""
    return prism_split_args(command, since_6069=True)


def _qt_letter_or_number(character: str) -> bool:
    """QChar::isLetterOrNumber: Unicode's letter and number categories."""
    return unicodedata.category(character)[0] in "LN"


def prism_expand(text: str, env: dict[str, str]) -> str:
    """Prism 10+'s variable expansion, expandVariables (LaunchTask.cpp:257-308 @446c1bd8 in 10.x-11.x,
    Commandline.cpp:89-142 @0c0be640 later): `$NAME` (NAME: letters, digits, `_`) or `${NAME}` becomes the
    variable's value when it is set and not empty, else stays as written; an inserted value is not read
    again; after a `$` anything but a name character or `{` starts nothing, and the character that ends an
    unset name is passed over (`$NOPE$HOME` stays as it is)."""
    result, state, start, i = text, "base", -1, 0
    while i < len(result):
        c = result[i]
        i += 1
        if state == "base":
            state = "maybe" if c == "$" else "base"
        elif state == "maybe":
            if c == "{":
                state, start = "brace", i
            elif _qt_letter_or_number(c) or c == "_":
                state, start = "name", i - 1
            else:
                state = "base"
        elif state == "brace":
            if c == "}":
                value = env.get(result[start:i - 1], "")
                if value:
                    result = result[:start - 2] + value + result[i:]
                    i = start - 2 + len(value)
                state = "base"
        elif not (_qt_letter_or_number(c) or c == "_"):
            value = env.get(result[start:i - 1], "")
            if value:
                result = result[:start - 1] + value + result[i - 1:]
                i = start - 1 + len(value)
            state = "base"
    if state == "name" and env.get(result[start:], ""):
        result = result[:start - 1] + env[result[start:]]
    return result


def prism9_wrapper_argv(command: str, env: dict[str, str]) -> list[str]:
    """Prism 9 and MultiMC: the wrapper is trimmed and split, nothing substituted (LauncherPartLaunch.cpp:
    132-148; MultiMC :114-134)."""
    return prism_split_args(command)


def prism10_prelaunch_argv(command: str, env: dict[str, str]) -> list[str]:
    """Prism 10.x-11.x pre-launch and post-exit: the whole string expanded, then QProcess::splitCommand
    (LaunchTask.cpp:310-313 @446c1bd8; issue #6034: an `$INST_JAVA` with a space splits in two)."""
    return qprocess_split(prism_expand(command, env))


def prism10_wrapper_argv(command: str, env: dict[str, str]) -> list[str]:
    """Prism 10.x-11.x wrapper: trimmed, the whole string expanded, then Commandline::splitArgs
    (LauncherPartLaunch.cpp:132-146 @b59fb247)."""
    return prism_split_args(prism_expand(command.strip(), env))


def prism12_command_argv(command: str, env: dict[str, str]) -> list[str]:
    """Prism 12 pre-load, pre-launch, post-exit and wrapper: Commandline::process, split first, then each
    argument expanded (LaunchTask.cpp:305-308 and LaunchCommand.cpp:50-62 @19b02ad5; split before expanding
    per PR #6037, with splitArgs per PR #6090: both claimed, Commandline::process itself not read)."""
    return [prism_expand(arg, env) for arg in prism12_split_args(command)]


def multimc_launch_argv(command: str, env: dict[str, str]) -> list[str]:
    """`multimc_prelaunch_argv` with the launch's INST_* variables as the instance's own: MultiMC, and Prism 9
    built with Qt older than 5.15 (PreLaunchCommand.cpp:58-62)."""
    own = {key: value for key, value in env.items() if key.startswith("INST_")}
    return multimc_prelaunch_argv(command, own, {k: v for k, v in env.items() if k not in own})


# (pre-launch rule, wrapper rule) of each generation: command string and launch environment -> argv
Rule = Callable[[str, dict[str, str]], list[str]]
PRISM_GENERATIONS: dict[str, tuple[Rule, Rule]] = {
    "Prism 9": (prism_prelaunch_argv, prism9_wrapper_argv),
    "MultiMC, Prism 9 on Qt 5.12": (multimc_launch_argv, prism9_wrapper_argv),
    "Prism 10-11": (prism10_prelaunch_argv, prism10_wrapper_argv),
    "Prism 12": (prism12_command_argv, prism12_command_argv),
}
