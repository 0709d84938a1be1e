"""The launcher data folders a run is about (the one named by --dir, else every one found on this machine,
narrowed to one launcher), and which of them cannot be set up (a sandboxed build); `running` says which
launchers run on them now."""

from __future__ import annotations

from pathlib import Path

from prelaunch import launchers


def data_dirs(launcher: str | None, folder: Path | None) -> list[tuple[str, Path]]:
    """(launcher kind, data folder) of each folder this run is about: `folder` when it is one (of `launcher`
    when named), else every one found, narrowed to `launcher`."""
    if folder:
        kinds = [launcher] if launcher else list(launchers.MODULES)
        for kind in kinds:
            if launchers.MODULES[kind].is_data_dir(folder):
                return [(kind, Path(folder))]
        return []
    return [(kind, Path(found)) for kind, found in launchers.find_data_dirs(launcher)]


def looked_in(launcher: str | None, folder: Path | None) -> list[str]:
    """Where `data_dirs` looked: `folder`, else every usual place of `launcher` (of every launcher)."""
    if folder:
        return [str(folder)]
    return [str(place) for kind, module in launchers.MODULES.items() if not launcher or kind == launcher
            for place in module.known_data_dirs()]


def known_dirs(launcher: str | None, folder: Path | None) -> list[tuple[str, Path]]:
    """Every launcher data folder on this machine, and the one named by `folder`: where prelaunch's scripts may
    be named."""
    found = [(kind, Path(place)) for kind, place in launchers.find_data_dirs(None)]
    if folder:
        found += [d for d in data_dirs(launcher, folder) if d not in found]
    return found


def sandboxed(folder: Path) -> bool:
    """A Flatpak build's data folder (Prism's, or the Modrinth App's from Flathub) or a snap's (Prism's)."""
    return "/.var/app/" in folder.as_posix() or Path.home() / "snap" in folder.parents

