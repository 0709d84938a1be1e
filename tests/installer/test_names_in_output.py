"""What install and uninstall print names instances by their folders and shows the commands found in them: a
folder or a command with a line break or terminal controls is shown as written, on its own line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.hostile_names import FAKE_ALL_GOOD, FAKE_LINE, SHOWN, TERMINAL, raw_control

QtCore = pytest.importorskip("PySide6.QtCore")


def prism_dir_with_instance(folder: str, command: str) -> Path:
    """Prism's data dir with one instance in `folder` whose own pre-launch command is `command` (written by Qt's
    QSettings, as Prism saves it)."""
    data = Path(os.environ["XDG_DATA_HOME"]) / "PrismLauncher"
    (data / "instances" / folder / "minecraft").mkdir(parents=True)
    (data / "prismlauncher.cfg").write_text("[General]\nConfigVersion=1.2\nInstanceDir=instances\n", encoding="utf-8")
    settings = QtCore.QSettings(str(data / "instances" / folder / "instance.cfg"), QtCore.QSettings.Format.IniFormat)
    for key, value in (("ConfigVersion", "1.2"), ("InstanceType", "OneSix"), ("name", folder),
                       ("OverrideCommands", "true"), ("PreLaunchCommand", command)):
        settings.setValue(key, value)
    settings.sync()
    return data


def run(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "prelaunch", *args], capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    return result.stdout.splitlines()


@pytest.mark.parametrize("name", [FAKE_LINE, TERMINAL])
def test_install_and_uninstall_show_folders_and_commands_as_written(home, name):
    prism_dir_with_instance(name, f"echo {name}")
    for args in (("install", "--dry-run"), ("install", "--yes"), ("uninstall", "--dry-run"), ("uninstall", "--yes")):
        lines = run(*args)
        assert all(raw_control(line) == [] for line in lines), (args, lines)
        assert not any(line.startswith(FAKE_ALL_GOOD) for line in lines), (args, lines)
        assert any(f"instances/{SHOWN[name]}/instance.cfg" in line for line in lines), (args, lines)
        if args[0] == "install":
            assert any(f"PreLaunchCommand: echo {SHOWN[name]} -> " in line for line in lines), (args, lines)
