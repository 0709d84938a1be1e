"""The folders sync apps keep in step on this computer, for the installer to offer as the place of `[devices]
folder` (what a player picks is the folder of prelaunch's files inside one of them: `SUBFOLDER`).

Found where each app puts its folder unless told otherwise: `~/Dropbox`; `~/Sync`, Syncthing's default folder;
`~/Nextcloud`; `~/OneDrive` (OneDrive on Windows, and the Linux client `onedrive`), and the folders the
`OneDrive`, `OneDriveConsumer` and `OneDriveCommercial` variables name (OneDrive sets them on Windows; read on
every system, as they mean nothing else). On macOS 12.3 and later, Dropbox, OneDrive, Google Drive and Box keep
their folders in `~/Library/CloudStorage` (Apple's File Provider), each as `App` or `App-account`: each of them is
a candidate too. A folder counts once, by its real path (macOS's `~/Dropbox` may be a link into CloudStorage), at
its first name here. Only folders that are there are listed."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

SUBFOLDER = "prelaunch"  # prelaunch's files go in a folder of their own inside the synced one

IN_HOME = (("Dropbox", "Dropbox"), ("Syncthing", "Sync"), ("Nextcloud", "Nextcloud"), ("OneDrive", "OneDrive"))
ONEDRIVE_VARIABLES = (("OneDrive", "OneDrive"), ("OneDriveConsumer", "OneDrive (personal)"),
                      ("OneDriveCommercial", "OneDrive (work or school)"))
CLOUD_STORAGE = ("Library", "CloudStorage")  # macOS: the File Provider folders of the sync apps
CLOUD_STORAGE_NAMES = {"GoogleDrive": "Google Drive"}


@dataclass(frozen=True)
class SyncFolder:
    app: str  # the sync app, in its own name
    path: str  # absolute


def _cloud_storage(home: str) -> list[SyncFolder]:
    """macOS's File Provider folders, each named `App` or `App-account` (`OneDrive-Personal`,
    `GoogleDrive-alex@example.com`), in name order."""
    folder = os.path.join(home, *CLOUD_STORAGE)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    found = []
    for name in names:
        app = name.split("-", 1)[0]
        found.append(SyncFolder(CLOUD_STORAGE_NAMES.get(app, app), os.path.join(folder, name)))
    return found


def found(home: str | None = None, environ: Mapping[str, str] | None = None,
          platform: str = sys.platform) -> list[SyncFolder]:
    """The sync apps' folders on this computer, each once, in the order above."""
    home = home or os.path.expanduser("~")
    environ = os.environ if environ is None else environ
    candidates = [SyncFolder(app, os.path.join(home, name)) for app, name in IN_HOME]
    candidates += [SyncFolder(app, environ[name]) for name, app in ONEDRIVE_VARIABLES
                   if os.path.isabs(environ.get(name) or "")]
    if platform == "darwin":
        candidates += _cloud_storage(home)
    seen: set[str] = set()
    listed = []
    for candidate in candidates:
        real = os.path.realpath(candidate.path)
        if real in seen or not os.path.isdir(candidate.path):
            continue
        seen.add(real)
        listed.append(SyncFolder(candidate.app, os.path.abspath(candidate.path)))
    return listed
