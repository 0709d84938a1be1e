"""The `prelaunch` command in ~/.local/bin: the folders install makes for it are journaled like every file it
creates, so a failed or killed install takes them away again, and recorded in the manifest for uninstall."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from prelaunch import installer
from prelaunch.installer import user_command
from prelaunch.installer.records import empty_manifest

PLACE_THEN_DIE = """
import os, signal, sys
from prelaunch.installer import Transaction, user_command
from prelaunch.installer.records import empty_manifest
with Transaction("install", empty_manifest()) as txn:
    user_command.place(sys.executable, txn.journal)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_failed_install_takes_away_the_folders_it_made_for_the_command(home, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "new home"))  # no ~/.local: both it and ~/.local/bin are made
    (tmp_path / "new home").mkdir()
    folder = Path(user_command.folder())
    with pytest.raises(RuntimeError), installer.Transaction("install", empty_manifest()) as txn:
        record = user_command.place(sys.executable, txn.journal)
        assert record and record["folders"] == [str(folder.parent), str(folder)]
        raise RuntimeError("stopped after the command was placed")
    assert not folder.parent.exists() and not txn.failures
    assert (tmp_path / "new home").is_dir()


def test_a_killed_install_s_folders_go_at_the_next_run(home):
    folder = Path(user_command.folder())
    killed = subprocess.run([sys.executable, "-c", PLACE_THEN_DIE], env=os.environ, timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert os.path.lexists(user_command.path()) and installer.interrupted()
    assert installer.recover()
    assert not folder.exists() and not installer.interrupted()


def test_a_second_install_keeps_the_record_of_the_folder_the_first_one_made(home):
    folder = Path(user_command.folder())
    with installer.Transaction("install", empty_manifest()) as txn:
        first = user_command.place(sys.executable, txn.journal)
    with installer.Transaction("install", empty_manifest()) as txn:
        second = user_command.place(sys.executable, txn.journal, first)
    assert first and second and second["folders"] == first["folders"] == [str(folder)]
    assert user_command.remove(second) and not folder.exists()
