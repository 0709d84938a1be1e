"""The records the installer keeps on disk, as JSON objects: the manifest (what install changed, for uninstall)
and the journal (what a run is changing, for a rollback). Typed dicts, because they are read back as written
by any earlier prelaunch: a key an older one did not write is optional here."""

from __future__ import annotations

from typing import TypedDict


class SettingRecord(TypedDict):
    """One setting: where in the file (a section, a table row; "" for none), its key, its value before and
    after (None: absent, or SQL NULL), and prelaunch's own command in it ("" when none)."""

    where: str
    key: str
    before: str | None
    after: str | None
    own: str


class _FileEntryKeys(TypedDict):
    kind: str  # the writer: "ini", "sqlite", "json"; "toml" for prelaunch's own configuration file
    backup: str  # the copy made before the first change ("" when there is none)
    settings: list[SettingRecord]


class FileEntry(_FileEntryKeys, total=False):
    """What install changed in one launcher file."""

    launcher: str  # "prism", "multimc", "modrinth"; absent in the oldest manifests
    written: str | None  # sha256 of the bytes written (text files): restored byte for byte while it matches
    made: bool  # prelaunch's configuration file ("toml"): the install created it, so uninstall may remove it


class _CommandKeys(TypedDict):
    path: str


class CommandRecord(_CommandKeys, total=False):
    """The `prelaunch` command put where the user's commands go: a symlink to `link`, or a file whose content
    has the digest `sha256`; `folders`, the folders install created to hold it (outermost first), which
    uninstall removes again when it leaves them empty. Absent: none was created, or an older install did not
    say."""

    link: str
    sha256: str
    folders: list[str]


class _ManifestKeys(TypedDict):
    version: int
    files: dict[str, FileEntry]  # by path


class Manifest(_ManifestKeys, total=False):
    """What prelaunch changed, so that uninstall restores exactly that (even after an upgrade)."""

    command: CommandRecord


class _FileRecordKeys(TypedDict):
    path: str
    kind: str
    launcher: str
    settings: list[SettingRecord]
    before: str | None  # a text file's bytes before the change, base64; None for a database or a new file
    written: list[str]  # sha256 of each content this run wrote into it


class FileRecord(_FileRecordKeys, total=False):
    """The journal's record of one launcher file, written before the file changes."""

    untouched: bool  # a database whose transaction was rolled back: nothing to undo
    removed: bool  # the run removes the file: a rollback writes it back from its bytes before


class JournalData(TypedDict):
    """One run, as the journal holds it: the run, the manifest as it was (None: there was none), every file
    about to change, every file the run created."""

    version: int
    command: str
    pid: int
    started: float
    manifest: Manifest | None
    files: list[FileRecord]
    created: list[str]


def empty_manifest() -> Manifest:
    return {"version": 1, "files": {}}
