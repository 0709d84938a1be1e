"""mypy (`check_untyped_defs`, `[tool.mypy]` in pyproject.toml) finds no error in the whole package: every
module of prelaunch/ and the hooks shipped in it, the Windows entry script included, as it runs on Linux, on
Windows and on macOS (nothing here can run the code of the other two; mypy reads it for their standard library)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKED = ("prelaunch/**/*.py", "hooks/*.py", "hooks/*.pyw")  # mypy takes a .pyw only when `files` names it


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_mypy_finds_no_error_in_the_package(tmp_path, platform):
    mypy = [sys.executable, "-m", "mypy", "--platform", platform, "--cache-dir", str(tmp_path / "cache")]
    result = subprocess.run(mypy, cwd=ROOT, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    files = {path for pattern in CHECKED for path in ROOT.glob(pattern)}
    assert result.stdout.strip() == f"Success: no issues found in {len(files)} source files"
