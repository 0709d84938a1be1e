"""Where prelaunch keeps its own files: platformdirs' user dirs, so HOME and XDG_* move all of them."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "prelaunch"


def config_file() -> Path:
    override = os.environ.get("PRELAUNCH_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / "config.toml"


def state_dir() -> Path:
    return Path(platformdirs.user_state_dir(APP, appauthor=False))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))
