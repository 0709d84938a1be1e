"""Whether prelaunch still runs in every Modrinth App instance. An instance where it does not never runs this
check, so every launch looks at all of them: the app's 0.15 update turns each instance that followed the
global hooks into one with all three hooks '' (no hook at all), and the hooks an instance with hooks of its
own did not set into a lone '' (no hook there); an instance's own hook replaces the global one (reference:
launchers.md sections 10 and 12; launchers/modrinth_hooks.py says how each value reads). `prelaunch install`
mends all three: it sets the first back to follow the global hooks, puts prelaunch alone in a lone '', and
in front of an own hook."""

from __future__ import annotations

import os

from prelaunch import paths
from prelaunch.config import Config
from prelaunch.launchers import modrinth_db, modrinth_hooks
from prelaunch.launchers.modrinth import DATABASE
from prelaunch.launchers.modrinth_hooks import PRELAUNCH_HOOKS, AppHooks, Place
from prelaunch.model import Finding, LaunchContext

NAME = "hooks"
SHOWN = 6  # instance names listed in one finding
_PARTS = {"pre_launch": "the check", "wrapper": "the account lock"}


_SUMMARY = "Launches there are not checked and can log out another game of the account."


def _install(what: str) -> tuple[str, str]:
    """The steps: in words, then the command and what it does."""
    return ("Close the Modrinth App and run prelaunch's install again.",
            f"The command: `{paths.how_to_run()} install`: {what}")


def _names(places: list[tuple[Place, list[str]]]) -> str:
    shown = [f"'{place.name}' ({' and '.join(_PARTS[hook] for hook in hooks)})" for place, hooks in places[:SHOWN]]
    more = len(places) - SHOWN
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _missing(state: AppHooks, place: Place) -> list[str]:
    """The prelaunch hooks that do not run in an instance."""
    missing = []
    for hook in PRELAUNCH_HOOKS:
        runs = modrinth_hooks.effective(place, state.settings, hook)
        if runs is None or not modrinth_hooks.runs_prelaunch(runs[0], runs[1], hook):
            missing.append(hook)
    return missing


def findings(state: AppHooks) -> list[Finding]:
    """What the hooks of one app.db say about where prelaunch runs; nothing when prelaunch was not set up in
    the global hooks."""
    settings = state.settings
    installed = [hook for hook in PRELAUNCH_HOOKS
                 if modrinth_hooks.runs_prelaunch(settings.hooks[hook], settings.old_syntax, hook)]
    if not installed:
        return []
    blank, own, emptied, upgrade = [], [], [], []
    for place in state.instances:
        missing = [hook for hook in _missing(state, place) if hook in installed]
        if missing and place.blank:
            blank.append((place, missing))
        elif missing:
            if any(place.hooks[hook] for hook in missing):
                own.append((place, [hook for hook in missing if place.hooks[hook]]))
            if any(place.hooks[hook] == "" for hook in missing):
                emptied.append((place, [hook for hook in missing if place.hooks[hook] == ""]))
        follows = [hook for hook in installed if place.hooks[hook] is None]
        if state.era != modrinth_db.ERA_NEW and follows:
            upgrade.append((place, follows))
    found = []
    if blank:
        found.append(Finding(
            NAME, "warning", f"prelaunch no longer runs in {len(blank)} Modrinth instance(s)",
            f"{_names(blank)}: their launch hooks were all set empty, by the app's 0.15 update or by saving the "
            "instance's hooks page with custom hooks unticked. That switches the global hooks off there, so "
            "those launches are not checked and can log another game of the same account out.",
            _install("it sets those instances back to follow the global hooks."), summary=_SUMMARY))
    if emptied:
        found.append(Finding(
            NAME, "warning", f"An empty hook stops prelaunch in {len(emptied)} Modrinth instance(s)",
            f"{_names(emptied)}: the instance's launch hook is empty (the app's 0.15 update writes that beside an "
            "instance's own hooks), which switches the global one off, so those launches are not checked and can "
            "log another game of the same account out.",
            _install("it puts prelaunch alone in those empty hooks, so none of your commands runs there either "
                     "way."), summary=_SUMMARY))
    if own:
        found.append(Finding(
            NAME, "warning", f"Their own hooks stop prelaunch in {len(own)} Modrinth instance(s)",
            f"{_names(own)}: the instance's own launch hook replaces the global one.",
            _install("it puts prelaunch in front of the instances' own hooks and keeps them."), summary=_SUMMARY))
    if upgrade:
        found.append(Finding(
            NAME, "info", f"{len(upgrade)} Modrinth instance(s) would lose prelaunch in the app's 0.15 update",
            f"{_names(upgrade)} follow the global hooks; the update empties the hooks of every such instance.",
            _install("run it before updating the app: it copies the hooks into those instances.")))
    return found


def run(context: LaunchContext, config: Config) -> list[Finding]:
    launcher = context.launcher
    if launcher is None or launcher.kind != "modrinth":
        return []
    # None: no app.db (0.7 and older keep JSON files) or one that cannot be read now (the launch context says so)
    state = modrinth_hooks.read_if_readable(os.path.join(launcher.data_dir, DATABASE))
    return findings(state) if state is not None else []
