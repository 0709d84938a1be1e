"""The one-step file replace: a launcher's file keeps its own permissions, whatever umask the writer runs
under."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _write_under_umask(umask: int, path: Path, arguments: str) -> None:
    """atomicfile.write(path, b"new", <arguments>) in a process of its own with `umask` (a umask is the whole
    process's: this one's stays as it is)."""
    code = (f"import os; os.umask({umask:#o}); from prelaunch import atomicfile; "
            f"atomicfile.write({str(path)!r}, b'new', {arguments})")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
@pytest.mark.parametrize("mode", [0o664, 0o644, 0o755], ids=oct)
def test_a_launcher_file_keeps_its_mode_under_a_narrowing_umask(tmp_path, mode):
    """A launcher's file shared with its group (or a script others run) keeps that mode when prelaunch, started
    with umask 077, replaces it: the temporary file is created narrowed by the umask and set back before the
    rename."""
    target = tmp_path / "instance.cfg"
    target.write_bytes(b"old")
    target.chmod(mode)
    _write_under_umask(0o077, target, "keep_mode=True")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_an_asked_mode_is_given_under_a_narrowing_umask(tmp_path):
    """`mode` is the new file's mode as asked (the `prelaunch` command is 0755), not narrowed by the umask."""
    target = tmp_path / "prelaunch"
    _write_under_umask(0o077, target, "mode=0o755")
    assert stat.S_IMODE(target.stat().st_mode) == 0o755
