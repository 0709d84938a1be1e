"""What prelaunch says about its own configuration file: each key it did not take, and a file that is not valid
TOML with the line to fix and what is off meanwhile. The console says it at every launch; the dialog once per
version of the file (`unsaid`, `said`: a small owner-only record in prelaunch's state dir)."""

from __future__ import annotations

import os

from prelaunch import paths
from prelaunch.config import Config, Unparsed
from prelaunch.model import Finding

NAME = "config"
KEPT_FILES = 16  # versions said, one per configuration file; a player has one or two


def run(config: Config) -> list[Finding]:
    found = [unparsed_finding(config.unparsed)] if config.unparsed else []
    return found + [Finding(NAME, "warning", f"Configuration: {problem}") for problem in config.problems]


def unparsed_finding(unparsed: Unparsed) -> Finding:
    where = f"line {unparsed.line}"
    if unparsed.whole:
        off = ('Until it is fixed, every setting in it is off (a "block" for an account in use too) and prelaunch '
               "uses its defaults.")
    else:
        parts = ", ".join(unparsed.left_out)
        off = (f"Until it is fixed, prelaunch leaves out {parts} and uses its defaults for those settings; the "
               "rest of the file is in effect.")
    return Finding(NAME, "warning", f"Your prelaunch settings file has a mistake on {where}",
                   f"{unparsed.path}, {where}: {unparsed.reason}. {off}",
                   (f"Correct {where} in a text editor and save; the next launch reads it again.",
                    f"The file: {unparsed.path}",
                    'Text goes between double quotes; a " or \\ inside it is written \\" or \\\\.'),
                   summary="Until it is fixed, prelaunch uses its defaults for what it could not read.")


def _record() -> str:
    return os.path.join(paths.state_dir(), "said", "config.json")


def _said() -> dict[str, object]:  # configuration file -> the version of it told about
    from prelaunch.session import records

    try:
        said = records.read(_record())
    except (OSError, ValueError):
        return {}
    return said if isinstance(said, dict) else {}


def unsaid(config: Config) -> bool:
    """Whether the dialog has not yet told about the problems of this version of the configuration file."""
    return bool(config.file_state) and _said().get(config.path) != config.file_state


def said(config: Config) -> None:
    """Remember that the dialog told about this version of the file; a record that cannot be written means it
    is told again at the next launch."""
    from prelaunch.session import records

    said = _said()
    said.pop(config.path, None)  # the latest last, so the oldest go first
    said[config.path] = config.file_state
    try:
        records.write(_record(), dict(list(said.items())[-KEPT_FILES:]))
    except OSError:
        pass
