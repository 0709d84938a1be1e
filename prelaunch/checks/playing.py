"""The games playing on this computer, as `status` lists them: every game the session check would see in one
of the player's launches. Those prelaunch holds (the account's lock and its holder record) and those the
session check's own scan of the running programs finds, whoever started them; each named by its account and
its instance. An account whose name no record and no command line gives is looked up in the launchers'
accounts, never shown as an id."""

from __future__ import annotations

import os
from typing import TypedDict

from prelaunch import launchers
from prelaunch.checks import session
from prelaunch.config import Config
from prelaunch.identifiers import normalise_uuid
from prelaunch.launchers import prism_accounts
from prelaunch.model import LaunchContext
from prelaunch.session import lock


class Game(TypedDict):
    """A game the scan found that prelaunch does not hold (`status --json`'s `games`)."""

    uuid: str | None
    account_name: str
    launcher: str
    instance_name: str
    instance_dir: str
    pid: int
    since: float | None


class Yours:
    """The player's launchers on this computer: their data folders and their accounts (id → name), read once.
    A game counts when `check` could see it in one of the player's launches: a game of one of these accounts,
    or a game in one of these launchers' instances (another user's games, or games of accounts none of the
    player's launchers has, touch none of the player's launches)."""

    def __init__(self) -> None:
        self.data_dirs: set[str] = set()
        self.accounts: dict[str, str] = {}
        for kind, folder in launchers.find_data_dirs():
            self.data_dirs.add(os.path.realpath(folder))
            for uuid, name in _accounts(kind, folder):
                self.accounts.setdefault(uuid, name)
        self.names = set(self.accounts.values())

    def name_of(self, uuid: str | None) -> str:
        """The account's name, "" when none of the player's launchers has it."""
        return self.accounts.get(uuid, "") if uuid else ""

    def sees(self, game: session.GameProcess, context: LaunchContext | None) -> bool:
        """Whether one of the player's launches could see this game: its account is theirs (by id, or by name
        when its command line gives no id, as the session check matches), or it runs in one of their
        launchers' instances."""
        if game.uuid in self.accounts or (not game.uuid and game.username in self.names):
            return True
        launcher = context.launcher if context else None
        return bool(launcher and context and context.instance and
                    os.path.realpath(launcher.data_dir) in self.data_dirs)


def _accounts(kind: str, folder: str) -> list[tuple[str, str]]:
    """(id, name) of a launcher's accounts: every account of Prism Launcher's and MultiMC's accounts.json,
    the Modrinth App's active account."""
    if kind in ("prism", "multimc"):
        loaded = prism_accounts.read(os.path.join(folder, prism_accounts.FILE), kind, LaunchContext())
        return [(uuid, account.name) for account in (loaded[0] if loaded else [])
                for uuid in [normalise_uuid(account.profile_id)] if uuid and account.name]
    account = launchers.MODULES[kind].load(folder, None).account
    return [(account.uuid, account.name)] if account and account.uuid and account.name else []


def held(yours: Yours) -> list[dict]:
    """The accounts prelaunch holds (`status --json`'s `held`), each with its account's name."""
    rows = []
    for uuid, holder in lock.held_accounts():
        rows.append({"uuid": uuid, "account_name": holder.account_name or yours.name_of(uuid),
                     "launcher": holder.launcher, "instance_name": holder.instance_name,
                     "instance_dir": holder.instance_dir, "pid": holder.pid or None,
                     "since": holder.started_at or None, "token_expires_at": holder.token_expires_at,
                     "locked": holder.locked,
                     "held_by": [{"pid": pid, "name": name} for pid, name in holder.programs]})
    return rows


def scanned(held_pids: set[int], yours: Yours, config: Config) -> tuple[list[Game], bool]:
    """(the games the session check's scan finds that one of the player's launches would see and that are
    not among `held_pids`, whether it looked at every running program, waited for as `check` waits), with
    their instance as their launcher names it."""
    outcome = session.scan().result(session.SCAN_STALL_S, config.network.deadline)
    games: list[Game] = []
    for proc in sorted(outcome.found, key=lambda p: p.started):
        if proc.pid in held_pids:
            continue
        context = launchers.context_for_path(proc.instance_dir) if proc.instance_dir else None
        if not yours.sees(proc, context):
            continue
        instance = context.instance if context else None
        games.append({"uuid": proc.uuid, "account_name": proc.username or yours.name_of(proc.uuid),
                      "launcher": context.launcher.kind if context and context.launcher else "",
                      "instance_name": instance.name if instance else "",
                      "instance_dir": instance.dir if instance else proc.instance_dir or "",
                      "pid": proc.pid, "since": proc.started or None})
    return games, outcome.complete
