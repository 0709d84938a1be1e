"""prelaunch's own configuration file as an install changes it (the installer's "toml" writer): planned, written
in a transaction, rolled back when the run fails or is killed (SIGKILL in a real process, then `recover`), and
given back by uninstall, whose removal of a file the install made is rolled back too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from prelaunch import installer
from prelaunch.installer import config_file, transaction
from prelaunch.installer import manifest as manifest_module

PLAYER = '# mine\n[network]\nenabled = false\n'
KILLED_IN = """
import os, signal, sys
from prelaunch import installer
manifest = installer.load_manifest()
txn = installer.Transaction(sys.argv[1], manifest)
with txn:
    if sys.argv[1] == "install":
        txn.apply(installer.plan_setting("devices", "folder", "~/Dropbox"), manifest)
    else:
        txn.restore(sys.argv[2], manifest["files"][sys.argv[2]])
    os.kill(os.getpid(), signal.SIGKILL)
"""


def killed_in(command: str, *args: str) -> None:
    """A run that changes the configuration file in its transaction and is killed before it ends."""
    done = subprocess.run([sys.executable, "-c", KILLED_IN, command, *args], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr


def installed(folder: str) -> dict:
    """Install's change, committed: the manifest that records it."""
    manifest = installer.load_manifest()
    with installer.Transaction("install", manifest) as txn:
        assert txn.apply(installer.plan_setting("devices", "folder", folder), manifest)
        manifest_module.save(manifest)
    return manifest


@pytest.fixture
def player() -> Path:
    path = Path(os.environ["PRELAUNCH_CONFIG"])
    path.write_text(PLAYER, encoding="utf-8")
    return path


def test_a_plan_says_what_changes_and_nothing_when_it_is_already_so(player):
    change = installer.plan_setting("devices", "folder", "~/Dropbox")
    assert (change.path, change.kind, change.launcher) == (str(player), "toml", "")
    assert [(s.where, s.key, s.before, s.after) for s in change.changed] == [("devices", "folder", None, "~/Dropbox")]
    player.write_text(PLAYER + '[devices]\nfolder = "~/Dropbox"\n', encoding="utf-8")
    assert installer.plan_setting("devices", "folder", "~/Dropbox").changed == []
    player.write_bytes(b"\xff[devices]\n")
    with pytest.raises(installer.SettingUnchangeable, match="is not UTF-8 text"):
        installer.plan_setting("devices", "folder", "~/Dropbox")


def test_a_killed_install_is_rolled_back_by_the_next_run(player):
    killed_in("install")
    assert player.read_text(encoding="utf-8") == PLAYER + '\n[devices]\nfolder = "~/Dropbox"\n'
    assert "back as they were before it" in transaction.recover()
    assert player.read_text(encoding="utf-8") == PLAYER


def test_a_killed_install_that_made_the_file_leaves_neither_it_nor_its_folder(home, monkeypatch):
    made = home / "settings" / "prelaunch" / "config.toml"
    monkeypatch.setenv("PRELAUNCH_CONFIG", str(made))
    killed_in("install")
    assert made.read_text(encoding="utf-8") == '[devices]\nfolder = "~/Dropbox"\n'
    assert transaction.recover()
    assert not (home / "settings").exists()


def test_the_removal_of_a_file_install_made_is_rolled_back(home, monkeypatch):
    made = home / "settings" / "config.toml"
    monkeypatch.setenv("PRELAUNCH_CONFIG", str(made))
    manifest = installed("~/Sync")
    assert manifest["files"][str(made)]["made"] is True
    written = made.read_bytes()
    with pytest.raises(RuntimeError):
        with installer.Transaction("uninstall", manifest) as txn:
            assert txn.restore(str(made), manifest["files"][str(made)]).endswith("removed (the install had made it)")
            assert not made.exists()
            raise RuntimeError("a later file failed")
    assert made.read_bytes() == written and txn.failures == []
    killed_in("uninstall", str(made))  # and killed right after removing it
    assert not made.exists()
    assert transaction.recover()
    assert made.read_bytes() == written


def test_a_file_made_by_install_stays_while_it_holds_the_players_own_settings(home, monkeypatch):
    made = home / "config.toml"
    monkeypatch.setenv("PRELAUNCH_CONFIG", str(made))
    manifest = installed("~/Sync")
    made.write_text('[ui]\nmode = "gui"\n\n' + made.read_text(encoding="utf-8"), encoding="utf-8")
    line = config_file.restore(str(made), manifest["files"][str(made)], None)
    assert line == f"{made}: what the install set is taken out"
    assert made.read_text(encoding="utf-8") == '[ui]\nmode = "gui"\n'


def test_a_second_install_keeps_the_value_from_before_the_first(player):
    installed("~/Sync")
    manifest = installed("~/Dropbox")
    entry = manifest["files"][str(player)]
    assert [(s["before"], s["after"]) for s in entry["settings"]] == [(None, "~/Dropbox")]
    assert config_file.restore(str(player), entry, None).endswith("what the install set is taken out")
    assert player.read_text(encoding="utf-8") == PLAYER
