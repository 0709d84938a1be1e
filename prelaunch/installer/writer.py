"""The declared interface of the installer's writers (as platformdirs declares its `PlatformDirsABC` and
has one module per platform): one module per kind of launcher file, each writing a planned change into its
file and giving a file back from its manifest entry.

- "ini": Prism Launcher's and MultiMC's prismlauncher.cfg / multimc.cfg and instance.cfg (`installer.prism`);
- "sqlite": the Modrinth App's app.db, 0.8 and newer (`installer.modrinth`);
- "json": the Modrinth App's settings.json and profile.json, 0.7 and older (`installer.modrinth_legacy`).

Every write goes through the run's journal, passed in: the writer records in it each backup it creates and
each content it writes, before doing so. None means a write that is itself a rollback: not recorded."""

from __future__ import annotations

from typing import Protocol

from prelaunch.installer.changes import FileChange
from prelaunch.installer.journal import Journal
from prelaunch.installer.records import FileEntry, Manifest


class Writer(Protocol):
    """What the transaction calls on the module that writes one kind of file (`transaction.WRITERS`)."""

    def apply(self, change: FileChange, manifest: Manifest, journal: Journal | None) -> bool:
        """Write the change into its file (backed up before its first change) and record it in the manifest;
        False when the file already says exactly that."""
        ...

    def restore(self, path: str, entry: FileEntry, journal: Journal | None) -> str:
        """Take prelaunch's settings out of the file as `entry` recorded them, keeping what the player changed
        since; one line saying what was done."""
        ...
