"""This computer's device id: a random id kept in prelaunch's own state dir (owner-only), never in the synced
folder, so each computer names its lease files by an id no other computer has. A computer whose files were
copied to another (a cloned disk, a restored backup) shares its id with that one; the lease folder shows it
(another game's heartbeats in this computer's own file, or in a sync engine's conflict copy of it) and `renew`
gives this one a new id.

Getting the id imports nothing heavy (the watchdog keeps the lease while the game runs, in its 15 MiB): the
first id is made without a lock, by linking a finished file into place, which only one of two processes doing
it at once can do. Renewing, rare, takes the record's `filelock` lock.
"""

from __future__ import annotations

import errno
import json
import os
import re
import time

from prelaunch import atomicfile, paths, readfile

_ID = re.compile(r"[0-9a-f]{16}")


def path(state_dir: str | None = None) -> str:
    return os.path.join(state_dir or paths.state_dir(), "devices", "device.json")


def _stored(file: str) -> str | None:
    try:
        doc = json.loads(readfile.read(file, readfile.KIB, follow_symlinks=False))
    except (OSError, ValueError, RecursionError):
        return None
    found = doc.get("id") if isinstance(doc, dict) else None
    return found if isinstance(found, str) and _ID.fullmatch(found) else None


def current(state_dir: str | None = None) -> str | None:
    """This computer's id when it has one (it gets one when it first keeps a lease): for what only reads."""
    return _stored(path(state_dir))


def _folder(file: str) -> None:
    """The record's folder, 0700 in prelaunch's 0700 state dir; a symlink planted in its place is refused."""
    folder = os.path.dirname(file)
    paths.private_dir(os.path.dirname(folder))
    if os.path.islink(folder):
        raise OSError(errno.ELOOP, "is a symbolic link, not prelaunch's own folder", folder)
    paths.private_dir(folder)


def _new_record() -> tuple[str, bytes]:
    new = os.urandom(8).hex()
    return new, json.dumps({"id": new, "created_at": round(time.time())}).encode()


def get(state_dir: str | None = None) -> str:
    """This computer's id, made on first use (a damaged record gets a new one). Raises OSError when none can
    be kept."""
    file = path(state_dir)
    found = _stored(file)
    if found:
        return found
    _folder(file)
    new, record = _new_record()
    temporary = f"{file}.{os.getpid()}.new"
    atomicfile.write(temporary, record)
    try:
        os.link(temporary, file)  # never over another process's id made meanwhile
        return new
    except FileExistsError:
        found = _stored(file)
        if found:
            return found
        os.replace(temporary, file)  # a damaged record: this one takes its place
        return new
    finally:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass


def renew(old: str, state_dir: str | None = None) -> str:
    """A new id in place of `old`, which another computer also uses; when another process already renewed it,
    that id. Raises OSError when none can be kept."""
    from prelaunch.session import records

    file = path(state_dir)
    _folder(file)
    with records.writer_lock(file):
        current = _stored(file)
        if current and current != old:
            return current
        new, record = _new_record()
        atomicfile.write(file, record)
        return new
