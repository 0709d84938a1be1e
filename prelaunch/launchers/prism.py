"""Prism Launcher (7.x to 11.x): data dir, instance and account of a launch."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from os import PathLike

from prelaunch.launchers import prism_family
from prelaunch.model import LaunchContext

KIND = "prism"
CONFIG_FILE = "prismlauncher.cfg"


def known_data_dirs(env: Mapping[str, str] | None = None) -> list[str]:
    """Where Prism keeps its data on this OS, in the order Prism itself looks (portable installs need --dir)."""
    import platformdirs

    env = os.environ if env is None else env
    home = env.get("HOME") or os.path.expanduser("~")
    dirs = [env["PRISMLAUNCHER_DATA_DIR"]] if env.get("PRISMLAUNCHER_DATA_DIR") else []
    if env.get("SNAP_USER_COMMON"):
        dirs.append(env["SNAP_USER_COMMON"])
    dirs.append(platformdirs.user_data_dir("PrismLauncher", appauthor=False, roaming=True))
    if sys.platform == "win32":
        dirs.append(os.path.join(home, "scoop", "persist", "prismlauncher"))
    elif sys.platform != "darwin":
        dirs.append(os.path.join(home, ".var", "app", "org.prismlauncher.PrismLauncher", "data", "PrismLauncher"))
        # The snap is named "prismlauncher" in Prism's own snap/snapcraft.yaml; its data is $SNAP_USER_COMMON.
        dirs.append(os.path.join(home, "snap", "prismlauncher", "common"))
    return [os.path.abspath(d) for d in dirs]


def is_data_dir(path: str | PathLike) -> bool:
    return os.path.isfile(os.path.join(path, CONFIG_FILE))


def locate(path: str) -> tuple[str, str] | None:
    return prism_family.locate(path, CONFIG_FILE, KIND, known_data_dirs)


def load(data_dir: str, instance_dir: str | None) -> LaunchContext:
    return prism_family.load(KIND, CONFIG_FILE, data_dir, instance_dir, per_instance_account=True)
