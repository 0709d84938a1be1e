"""A check that raised becomes a finding: a bug in prelaunch must not stop a launch."""

from __future__ import annotations

from collections.abc import Callable

from prelaunch.model import Finding


def failed(name: str, exc: BaseException) -> Finding:
    """What a check that raised says instead of its findings."""
    return Finding(name, "info", f"The {name} check failed ({type(exc).__name__})",
                   "This is a bug in prelaunch; the launch goes on.")


def guarded(name: str, produce: Callable[[], list[Finding]]) -> list[Finding]:
    """A check's findings, or one finding saying it failed."""
    try:
        return produce()
    except Exception as exc:  # noqa: BLE001 - any failure of a check becomes a finding
        return [failed(name, exc)]
