"""Is a launcher running on the files an install changes? It rewrites its settings from memory (Prism and
MultiMC when the window closes, the Modrinth App on every save), so a change made while it runs would be
undone. A launcher running on another data folder (a portable Prism, another user's app) is not in the way;
one whose data folder cannot be told is."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping

import psutil

from prelaunch.installer.prism import LAUNCHERS as PRISM_FAMILY
from prelaunch.launchers import modrinth, prism_family

# Process names per launcher, without ".exe", lower case. Modrinth App: "Modrinth App" on Windows and macOS
# (mainBinaryName in its tauri.conf.json), "ModrinthApp" in its Linux AppImage, "modrinth-app-wrapped" in the
# Flathub build (from that build's manifest); "modrinth-app", "theseus_gui" and "theseus" are the names of the
# Tauri 1 era (0.7 and older), inferred from its packaging [unverified].
PROCESS_NAMES = {
    "prism": {"prismlauncher", "polymc"},
    "multimc": {"multimc"},
    "modrinth": {"modrinth app", "modrinthapp", "modrinth-app-wrapped", "modrinth-app", "theseus_gui", "theseus"},
}


def in_the_way(files: Iterable[tuple[str, str]], processes: Iterable[psutil.Process] | None = None,
               ) -> list[tuple[str, int, str]]:
    """(launcher kind, pid, process name) of each running launcher that may write one of `files` ((launcher
    kind, path) pairs) back from memory: of that kind, and working on the data folder that holds the file or
    on a folder that cannot be told. `processes`: the processes to look at (default: every one of this
    machine)."""
    paths: dict[str, list[str]] = {}
    for kind, path in files:
        if kind in PROCESS_NAMES:
            paths.setdefault(kind, []).append(os.path.realpath(path))
    wanted = {name: kind for kind in paths for name in PROCESS_NAMES[kind]}
    found: list[tuple[str, int, str]] = []
    for proc in psutil.process_iter() if processes is None else processes:
        try:
            name = proc.name() or ""
        except (psutil.Error, OSError):
            continue
        launcher = wanted.get(name.lower().removesuffix(".exe"))
        if launcher is None or proc.pid == os.getpid():
            continue
        folders = _folders(launcher, proc)
        if folders is None or any(_within(path, folder) for path in paths[launcher] for folder in folders):
            found.append((launcher, proc.pid, name))
    return found


def _folders(kind: str, proc: psutil.Process) -> list[str] | None:
    """The folders whose launcher files a running launcher writes (none once it ended), None when they
    cannot be told."""
    try:
        if kind in ("prism", "multimc"):
            # Prism and MultiMC make their data folder their working directory at start-up and stay there
            # (PrismLauncher launcher/Application.cpp:348, MultiMC launcher/Application.cpp:356).
            data_dir = proc.cwd()
            return [data_dir, prism_family.instances_dir(data_dir, PRISM_FAMILY[kind].CONFIG_FILE, kind)]
        settings = modrinth_settings_dirs(proc.environ())
    except psutil.NoSuchProcess:  # it ended (a zombie too): it writes nothing any more
        return []
    except (psutil.Error, OSError):
        return None
    if not settings:
        return None
    custom = [modrinth.custom_dir(folder) for folder in settings]
    return settings + [folder for folder in custom if folder]


def modrinth_settings_dirs(env: Mapping[str, str], platform: str = sys.platform) -> list[str]:
    """The settings folders a Modrinth App started with this environment may use: THESEUS_CONFIG_DIR, else
    its `dirs` crate data folder + "ModrinthApp" (modrinth/code packages/app-lib/src/state/dirs.rs:35-37,
    apps/app/tauri.conf.json:68); and the Tauri 1 era's "com.modrinth.theseus" (in the config folder on
    Linux, as `launchers.modrinth` finds it). Empty when the environment names no home."""
    home = env.get("HOME") or ""
    if platform == "win32":
        data = config = env.get("APPDATA") or ""
    elif platform == "darwin":
        data = config = os.path.join(home, "Library", "Application Support") if home else ""
    else:  # the XDG base directories, as the dirs crate reads them: an absolute value, else the default
        data = _xdg(env, "XDG_DATA_HOME", home, ".local/share")
        config = _xdg(env, "XDG_CONFIG_HOME", home, ".config")
    found = [env["THESEUS_CONFIG_DIR"]] if env.get("THESEUS_CONFIG_DIR") else []
    found += [os.path.join(data, "ModrinthApp")] if data else []
    found += [os.path.join(config, "com.modrinth.theseus")] if config else []
    return [os.path.realpath(folder) for folder in found]


def _xdg(env: Mapping[str, str], name: str, home: str, default: str) -> str:
    value = env.get(name) or ""
    if os.path.isabs(value):
        return value
    return os.path.join(home, default) if home else ""


def _within(path: str, folder: str) -> bool:
    folder = os.path.realpath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
