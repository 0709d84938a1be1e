"""Run the checks side by side under one deadline; a check that fails or overruns becomes a finding.

Daemon threads, not an executor: an executor joins its workers at exit, so a hung check would hang the
launch. Checks that need no launch context (the network) start before the context is read.
"""

from __future__ import annotations

import importlib
import threading
import time

from prelaunch.config import Config
from prelaunch.findings import Finding

WITHOUT_CONTEXT = ("network",)
WITH_CONTEXT = ("token", "session")


class Running:
    """Checks started in the background, collected in the order they were started."""

    def __init__(self, deadline_s: float) -> None:
        self.deadline_s = deadline_s
        self.end = time.monotonic() + deadline_s
        self.threads: dict[str, threading.Thread] = {}
        self.results: dict[str, object] = {}

    def start(self, name: str, context, config: Config, check=None) -> None:
        check = check or importlib.import_module(f"prelaunch.checks.{name}").run

        def work() -> None:
            try:
                self.results[name] = check(context, config)
            except BaseException as exc:  # noqa: BLE001 - any failure of a check becomes a finding
                self.results[name] = exc

        self.threads[name] = threading.Thread(target=work, daemon=True, name=f"check-{name}")
        self.threads[name].start()

    def collect(self) -> list[Finding]:
        findings: list[Finding] = []
        for name, thread in self.threads.items():
            thread.join(max(0.0, self.end - time.monotonic()))
            result = self.results.get(name)
            if result is None:
                findings.append(Finding(name, "info", f"The {name} check did not finish within "
                                                      f"{self.deadline_s:g} s", "It was skipped so the launch is not held up."))
            elif isinstance(result, BaseException):
                findings.append(Finding(name, "info", f"The {name} check failed ({type(result).__name__})",
                                        "This is a bug in prelaunch; the launch goes on."))
            else:
                findings.extend(result)
        return findings
