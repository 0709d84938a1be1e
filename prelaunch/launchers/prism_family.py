"""What Prism Launcher and MultiMC share: the data dir layout, instance.cfg and accounts.json."""

from __future__ import annotations

import os
from collections.abc import Callable

from prelaunch.launchers import ini, prism_accounts
from prelaunch.model import InstanceInfo, LaunchContext, LauncherInfo

INSTANCE_FILE = "instance.cfg"
_MAX_WALK_UP = 8


def instance_root(path: str) -> str | None:
    """The instance folder for an instance root or its game root (`minecraft` or `.minecraft`)."""
    for candidate in (path, os.path.dirname(path)):
        if os.path.isfile(os.path.join(candidate, INSTANCE_FILE)):
            return candidate
    return None


def instances_dir(data_dir: str, cfg_name: str, launcher: str) -> str:
    """The folder that holds the instances: the global `InstanceDir` key, relative to the data dir."""
    try:
        configured = ini.read(os.path.join(data_dir, cfg_name), launcher).get("InstanceDir", "") or "instances"
    except OSError:
        configured = "instances"
    return os.path.realpath(os.path.join(data_dir, configured))


def _ancestors(path: str) -> list[str]:
    """The folders above `path`, nearest first, at most _MAX_WALK_UP of them."""
    found: list[str] = []
    while len(found) < _MAX_WALK_UP and os.path.dirname(path) != path:
        path = os.path.dirname(path)
        found.append(path)
    return found


def locate(path: str, cfg_name: str, launcher: str,
           known_data_dirs: Callable[[], list[str]]) -> tuple[str, str] | None:
    """The instance at `path` and the data dir whose cfg is `cfg_name` and whose InstanceDir holds it."""
    root = instance_root(path)
    if root is None:
        return None
    real_root = os.path.realpath(root)
    parent = os.path.dirname(real_root)
    ancestors = [a for a in _ancestors(real_root) if os.path.isfile(os.path.join(a, cfg_name))]
    for data_dir in ancestors:
        if instances_dir(data_dir, cfg_name, launcher) == parent:
            return data_dir, root
    for data_dir in known_data_dirs():  # InstanceDir may point anywhere, away from the data dir
        if os.path.isfile(os.path.join(data_dir, cfg_name)) and instances_dir(data_dir, cfg_name, launcher) == parent:
            return data_dir, root
    if ancestors:
        return ancestors[0], root
    return None


def load(kind: str, cfg_name: str, data_dir: str, instance_dir: str | None,
         per_instance_account: bool) -> LaunchContext:
    context = LaunchContext(launcher=LauncherInfo(kind, data_dir, cfg_name))
    instance_cfg: dict[str, str] = {}
    if instance_dir is not None:
        try:
            instance_cfg = ini.read(os.path.join(instance_dir, INSTANCE_FILE), kind)
        except OSError as exc:
            context.note("info", "instance.cfg could not be read", f"{instance_dir}: {exc.strerror or exc}")
        folder = os.path.basename(instance_dir)
        context.instance = InstanceInfo(folder, instance_cfg.get("name") or folder, instance_dir)
    found = prism_accounts.read(os.path.join(data_dir, prism_accounts.FILE), kind, context)
    if found is None:
        return context
    wanted = instance_cfg.get("InstanceAccountId") if per_instance_account else None
    chosen = prism_accounts.choose(*found, wanted, context)
    if chosen is not None:
        context.account = prism_accounts.account_info(chosen)
    return context
