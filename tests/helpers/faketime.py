"""A wall clock set wrong for one process, with libfaketime (Debian `faketime`): the process's wall clock is
moved by what a file says (read again at every call), its monotonic and boot clocks are left alone, as when
a player or a sync sets the time."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest

_PLACES = ("/usr/lib/*/faketime/libfaketime.so.1", "/usr/lib/faketime/libfaketime.so.1",
           "/usr/local/lib/faketime/libfaketime.so.1", "/usr/lib64/faketime/libfaketime.so.1")


def library() -> str:
    """libfaketime's path; CI installs it, so there a missing one is a failure, not a skip."""
    found = [path for pattern in _PLACES for path in sorted(glob.glob(pattern))]
    if not found:
        message = "missing libfaketime: apt-get install faketime"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found[0]


class Clock:
    """The wall clock of the processes started with `env()`: `move("+5m")`, `move("-3d")`, `move("+0")`."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / "faketime"
        self.move("+0")

    def move(self, offset: str) -> None:
        self.file.write_text(offset + "\n", encoding="ascii")

    def env(self) -> dict[str, str]:
        return {"LD_PRELOAD": library(), "FAKETIME_TIMESTAMP_FILE": str(self.file), "FAKETIME_NO_CACHE": "1",
                "DONT_FAKE_MONOTONIC": "1"}
