"""mypy finds no error in the parts `[tool.mypy]` names: the installer, the command line, the dialogs, the
launchers, the network, the checks but the session check, and the top-level modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKED = ("prelaunch/installer/*.py", "prelaunch/cli/*.py", "prelaunch/ui/*.py", "prelaunch/launchers/*.py",
           "prelaunch/net/*.py", "prelaunch/checks/*.py", "prelaunch/*.py")
NOT_CHECKED = ("prelaunch/checks/session.py",)


def test_mypy_finds_no_error_in_the_checked_parts(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache")], cwd=ROOT,
                            capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    files = {path for pattern in CHECKED for path in ROOT.glob(pattern)} - {ROOT / name for name in NOT_CHECKED}
    assert result.stdout.strip() == f"Success: no issues found in {len(files)} source files"
