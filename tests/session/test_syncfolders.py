"""The sync apps' folders the installer offers for [devices]: where each app puts its folder, found in a HOME of
the test's own, the OneDrive variables (read on every system) pointing at folders of the test's own, and macOS's
CloudStorage folders (the listing is given macOS as its system: only the names of folders are read)."""

from __future__ import annotations

import os

from prelaunch.session import syncfolders
from prelaunch.session.syncfolders import SyncFolder


def test_each_apps_folder_in_home_is_found_in_order_and_only_when_there(tmp_path):
    home = tmp_path / "home"
    for name in ("OneDrive", "Nextcloud", "Dropbox"):
        (home / name).mkdir(parents=True)
    (home / "Sync").write_text("a file, not Syncthing's folder")
    assert syncfolders.found(str(home), {}, "linux") == [
        SyncFolder("Dropbox", str(home / "Dropbox")), SyncFolder("Nextcloud", str(home / "Nextcloud")),
        SyncFolder("OneDrive", str(home / "OneDrive"))]
    (home / "Sync").unlink()
    (home / "Sync").mkdir()
    assert [f.app for f in syncfolders.found(str(home), {}, "linux")] == ["Dropbox", "Syncthing", "Nextcloud",
                                                                         "OneDrive"]


def test_the_onedrive_variables_name_folders_each_counted_once(tmp_path):
    home = tmp_path / "home"
    (home / "OneDrive").mkdir(parents=True)
    work, personal = tmp_path / "OneDrive - Contoso", tmp_path / "Personal"
    work.mkdir()
    personal.mkdir()
    environ = {"OneDrive": str(home / "OneDrive"), "OneDriveConsumer": str(personal),
               "OneDriveCommercial": str(work)}
    assert syncfolders.found(str(home), environ, "win32") == [
        SyncFolder("OneDrive", str(home / "OneDrive")), SyncFolder("OneDrive (personal)", str(personal)),
        SyncFolder("OneDrive (work or school)", str(work))]
    nothing = {"OneDrive": "", "OneDriveConsumer": "relative", "OneDriveCommercial": str(tmp_path / "gone")}
    assert syncfolders.found(str(tmp_path / "empty"), nothing, "win32") == []


def test_the_real_environment_and_home_are_read_by_default(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Nextcloud").mkdir()
    monkeypatch.setenv("OneDriveCommercial", str(tmp_path / "Work"))
    (tmp_path / "Work").mkdir()
    for name in ("OneDrive", "OneDriveConsumer"):
        monkeypatch.delenv(name, raising=False)
    assert [(f.app, f.path) for f in syncfolders.found()] == [
        ("Nextcloud", str(tmp_path / "Nextcloud")), ("OneDrive (work or school)", str(tmp_path / "Work"))]


def test_macos_cloud_storage_folders_are_found_and_a_link_to_one_counts_once(tmp_path):
    home = tmp_path / "home"
    storage = home / "Library" / "CloudStorage"
    for name in ("Dropbox", "OneDrive-Personal", "GoogleDrive-alex@example.com", "Box-Box"):
        (storage / name).mkdir(parents=True)
    os.symlink(storage / "Dropbox", home / "Dropbox")  # as the Dropbox app on File Provider leaves it
    assert syncfolders.found(str(home), {}, "darwin") == [
        SyncFolder("Dropbox", str(home / "Dropbox")), SyncFolder("Box", str(storage / "Box-Box")),
        SyncFolder("Google Drive", str(storage / "GoogleDrive-alex@example.com")),
        SyncFolder("OneDrive", str(storage / "OneDrive-Personal"))]
    assert syncfolders.found(str(home), {}, "linux") == [SyncFolder("Dropbox", str(home / "Dropbox"))]

