"""Which launcher, instance and account a launch is for, found from the hook's environment and working dir."""

from __future__ import annotations

import os
from collections.abc import Mapping
from os import PathLike

from prelaunch import paths
from prelaunch.launchers import context_for_path, default_context
from prelaunch.model import LaunchContext


def _candidate_dirs(env: Mapping[str, str], cwd: str, instance_dir: str | None) -> list[str]:
    """Places that may be the instance, most specific first, as absolute paths."""
    found = [instance_dir] if instance_dir else []
    for key in ("INST_DIR", "INST_MC_DIR"):
        if env.get(key):
            found.append(env[key])
    found.append(cwd)
    return [os.path.abspath(path) for path in found]


def detect(env: Mapping[str, str] | None = None, cwd: str | PathLike | None = None,
           launcher: str | None = None, instance_dir: str | PathLike | None = None) -> LaunchContext:
    """Find launcher, instance and account for this launch; never raises for bad launcher files."""
    env = os.environ if env is None else env
    cwd = os.getcwd() if cwd is None else os.fspath(cwd)
    for path in _candidate_dirs(env, cwd, os.fspath(instance_dir) if instance_dir else None):
        context = context_for_path(path, only=launcher)
        if context is not None:
            return context
    context = default_context(only=launcher)
    if context.launcher is None:
        where = "this working directory" if not env.get("INST_DIR") else env["INST_DIR"]
        context.note("info", "No launcher instance found",
                     f"Nothing in {where} belongs to Prism Launcher, MultiMC or the Modrinth App.",
                     (f"Run `{paths.how_to_run()} doctor --launcher prism|multimc|modrinth --instance DIR` to name "
                      "one.",))
    return context
