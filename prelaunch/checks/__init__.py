"""Run the checks for one launch: the network check starts first (it needs no launch context) and is the only
one that waits on anything outside this computer, so only it runs in the background, under one deadline.
The local checks (token, session) run while it waits; any check that fails becomes a finding."""

from __future__ import annotations

from prelaunch.config import Config
from prelaunch.findings import Finding


def failed(name: str, exc: BaseException) -> Finding:
    """What a check that raised says instead of its findings."""
    return Finding(name, "info", f"The {name} check failed ({type(exc).__name__})",
                   "This is a bug in prelaunch; the launch goes on.")


def guarded(check, context, config: Config) -> list[Finding]:
    """A check module's findings, or one finding saying it failed: a bug in prelaunch must not stop a launch."""
    try:
        return check.run(context, config)
    except Exception as exc:  # noqa: BLE001 - any failure of a check becomes a finding
        return [failed(check.NAME, exc)]


def run(detect_context, config: Config, fresh: bool = False):
    """(launch context, findings): network started, context read, local checks run, network collected.
    `fresh`: probe even when a healthy network result is remembered."""
    from prelaunch.checks import network, session, token

    pending = network.start(config, use_cache=not fresh)
    context = detect_context()
    findings = [f for check in (token, session) for f in guarded(check, context, config)]
    return context, findings + pending.collect()
