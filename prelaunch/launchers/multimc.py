"""MultiMC (0.6 and 0.7): data dir, instance and account of a launch. MultiMC always uses the default account."""

from __future__ import annotations

import os
from collections.abc import Mapping
from os import PathLike

from prelaunch.launchers import prism_family
from prelaunch.model import LaunchContext

KIND = "multimc"
CONFIG_FILE = "multimc.cfg"


def known_data_dirs(env: Mapping[str, str] | None = None) -> list[str]:
    """MultiMC is portable (its data sits beside the program); only the Debian package has a fixed place."""
    env = os.environ if env is None else env
    home = env.get("HOME") or os.path.expanduser("~")
    return [os.path.abspath(os.path.join(home, ".local", "share", "multimc"))]


def is_data_dir(path: str | PathLike) -> bool:
    return os.path.isfile(os.path.join(path, CONFIG_FILE))


def locate(path: str) -> tuple[str, str] | None:
    return prism_family.locate(path, CONFIG_FILE, KIND, known_data_dirs)


def load(data_dir: str, instance_dir: str | None) -> LaunchContext:
    return prism_family.load(KIND, CONFIG_FILE, data_dir, instance_dir, per_instance_account=False)
