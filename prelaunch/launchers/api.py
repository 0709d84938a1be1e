"""What every launcher module provides, declared once (as platformdirs' api.py declares what each platform
provides): `launchers.MODULES` is typed against `Launcher`, so mypy names a launcher module that lacks one of
these or gives it another signature. The modules themselves are the implementations; nothing here runs.

Paths are absolute `str`s: `known_data_dirs` returns them so, and the hook's paths reach `locate` made absolute
(detect.py)."""

from __future__ import annotations

from collections.abc import Mapping
from os import PathLike
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from prelaunch.model import LaunchContext


class Launcher(Protocol):
    """One launcher: where its data lives, how an instance folder is told to belong to it, and what a launch
    from it is for."""

    KIND: str  # "prism", "multimc" or "modrinth": the key of `launchers.MODULES`, and LauncherInfo.kind

    def known_data_dirs(self, env: Mapping[str, str] | None = None) -> list[str]:
        """Where this launcher keeps its data on this OS (`env`: the environment to read, default os.environ),
        in the order the launcher itself looks; whether each exists is not checked."""
        ...

    def is_data_dir(self, path: str | PathLike[str]) -> bool:
        """Whether `path` holds this launcher's data (its settings file or database is there)."""
        ...

    def locate(self, path: str) -> tuple[str, str] | None:
        """(data dir, instance dir) when `path` is one of this launcher's instances (or its game folder)."""
        ...

    def load(self, data_dir: str, instance_dir: str | None) -> LaunchContext:
        """The launch context: launcher, instance (None: no instance given) and the account it uses, with a
        note for each file that could not be read. Never raises for a bad launcher file."""
        ...


class PrismFamilyLauncher(Launcher, Protocol):
    """Prism Launcher and MultiMC (prism_family.py): one INI settings file in the data dir."""

    CONFIG_FILE: str  # "prismlauncher.cfg" or "multimc.cfg"
