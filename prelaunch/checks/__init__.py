"""Run the checks for one launch: the network check starts first (it needs no launch context) and is the only
one that waits on anything outside this computer, so only it runs in the background, under one deadline.
The local checks (token, session) run while it waits; any check that fails becomes a finding."""

from __future__ import annotations

from prelaunch.config import Config
from prelaunch.findings import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable


def failed(name: str, exc: BaseException) -> Finding:
    """What a check that raised says instead of its findings."""
    return Finding(name, "info", f"The {name} check failed ({type(exc).__name__})",
                   "This is a bug in prelaunch; the launch goes on.")


def guarded(name: str, produce: Callable[[], list[Finding]]) -> list[Finding]:
    """A check's findings, or one finding saying it failed: a bug in prelaunch must not stop a launch."""
    try:
        return produce()
    except Exception as exc:  # noqa: BLE001 - any failure of a check becomes a finding
        return [failed(name, exc)]


def run(detect_context, config: Config, fresh: bool = False):
    """(launch context, findings): network started, context read, local checks run, network collected.
    `fresh`: probe even when a healthy network result is remembered."""
    from prelaunch.checks import network, session, token

    pending = network.start(config, use_cache=not fresh)
    context = detect_context()
    findings = [*guarded(token.NAME, lambda: token.run(context, config)),
                *guarded(session.NAME, lambda: session.run(context, config))]
    return context, findings + pending.collect()
