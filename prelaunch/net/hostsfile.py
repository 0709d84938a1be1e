"""Lines of the hosts file that send a Minecraft or Microsoft sign-in host somewhere else (alt-account tools
leave them behind)."""

from __future__ import annotations

import os
import sys

from prelaunch import readfile

WATCHED_SUFFIXES = (".mojang.com", ".minecraft.net", ".minecraftservices.com", ".xboxlive.com", ".live.com")
WATCHED_NAMES = ("mojang.com", "minecraft.net", "minecraftservices.com", "xboxlive.com", "live.com",
                 "login.microsoftonline.com")


def default_path() -> str:
    if sys.platform == "win32":
        return os.path.join(os.environ.get("SystemRoot", r"C:\Windows"), "System32", "drivers", "etc", "hosts")
    return "/etc/hosts"


def watched(name: str, extra: tuple[str, ...] = ()) -> bool:
    name = name.lower().rstrip(".")
    return name in WATCHED_NAMES or name in extra or name.endswith(WATCHED_SUFFIXES)


def redirects(path: str = "", extra_hosts: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    """(line number, line) of each entry naming a watched host; nothing when the file cannot be read."""
    try:
        lines = readfile.read(path or default_path(), readfile.HOSTS_FILE).decode("utf-8", "replace").splitlines()
    except OSError:
        return []
    found = []
    for number, line in enumerate(lines, 1):
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 2 and any(watched(name, extra_hosts) for name in fields[1:]):
            found.append((number, line.strip()))
    return found
