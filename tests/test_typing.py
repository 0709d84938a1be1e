"""mypy finds no error in the installer, the command line and the dialogs (the folders `[tool.mypy]` names)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKED = ("prelaunch/installer", "prelaunch/cli", "prelaunch/ui")


def test_mypy_finds_no_error_in_the_installer_the_command_line_and_the_dialogs(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache")], cwd=ROOT,
                            capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    files = sum(1 for folder in CHECKED for _ in (ROOT / folder).glob("*.py"))
    assert result.stdout.strip() == f"Success: no issues found in {files} source files"
