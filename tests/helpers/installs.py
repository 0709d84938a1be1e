"""A Prism data dir as Prism writes it (the `prism_dir` fixture), read back through Qt; `prelaunch install`
and the scripts it writes."""

from __future__ import annotations

import hashlib
import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.builders import FIXTURE_UUID, mint_jwt, prism_account

USER_WRAP = "gamemoderun"


def qt_value(path: Path, key: str):
    """A setting as Qt reads the file (PySide6's QSettings): the oracle for Prism's formats."""
    from PySide6 import QtCore

    return QtCore.QSettings(str(path), QtCore.QSettings.Format.IniFormat).value(key)


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def write_prism_dir(data: Path) -> Path:
    """A Prism data dir as Prism 9 writes it, with a user's own commands and instances of every kind."""
    (data / "instances").mkdir(parents=True)
    (data / "prismlauncher.cfg").write_text(
        "[General]\nConfigVersion=1.2\nInstanceDir=instances\nLanguage=de_DE\n"
        f'PreLaunchCommand="\\"/opt/My Tools/packwiz.sh\\" -g \\"pack url;x\\""\nWrapperCommand={USER_WRAP}\n'
        "PostExitCommand=\n\n[UI]\nMainWindowState=@ByteArray(AAAA)\n", encoding="utf-8")
    account = prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() + 9e4), active=True)
    (data / "accounts.json").write_text(json.dumps({"formatVersion": 3, "accounts": [account]}))
    instances = {
        "own": "[General]\nConfigVersion=1.2\nname=Überleben ✓\nOverrideCommands=true\n"
               "PreLaunchCommand=echo instance-pre\nWrapperCommand=\nPostExitCommand=echo bye\n",
        "own-empty": "[General]\nConfigVersion=1.2\nname=Empty Override\nOverrideCommands=true\n",
        "plain": "[General]\nConfigVersion=1.2\nname=Plain\nOverrideCommands=false\n",
        "legacy": "InstanceType=OneSix\nOverrideCommands=true\nPreLaunchCmd=echo legacy\nname=Legacy\\; one\n",
    }
    for folder, text in instances.items():
        (data / "instances" / folder / "minecraft").mkdir(parents=True)
        (data / "instances" / folder / "instance.cfg").write_text(text, encoding="utf-8")
    return data


def run_cli(*args, cwd=None, env=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "prelaunch", *args], capture_output=True, text=True,
                          cwd=cwd, env=dict(os.environ, **(env or {})), stdin=subprocess.DEVNULL, timeout=60)


def on_a_terminal(typed: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`prelaunch ARGS` with a terminal for its input (a pseudo-terminal) on which `typed` was typed beforehand
    (each answer ends with a newline); its output captured."""
    main, terminal = pty.openpty()
    try:
        os.write(main, typed.encode())
        return subprocess.run([sys.executable, "-m", "prelaunch", *args], stdin=terminal, capture_output=True,
                              text=True, env=dict(os.environ, **(env or {})), timeout=60)
    finally:
        os.close(terminal)
        os.close(main)


@pytest.fixture
def prism_dir(home):
    return write_prism_dir(Path(os.environ["XDG_DATA_HOME"]) / "PrismLauncher")


def installed_scripts() -> tuple[str, str]:
    bin_dir = Path(os.environ["XDG_DATA_HOME"]) / "prelaunch" / "bin"
    return str(bin_dir / "prelaunch-check"), str(bin_dir / "prelaunch-wrap")
