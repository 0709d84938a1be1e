"""The lease folder: a folder the player already syncs between their computers (`[devices] folder`), where each
computer keeps one lease file per account it plays, so that a launch on one computer knows the account plays on
another. No server and no account of prelaunch's: the player's own sync engine carries the files.

Each computer writes only its own files (see `lease`): by a temporary file and a rename, retried for a few
seconds where a sync client holds the file (Windows), and ends a lease by writing `released` into it, never by
deleting it (a deletion travels later than a change and loses to one). Reading skips what is not a lease file,
counts a computer's file and its conflict copies once (the newest), and skips a damaged or foreign file with
one line saying so. Files prelaunch creates here are owner-only (0600; the folder, when prelaunch creates it,
0700): sync engines run as the player and carry the mode along.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from prelaunch import fileio
from prelaunch.session.lease import RELEASED, Lease, decode, encode, parse_name

FILE_CAP = 64 * fileio.KIB  # a lease is about 400 bytes
FILE_MODE = 0o600
FOLDER_MODE = 0o700
WRITE_WAIT_S = 3.0  # a sync client holding the file lets go within this (Windows), or the write is skipped
RETRY_S = 0.1
SETTLE_S = 0.2  # the longest a read waits for a sync engine to finish replacing a lease file
SETTLE_STEP_S = 0.02


def folder_path(configured: str) -> str:
    """The folder `[devices] folder` names: `~` and a relative path start at the player's home folder (never at
    whatever folder a launcher runs prelaunch in)."""
    return os.path.abspath(os.path.join(os.path.expanduser("~"), os.path.expanduser(configured)))


def written(folder: str) -> str:
    """How `[devices] folder` names `folder` for a player to read: `~/…` inside the home folder, which
    `folder_path` reads back as the same folder; the absolute path elsewhere."""
    home, full = os.path.expanduser("~"), os.path.abspath(folder)
    try:
        inside = os.path.relpath(full, home)
    except ValueError:  # another drive (Windows)
        return full
    if inside == os.curdir:
        return "~"
    if os.path.isabs(inside) or inside == os.pardir or inside.startswith(os.pardir + os.sep):
        return full
    return "~/" + inside.replace(os.sep, "/")


def computer_name(configured: str = "") -> str:
    """How this computer is shown to the others: `[devices] name`, else the host name."""
    host = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    return configured.strip() or host or "this computer"


def shown(name: str) -> str:
    """A file name for a line of text: as it is when it is printable, else escaped."""
    return name if name.isprintable() else ascii(name)


@dataclass
class Scan:
    """What the folder holds: the other computers' leases (one per computer and account, the newest of its
    copies), one line per file skipped, the other computers' ids seen, and, when one account was asked for,
    every copy of this computer's own file of it (`own`: to see whether another computer writes it too)."""

    leases: list[Lease] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    computers: set[str] = field(default_factory=set)
    own: list[Lease] = field(default_factory=list)


_VANISHED = "vanished"


def _read(path: str, name: str, device: str, account: str, skipped: list[str]) -> Lease | str | None:
    """The lease in a file; _VANISHED when it was removed since the listing (being replaced); None, with a
    line in `skipped`, when it cannot be read or is no lease."""
    try:
        return decode(fileio.read(path, FILE_CAP, follow_symlinks=False), device, account)
    except FileNotFoundError:
        return _VANISHED
    except OSError as exc:
        skipped.append(f"{shown(name)}: not read ({exc.strerror or type(exc).__name__})")
    except ValueError as exc:
        skipped.append(f"{shown(name)}: skipped, {exc}")
    return None


def _downloading(name: str) -> str | None:
    """The file a sync engine's download temporary `name` is about to become: Syncthing's `.syncthing.NAME.tmp`
    (`~syncthing~NAME.tmp` on Windows), the Nextcloud client's `.NAME.~` and 8 hex digits."""
    for prefix, suffix in ((".syncthing.", ".tmp"), ("~syncthing~", ".tmp")):
        if name.startswith(prefix) and name.endswith(suffix):
            return name[len(prefix):-len(suffix)]
    head, tilde, tail = name.rpartition(".~")
    return head[1:] if tilde and head.startswith(".") and len(tail) == 8 else None


