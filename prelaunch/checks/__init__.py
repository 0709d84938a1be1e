"""Run the checks side by side under one deadline; a check that fails or overruns becomes a finding."""

from __future__ import annotations

import importlib
import threading
import time
from typing import Callable

from prelaunch.config import Config
from prelaunch.context import LaunchContext
from prelaunch.findings import Finding

Check = Callable[[LaunchContext, Config], "list[Finding]"]

CHECKS = ("token", "session")


def load(names: tuple[str, ...] = CHECKS) -> dict[str, Check]:
    return {name: importlib.import_module(f"prelaunch.checks.{name}").run for name in names}


def run_all(context: LaunchContext, config: Config, deadline_s: float,
            checks: dict[str, Check] | None = None) -> list[Finding]:
    """Every check's findings, in the order of `checks`; none is waited for past the deadline.

    Daemon threads, not an executor: an executor joins its workers at exit, so a hung check would hang
    the launch.
    """
    checks = load() if checks is None else checks
    results: dict[str, list[Finding] | BaseException] = {}

    def work(name: str, check: Check) -> None:
        try:
            results[name] = check(context, config)
        except BaseException as exc:  # noqa: BLE001 - any failure of a check becomes a finding
            results[name] = exc

    threads = [threading.Thread(target=work, args=item, daemon=True, name=f"check-{item[0]}")
               for item in checks.items()]
    for thread in threads:
        thread.start()
    end = time.monotonic() + max(0.0, deadline_s)
    for thread in threads:
        thread.join(max(0.0, end - time.monotonic()))
    findings: list[Finding] = []
    for name in checks:
        result = results.get(name)
        if result is None:
            findings.append(Finding(name, "info", f"The {name} check did not finish within {deadline_s:g} s",
                                    "It was skipped so the launch is not held up."))
        elif isinstance(result, BaseException):
            findings.append(Finding(name, "info", f"The {name} check failed ({type(result).__name__})",
                                    "This is a bug in prelaunch; the launch goes on."))
        else:
            findings.extend(result)
    return findings
