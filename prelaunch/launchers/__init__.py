"""One module per launcher behind one API: `known_data_dirs()`, `is_data_dir(path)`,
`locate(path) -> (data_dir, instance_dir) | None` and `load(data_dir, instance_dir) -> LaunchContext`.
Paths are absolute `str`s. The API is declared in api.py (`Launcher`), and `MODULES` is typed against it.

The launcher modules are imported when first asked for (`MODULES`, or any function here), not with the package:
a process that needs one reader (the watchdog reads accounts.json or app.db while the game runs, and must stay
small) imports that module alone.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the nouns (and dataclasses with them) are imported by whichever launcher module runs
    from prelaunch.launchers.api import Launcher
    from prelaunch.model import LaunchContext

    MODULES: dict[str, Launcher]  # read through __getattr__

__all__ = ["MODULES", "modules", "context_for_path", "find_data_dirs", "default_context"]


def modules() -> dict[str, Launcher]:
    """Launcher kind -> its module."""
    from prelaunch.launchers import modrinth, multimc, prism

    return {"prism": prism, "multimc": multimc, "modrinth": modrinth}


def __getattr__(name: str) -> object:
    if name == "MODULES":  # PEP 562: `launchers.MODULES` imports the launcher modules only when it is read
        return modules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _modules(only: str | None) -> list[Launcher]:
    found = modules()
    return [found[only]] if only else list(found.values())


def context_for_path(path: str, only: str | None = None) -> LaunchContext | None:
    """The launch context of the instance at `path`, or None when `path` is no instance."""
    for module in _modules(only):
        located = module.locate(path)
        if located:
            return module.load(*located)
    from prelaunch import paths
    from prelaunch.launchers import prism_family
    from prelaunch.model import InstanceInfo, LaunchContext

    root = prism_family.instance_root(path) if only in (None, "prism", "multimc") else None
    if root is None:
        return None
    name = os.path.basename(root)
    context = LaunchContext(instance=InstanceInfo(name, name, root))
    context.note("info", "Instance found, but not its launcher's data folder",
                 f"{root} has an instance.cfg, but no Prism Launcher or MultiMC data folder holds it, "
                 "so the account is unknown.",
                 (f"Run `{paths.how_to_run()} doctor --launcher prism --instance DIR` from the launcher's data "
                  "folder.",))
    return context


def find_data_dirs(only: str | None = None) -> list[tuple[str, str]]:
    """Every launcher data dir present on this machine, as (launcher kind, folder)."""
    found = []
    for kind, module in modules().items():
        if only and kind != only:
            continue
        for folder in module.known_data_dirs():
            if module.is_data_dir(folder) and (kind, folder) not in found:
                found.append((kind, folder))
    return found


def default_context(only: str | None = None) -> LaunchContext:
    """No instance given: the first launcher found on this machine, with its default account."""
    for kind, folder in find_data_dirs(only):
        return modules()[kind].load(folder, None)
    from prelaunch.model import LaunchContext

    return LaunchContext()
