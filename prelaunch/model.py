"""The nouns: what a check found, and the launcher, instance and account a launch is for. Imports nothing of
prelaunch's own, so every other module may import it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

SEVERITIES = ("ok", "info", "warning", "error")

LAUNCHER_NAMES = {"prism": "Prism Launcher", "multimc": "MultiMC", "modrinth": "Modrinth App"}


# The nouns as `check --json` and `doctor --json` show them (report.py).
class FindingRecord(TypedDict):
    check: str
    severity: str
    title: str
    detail: str
    fixes: list[str]


class LauncherRecord(TypedDict):
    name: str  # the kind
    data_dir: str
    storage: str


class InstanceRecord(TypedDict):
    id: str  # noqa: A003 - the JSON's names
    name: str
    dir: str  # noqa: A003


class AccountRecord(TypedDict):
    name: str
    uuid: str
    type: str  # noqa: A003
    token_expires_at: int | None


@dataclass(frozen=True)
class Finding:
    """What one check found: `fixes` are in the order to try them, the first one in plain words and without a
    command to type (it is the dialog's "first thing to do"). `summary`: one sentence of what it means for the
    player, for the dialog (the console and JSON have `detail`, which says it too); `situation`: what it is
    about, the same at the next launch while nothing changed (the same offline account, the same intercepting
    antivirus, the same expiring sign-in), so that an answer to it can be remembered (the title when empty).
    Neither is in the JSON."""

    check: str
    severity: str
    title: str
    detail: str = ""
    fixes: tuple[str, ...] = ()
    summary: str = ""
    situation: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        object.__setattr__(self, "fixes", tuple(self.fixes))

    @property
    def rank(self) -> int:
        return SEVERITIES.index(self.severity)

    def as_dict(self) -> FindingRecord:
        return {"check": self.check, "severity": self.severity, "title": self.title,
                "detail": self.detail, "fixes": list(self.fixes)}


@dataclass
class LauncherInfo:
    kind: str  # "prism", "multimc" or "modrinth"
    data_dir: str
    storage: str = ""  # which file layout or schema era was read

    def as_dict(self) -> LauncherRecord:
        return {"name": self.kind, "data_dir": self.data_dir, "storage": self.storage}


@dataclass
class InstanceInfo:
    id: str  # noqa: A003 - the JSON's names
    name: str
    dir: str  # noqa: A003

    def as_dict(self) -> InstanceRecord:
        return {"id": self.id, "name": self.name, "dir": self.dir}


@dataclass
class AccountInfo:
    """An account as far as prelaunch needs it; deliberately without any token."""

    name: str
    uuid: str  # 32 lowercase hex digits, no dashes
    type: str  # noqa: A003 - "msa", "offline" or "mojang"
    token_expires_at: int | None = None

    def as_dict(self) -> AccountRecord:
        return {"name": self.name, "uuid": self.uuid, "type": self.type, "token_expires_at": self.token_expires_at}


@dataclass
class LaunchContext:
    launcher: LauncherInfo | None = None
    instance: InstanceInfo | None = None
    account: AccountInfo | None = None
    notes: list[Finding] = field(default_factory=list)  # what could not be read, said once each

    def note(self, severity: str, title: str, detail: str = "", fixes: tuple[str, ...] = ()) -> None:
        self.notes.append(Finding("context", severity, title, detail, fixes))
