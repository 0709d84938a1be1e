"""Lines of the hosts file that send a Minecraft or Microsoft sign-in host somewhere else (alt-account tools
leave them behind)."""

from __future__ import annotations

import os
import sys
from typing import NamedTuple

from prelaunch import fileio

WATCHED_SUFFIXES = (".mojang.com", ".minecraft.net", ".minecraftservices.com", ".xboxlive.com", ".live.com")
WATCHED_NAMES = ("mojang.com", "minecraft.net", "minecraftservices.com", "xboxlive.com", "live.com",
                 "login.microsoftonline.com")


class Redirect(NamedTuple):
    number: int  # line number, from 1
    line: str  # the line as written, stripped
    names: tuple[str, ...]  # the watched names it sends elsewhere, lowercase


def default_path() -> str:
    if sys.platform == "win32":
        return os.path.join(os.environ.get("SystemRoot", r"C:\Windows"), "System32", "drivers", "etc", "hosts")
    return "/etc/hosts"


def _normal(name: str) -> str:
    return name.lower().rstrip(".")


def watched(name: str, extra: tuple[str, ...] = ()) -> bool:
    name = _normal(name)
    return name in WATCHED_NAMES or name in extra or name.endswith(WATCHED_SUFFIXES)


def redirects(path: str = "", extra_hosts: tuple[str, ...] = ()) -> list[Redirect]:
    """Each entry naming a watched host (or one of `extra_hosts`); nothing when the file cannot be read."""
    extra = tuple(_normal(host) for host in extra_hosts if host)
    try:
        lines = fileio.read(path or default_path(), fileio.HOSTS_FILE).decode("utf-8", "replace").splitlines()
    except OSError:
        return []
    found = []
    for number, line in enumerate(lines, 1):
        fields = line.split("#", 1)[0].split()
        names = tuple(_normal(name) for name in fields[1:] if watched(name, extra))
        if names:
            found.append(Redirect(number, line.strip(), names))
    return found
