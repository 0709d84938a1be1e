"""What the wrapper tells the watchdog to do for the game beside the expiry notice (`duties.Duties`): the game's
record, where the launcher keeps the account's sign-in (to see it renewed), and the game's lease under
`[devices]`. The wrapper knows the launch; the watchdog gets plain values and stays small."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol, TypedDict

from prelaunch import failsafe
from prelaunch.failsafe import say

if TYPE_CHECKING:
    from prelaunch.config import Config
    from prelaunch.model import LaunchContext


class UiSettings(TypedDict):
    """The `[ui]` settings the watchdog's notices follow (`notify.show`)."""

    mode: str
    backend: str
    timeout: float


class GameOrders(TypedDict):
    """The game's record: `last_game.Game`'s arguments."""

    uuid: str
    account: str
    launcher: str
    instance: str
    game_dir: str
    token_expires_at: int | None


class RenewalOrders(TypedDict):
    """Where the launcher keeps the account's sign-in (`renewal.find_source`)."""

    kind: str
    path: str


class LeaseOrders(TypedDict):
    """The game's lease: `leasekeeper.Keeper`'s arguments, and how often it is renewed."""

    folder: str
    computer: str
    account: str
    account_name: str
    instance: str
    launcher: str
    stale_s: float
    own_offset: float | None
    state_dir: str
    heartbeat_s: float


class DutyOrders(TypedDict, total=False):
    """The duties beside the expiry notice (`duties.Duties`), each there only when it is to be done, and how long
    the watchdog sleeps at most (`[session] wake_seconds`)."""

    wake_s: float
    game: GameOrders
    renewal: RenewalOrders
    lease: LeaseOrders
    verdict_every_s: float


class NoticeRecord(TypedDict):
    """The expiry notice (`watchdog.Notice`'s arguments)."""

    account: str
    expires_at: float
    known: bool
    fixes: list[str]


class Orders(DutyOrders):
    """All the watchdog is told, as one JSON document (`watchdog.Keeper.hand_over`): the duties, the expiry
    notice (None: none to give) and the `[ui]` settings."""

    notice: NoticeRecord | None
    ui: UiSettings


class Launch(Protocol):
    """What the orders need of the wrapper's `Launch`."""

    uuid: str | None
    account_name: str
    launcher: str
    instance_name: str
    instance_dir: str
    token_expires_at: int | None
    context: LaunchContext | None


def ui_settings(config: Config) -> UiSettings:
    return {"mode": config.ui.mode, "backend": config.ui.backend, "timeout": config.ui.timeout}


def for_watchdog(launch: Launch, config: Config) -> DutyOrders:
    """The watchdog's orders beside the expiry notice (`duties.Duties`): the game's record, where the launcher
    keeps the account's sign-in (to see it renewed while the game runs), and the lease. Never raises."""
    from prelaunch.identifiers import normalise_uuid as normalise

    orders: DutyOrders = {"wake_s": config.session.wake_seconds}
    uuid = normalise(launch.uuid)
    if not uuid:
        return orders
    orders["game"] = {"uuid": uuid, "account": launch.account_name, "launcher": launch.launcher,
                      "instance": launch.instance_name, "game_dir": os.getcwd(),
                      "token_expires_at": launch.token_expires_at}
    try:
        from prelaunch.session import renewal

        context = launch.context
        data_dir = context.launcher.data_dir if context is not None and context.launcher is not None else None
        source = renewal.find_source(launch.launcher, data_dir, launch.instance_dir)
        if source is not None:
            orders["renewal"] = {"kind": source[0], "path": source[1]}
    except Exception as exc:  # noqa: BLE001 - no renewal watch, the rest stands
        say(failsafe.report("wrap (renewal watch)", exc))
    if config.network.enabled and config.network.endpoints and config.network.cache_minutes > 0:
        orders["verdict_every_s"] = config.network.cache_minutes * 60
    if config.devices.folder:
        try:
            orders["lease"] = lease_orders(launch, config, uuid)
        except Exception as exc:  # noqa: BLE001 - no lease, the rest stands
            say(failsafe.report("wrap (lease)", exc))
    return orders


def lease_orders(launch: Launch, config: Config, uuid: str) -> LeaseOrders:
    """The game's lease as the watchdog keeps it (`leasekeeper.Keeper`'s arguments and the heartbeat): the
    account's id is computed here, so the watchdog loads no hash library."""
    import time

    from prelaunch import paths
    from prelaunch.net import clockoffset
    from prelaunch.session import devices, lease

    return {"folder": devices.folder_path(config.devices.folder),
            "computer": devices.computer_name(config.devices.name), "account": lease.account_id(uuid),
            "account_name": launch.account_name,
            "instance": launch.instance_name, "launcher": launch.launcher,
            "stale_s": config.devices.stale_minutes * 60, "own_offset": clockoffset.load(time.time()),
            "state_dir": paths.state_dir(),
            "heartbeat_s": config.devices.heartbeat_seconds}
