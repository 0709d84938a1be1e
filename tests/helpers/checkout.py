"""A copy of this checkout's sources, to build or install from: pip builds in the source tree (its build/
folder), where another worker of the suite, or another run of it at the same time, would build too."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def copy_sources(copy: Path) -> Path:
    """The files a build needs, copied into `copy`; returns it."""
    for name in ("install.py", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, copy / name)
    for name in ("prelaunch", "hooks"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    return copy
