import shutil
import subprocess

import pytest

from prelaunch.installer import running


@pytest.mark.parametrize("name", ["ModrinthApp", "modrinth-app-wrapped", "Modrinth App"])
def test_modrinth_app_process_names(tmp_path, name):
    """The Linux AppImage's binary, the Flathub build's (longer than the 15 characters Linux keeps of a
    process name) and the Windows/macOS one."""
    fake = tmp_path / name
    shutil.copy("/bin/sleep", fake)
    proc = subprocess.Popen([str(fake), "30"])
    try:
        assert ("modrinth", proc.pid, name) in running.launcher_processes({"modrinth"})
        assert not any(pid == proc.pid for _, pid, _ in running.launcher_processes({"prism", "multimc"}))
    finally:
        proc.kill()
        proc.wait()
