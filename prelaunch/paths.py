"""Where prelaunch keeps its own files: platformdirs' user dirs, so HOME and XDG_* move all of them.

On Linux and the BSDs the XDG rules are applied here directly: importing platformdirs costs about as much as
the wrapper's whole budget. tests/test_paths.py holds these equal to platformdirs' answers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "prelaunch"
_XDG = {"data": ("XDG_DATA_HOME", ".local/share"), "config": ("XDG_CONFIG_HOME", ".config"),
        "state": ("XDG_STATE_HOME", ".local/state"), "cache": ("XDG_CACHE_HOME", ".cache")}


def _user_dir(kind: str) -> Path:
    if sys.platform in ("win32", "darwin"):
        import platformdirs

        return Path(getattr(platformdirs, f"user_{kind}_dir")(APP, appauthor=False))
    variable, fallback = _XDG[kind]
    base = os.environ.get(variable, "").strip()
    return Path(base if base else os.path.join(os.path.expanduser("~"), fallback)) / APP


def config_file() -> Path:
    override = os.environ.get("PRELAUNCH_CONFIG")
    if override:
        return Path(override)
    return _user_dir("config") / "config.toml"


def state_dir() -> Path:
    return _user_dir("state")


def cache_dir() -> Path:
    return _user_dir("cache")


def log_dir() -> Path:
    if sys.platform in ("win32", "darwin"):
        import platformdirs

        return Path(platformdirs.user_log_dir(APP, appauthor=False))
    return state_dir() / "log"


def data_dir() -> Path:
    return _user_dir("data")
