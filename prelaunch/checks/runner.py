"""Run the checks for one launch: the network check starts first (it needs no launch context) and is the only
one that waits on anything outside this computer, so only it runs in the background, under one deadline.
The local checks (session, hooks, the other computers' leases in the synced folder, the account's last
game) run while it waits, the token check after it (a clock found off makes the token be judged by the
servers' time); any check that fails becomes a finding."""

from __future__ import annotations

from collections.abc import Callable
from os import PathLike

from prelaunch import config as config_module
from prelaunch.checks import clock, devices, hooks, last_game, network, session, settings, token
from prelaunch.checks.failure import guarded
from prelaunch.config import Config
from prelaunch.launchers import detect
from prelaunch.model import Finding, LaunchContext


def run(detect_context: Callable[[], LaunchContext], config: Config, fresh: bool = False,
        since: float | None = None) -> tuple[LaunchContext, list[Finding]]:
    """(launch context, findings): network started, context read, local checks run, network collected, then
    the token judged by the sign-in servers' time when the clock is off. `fresh`: probe even when a healthy
    network result is remembered, and list each host (doctor). `since`: when the network deadline starts (see
    `network.start`)."""
    pending = network.start(config, use_cache=not fresh, table=fresh, since=since)
    context = detect_context()
    local = [*guarded(session.NAME, lambda: session.run(context, config)),
             *guarded(hooks.NAME, lambda: hooks.run(context, config)),
             *guarded(devices.NAME, lambda: devices.run(context, config)),
             *guarded(last_game.NAME, lambda: last_game.run(context))]
    if fresh:
        local += guarded(devices.NAME, lambda: devices.folder_health(config))
    found = pending.collect()
    skew = clock.off_by(pending.skew, config.clock.threshold_seconds)
    return context, [*guarded(token.NAME, lambda: token.run(context, config, clock_skew=skew)), *local, *found]


def diagnose(launcher: str | None = None, instance: str | PathLike | None = None, fresh: bool = False,
             since: float | None = None) -> tuple[Config, LaunchContext, list[Finding]]:
    """(config, context, findings) of the launch at hand, or of the instance named."""
    config = config_module.load()
    context, found = run(lambda: detect.detect(launcher=launcher, instance_dir=instance), config, fresh, since)
    return config, context, guarded(settings.NAME, lambda: settings.run(config)) + context.notes + found
