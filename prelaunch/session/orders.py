"""What the wrapper tells the watchdog to do for the game beside the expiry notice (`duties.Duties`): the game's
record, where the launcher keeps the account's sign-in (to see it renewed), and the game's lease under
`[devices]`. The wrapper knows the launch; the watchdog gets plain values and stays small."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol

from prelaunch import failsafe
from prelaunch.failsafe import say

if TYPE_CHECKING:
    from prelaunch.config import Config
    from prelaunch.model import LaunchContext


class Launch(Protocol):
    """What the orders need of the wrapper's `Launch`."""

    uuid: str | None
    account_name: str
    launcher: str
    instance_name: str
    instance_dir: str
    token_expires_at: int | None
    context: LaunchContext | None


def for_watchdog(launch: Launch, config: Config) -> dict:
    """The watchdog's orders beside the expiry notice (`duties.Duties`): the game's record, where the launcher
    keeps the account's sign-in (to see it renewed while the game runs), and the lease. Never raises."""
    from prelaunch.identifiers import normalise_uuid as normalise

    uuid = normalise(launch.uuid)
    if not uuid:
        return {"wake_s": config.session.wake_seconds}
    orders: dict = {"wake_s": config.session.wake_seconds,
                    "game": {"uuid": uuid, "account": launch.account_name, "launcher": launch.launcher,
                             "instance": launch.instance_name, "game_dir": os.getcwd(),
                             "token_expires_at": launch.token_expires_at}}
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


def lease_orders(launch: Launch, config: Config, uuid: str) -> dict:
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
