"""Run the checks for one launch: the network check starts first (it needs no launch context) and is the only
one that waits on anything outside this computer, so only it runs in the background, under one deadline.
The local checks (token, session, hooks, the account's last game) run while it waits; any check that fails
becomes a finding."""

from __future__ import annotations

from collections.abc import Callable
from os import PathLike

from prelaunch import config as config_module
from prelaunch.checks import hooks, last_game, network, session, token
from prelaunch.checks.failure import guarded
from prelaunch.config import Config
from prelaunch.launchers import detect
from prelaunch.model import Finding, LaunchContext


def run(detect_context: Callable[[], LaunchContext], config: Config, fresh: bool = False,
        since: float | None = None) -> tuple[LaunchContext, list[Finding]]:
    """(launch context, findings): network started, context read, local checks run, network collected.
    `fresh`: probe even when a healthy network result is remembered, and list each host (doctor). `since`:
    when the network deadline starts (see `network.start`)."""
    pending = network.start(config, use_cache=not fresh, table=fresh, since=since)
    context = detect_context()
    findings = [*guarded(token.NAME, lambda: token.run(context, config)),
                *guarded(session.NAME, lambda: session.run(context, config)),
                *guarded(hooks.NAME, lambda: hooks.run(context, config)),
                *guarded(last_game.NAME, lambda: last_game.run(context))]
    return context, findings + pending.collect()


def diagnose(launcher: str | None = None, instance: str | PathLike | None = None, fresh: bool = False,
             since: float | None = None) -> tuple[Config, LaunchContext, list[Finding]]:
    """(config, context, findings) of the launch at hand, or of the instance named."""
    config = config_module.load()
    context, found = run(lambda: detect.detect(launcher=launcher, instance_dir=instance), config, fresh, since)
    findings = [Finding("config", "warning", f"Configuration: {problem}") for problem in config.problems]
    return config, context, findings + context.notes + found