def _scan_once(folder: str, own_device: str, account: str | None) -> tuple[Scan, bool]:
    """(what the folder holds, whether a lease file of interest was being replaced while it was read)."""
    found = Scan()
    newest: dict[tuple[str, str], Lease] = {}
    names: set[str] = set()
    arriving: set[str] = set()
    vanished = False
    with os.scandir(folder) as entries:
        for entry in entries:
            names.add(entry.name)
            parsed = parse_name(entry.name)
            if parsed is None:
                target = _downloading(entry.name)
                if target and (account is None or (parse_name(target) or ("", ""))[1] == account):
                    arriving.add(target)
                continue  # a sync engine's temporary file, the player's own files, another program's
            device, owner, _mark = parsed
            if device != own_device:
                found.computers.add(device)
            if account is None and device == own_device or account is not None and owner != account:
                continue
            lease = _read(entry.path, entry.name, device, owner, found.skipped)
            if not isinstance(lease, Lease):
                vanished = vanished or lease == _VANISHED
                continue
            if device == own_device:
                found.own.append(lease)
            elif (device, owner) not in newest or lease.newer_than(newest[(device, owner)]):
                newest[(device, owner)] = lease
    found.leases = sorted(newest.values(), key=lambda lease: (lease.account_name, lease.computer, lease.device))
    return found, vanished or bool(arriving - names)


def scan(folder: str, own_device: str, account: str | None = None, settle_s: float = SETTLE_S,
         sleep: Callable[[float], None] = time.sleep) -> Scan:
    """Read the folder; with `account`, only that account's files are opened. Raises OSError when the folder
    cannot be listed.

    Syncthing replaces a file by removing it and then renaming its download into place
    (lib/model/folder_sendrecv.go, performFinish: deleteItemOnDisk, then osutil.RenameOrCopy), so for a moment
    a lease is missing beside its `.syncthing.NAME.tmp`: the folder is read again, for at most `settle_s`."""
    end = time.monotonic() + settle_s
    while True:
        found, replacing = _scan_once(folder, own_device, account)
        if not replacing or time.monotonic() >= end:
            return found
        sleep(SETTLE_STEP_S)


def make_folder(folder: str) -> None:
    """The lease folder, created (0700) when the folder it goes in exists; a folder whose parent is missing is
    not made (the sync engine's folder is gone, and a folder made here would sync nowhere). Raises OSError."""
    if os.path.isdir(folder):
        return
    parent = os.path.dirname(folder)
    if not os.path.isdir(parent):
        raise FileNotFoundError(2, "the folder it should be in is missing", parent)
    try:
        os.mkdir(folder, FOLDER_MODE)
    except FileExistsError:
        if not os.path.isdir(folder):
            raise


def write(folder: str, lease: Lease, wait_s: float = WRITE_WAIT_S, sleep: Callable[[float], None] = time.sleep,
          ) -> None:
    """Replace this computer's file of the lease's account: a temporary file beside it, then a rename, retried
    while the file is held (PermissionError, as a sync client causes on Windows) for at most `wait_s`. Raises
    OSError when it cannot."""
    path = os.path.join(folder, lease.file_name())
    data = encode(lease)
    end = time.monotonic() + wait_s
    while True:
        try:
            fileio.write(path, data, mode=FILE_MODE)
            return
        except PermissionError:
            if time.monotonic() >= end:
                raise
            sleep(RETRY_S)


def remove_released(folder: str, own_device: str) -> list[str]:
    """Uninstall's end of this computer's leases, the one time a lease file is deleted (this computer writes no
    more): its files (conflict copies too) whose game has ended go; the paths of those left, which still say a
    game plays or cannot be read. Other computers' files and the player's own are never touched."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    left = []
    for name in names:
        parsed = parse_name(name)
        if parsed is None or parsed[0] != own_device:
            continue
        path = os.path.join(folder, name)
        try:
            if decode(fileio.read(path, FILE_CAP, follow_symlinks=False), own_device, parsed[1]).state == RELEASED:
                os.unlink(path)
                continue
        except (OSError, ValueError):
            pass
        left.append(path)
    return left
