"""Prism Launcher (7.x to 11.x): data dir, instance and account of a launch."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from prelaunch.context import LaunchContext
from prelaunch.launchers import _prism_family

TYPE_CHECKING = False  # typing costs more at import than the wrapper's budget allows
if TYPE_CHECKING:
    from collections.abc import Mapping

KIND = "prism"
CONFIG_FILE = "prismlauncher.cfg"


def known_data_dirs(env: Mapping[str, str] | None = None) -> list[Path]:
    """Where Prism keeps its data on this OS, in the order Prism itself looks (portable installs need --dir)."""
    import platformdirs

    env = os.environ if env is None else env
    home = Path(env.get("HOME") or Path.home())
    dirs = [Path(env["PRISMLAUNCHER_DATA_DIR"])] if env.get("PRISMLAUNCHER_DATA_DIR") else []
    if env.get("SNAP_USER_COMMON"):
        dirs.append(Path(env["SNAP_USER_COMMON"]))
    dirs.append(Path(platformdirs.user_data_dir("PrismLauncher", appauthor=False, roaming=True)))
    if sys.platform == "win32":
        dirs.append(home / "scoop" / "persist" / "prismlauncher")
    elif sys.platform != "darwin":
        dirs.append(home / ".var" / "app" / "org.prismlauncher.PrismLauncher" / "data" / "PrismLauncher")
        # The snap's name is taken from its store page, not checked against an installed snap [unverified].
        dirs.append(home / "snap" / "prismlauncher" / "common")
    return dirs


def is_data_dir(path: Path) -> bool:
    return (path / CONFIG_FILE).is_file()


def locate(path: Path) -> tuple[Path, Path] | None:
    return _prism_family.locate(path, CONFIG_FILE, known_data_dirs)


def load(data_dir: Path, instance_dir: Path | None) -> LaunchContext:
    return _prism_family.load(KIND, CONFIG_FILE, data_dir, instance_dir, per_instance_account=True)
