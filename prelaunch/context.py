"""Which launcher, instance and account a launch is for, found from the hook's environment and working dir.
Paths are plain strings here and in `launchers/`: pathlib (with the urllib.parse and re it imports) would cost
a warm check a third of its budget."""

from __future__ import annotations

import os

from prelaunch.findings import Finding

TYPE_CHECKING = False  # typing and dataclasses cost more at import than the wrapper's budget allows
if TYPE_CHECKING:
    from collections.abc import Mapping
    from os import PathLike


LAUNCHER_NAMES = {"prism": "Prism Launcher", "multimc": "MultiMC", "modrinth": "Modrinth App"}


class LauncherInfo:
    def __init__(self, kind: str, data_dir: str, storage: str = "") -> None:
        self.kind = kind  # "prism", "multimc" or "modrinth"
        self.data_dir = data_dir
        self.storage = storage  # which file layout or schema era was read

    def as_dict(self) -> dict:
        return {"name": self.kind, "data_dir": self.data_dir, "storage": self.storage}


class InstanceInfo:
    def __init__(self, id: str, name: str, dir: str) -> None:  # noqa: A002 - the JSON's names
        self.id, self.name, self.dir = id, name, dir

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "dir": self.dir}


class AccountInfo:
    """An account as far as prelaunch needs it; deliberately without any token."""

    def __init__(self, name: str, uuid: str, type: str, token_expires_at: int | None = None,  # noqa: A002
                 expiry_source: str | None = None) -> None:
        self.name = name
        self.uuid = uuid  # 32 lowercase hex digits, no dashes
        self.type = type  # "msa", "offline" or "mojang"
        self.token_expires_at = token_expires_at
        self.expiry_source = expiry_source  # "jwt" or "launcher"

    def as_dict(self) -> dict:
        return {"name": self.name, "uuid": self.uuid, "type": self.type, "token_expires_at": self.token_expires_at}


class LaunchContext:
    def __init__(self, launcher: LauncherInfo | None = None, instance: InstanceInfo | None = None,
                 account: AccountInfo | None = None) -> None:
        self.launcher, self.instance, self.account = launcher, instance, account
        self.notes: list[Finding] = []  # what could not be read, said once each

    def note(self, severity: str, title: str, detail: str = "", fixes: tuple[str, ...] = ()) -> None:
        self.notes.append(Finding("context", severity, title, detail, fixes))


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
    from prelaunch import launchers

    env = os.environ if env is None else env
    cwd = os.getcwd() if cwd is None else os.fspath(cwd)
    for path in _candidate_dirs(env, cwd, os.fspath(instance_dir) if instance_dir else None):
        context = launchers.context_for_path(path, only=launcher)
        if context is not None:
            return context
    context = launchers.default_context(only=launcher)
    if context.launcher is None:
        where = "this working directory" if not env.get("INST_DIR") else env["INST_DIR"]
        context.note("info", "No launcher instance found",
                     f"Nothing in {where} belongs to Prism Launcher, MultiMC or the Modrinth App.",
                     ("Run `prelaunch doctor --launcher prism|multimc|modrinth --instance DIR` to name one.",))
    return context
