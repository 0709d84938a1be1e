"""This computer's lease files in the folder the player syncs between computers (`[devices] folder`): what
uninstall takes away there. A lease whose game has ended (`released`) goes; one that still says a game plays,
or that cannot be read, stays for uninstall to name (a game may still run on it). Other computers' files are
theirs, and the player's own files are never looked at."""

from __future__ import annotations

import os

from prelaunch import config, readfile
from prelaunch.session import deviceid, devices
from prelaunch.session.lease import RELEASED, decode, parse_name


def remove_released() -> list[str]:
    """Remove this computer's ended leases (their conflict copies too); the paths of its leases left."""
    configured = config.load().devices.folder
    device = deviceid.current()
    if not configured or not device:
        return []
    folder = devices.folder_path(configured)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    left = []
    for name in names:
        parsed = parse_name(name)
        if parsed is None or parsed[0] != device:
            continue
        path = os.path.join(folder, name)
        try:
            ended = decode(readfile.read(path, devices.FILE_CAP, follow_symlinks=False), device,
                           parsed[1]).state == RELEASED
            if ended:
                os.unlink(path)
                continue
        except (OSError, ValueError):
            pass
        left.append(path)
    return left
