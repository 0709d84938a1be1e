"""A private HOME whose path holds a space and a non-ASCII letter, so every path prelaunch writes into a
launcher's files (its scripts, its environment's Python) has both."""

from __future__ import annotations

from pathlib import Path

import pytest

SPACED_HOME = "Home of Zoë"
_MOVED = {"HOME": "", "XDG_DATA_HOME": ".local/share", "XDG_CONFIG_HOME": ".config",
          "XDG_STATE_HOME": ".local/state", "XDG_CACHE_HOME": ".cache"}


def spaced(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project's private HOME (tests/conftest.py), moved to a folder named with a space and a non-ASCII
    letter; the XDG dirs and prelaunch's config file move with it."""
    moved = home.parent / SPACED_HOME
    for name, sub in _MOVED.items():
        (moved / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(moved / sub))
    config = moved / "prelaunch.toml"
    config.write_bytes((home / "prelaunch.toml").read_bytes())
    monkeypatch.setenv("PRELAUNCH_CONFIG", str(config))
    return moved


@pytest.fixture(autouse=True)
def home(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The `home` of tests/conftest.py, moved (see `spaced`), for every test of the conftest or test module
    that imports this fixture."""
    return spaced(home, monkeypatch)
