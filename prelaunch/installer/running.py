"""Is a launcher running? It rewrites its settings from memory (Prism and MultiMC when the window closes,
the Modrinth App on every save), so an install while it runs would be undone."""

from __future__ import annotations

import os

# Process names per launcher, without ".exe", lower case. Modrinth App: "Modrinth App" on Windows and macOS
# (mainBinaryName in its tauri.conf.json), "ModrinthApp" in its Linux AppImage, "modrinth-app-wrapped" in the
# Flathub build (from that build's manifest); "modrinth-app", "theseus_gui" and "theseus" are the names of the
# Tauri 1 era (0.7 and older), inferred from its packaging [unverified].
PROCESS_NAMES = {
    "prism": {"prismlauncher", "polymc"},
    "multimc": {"multimc"},
    "modrinth": {"modrinth app", "modrinthapp", "modrinth-app-wrapped", "modrinth-app", "theseus_gui", "theseus"},
}


def launcher_processes(kinds: set[str]) -> list[tuple[str, int, str]]:
    """(launcher kind, pid, process name) of each running launcher of those kinds."""
    import psutil

    wanted = {name: kind for kind in kinds for name in PROCESS_NAMES[kind]}
    found = []
    for proc in psutil.process_iter(["name"]):
        name = (proc.info["name"] or "")
        key = name.lower()[:-4] if name.lower().endswith(".exe") else name.lower()
        if key in wanted and proc.pid != os.getpid():
            found.append((wanted[key], proc.pid, name))
    return found
