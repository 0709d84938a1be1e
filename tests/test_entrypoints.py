"""The scripts launchers run, and the Windows form of the commands (faked: it cannot run here)."""

import os
import subprocess
import sys

from prelaunch import entrypoints


def test_posix_scripts_run_prelaunch_isolated_from_the_working_dir(home, tmp_path):
    scripts = entrypoints.write(str(tmp_path / "bin dir"), python=sys.executable)
    check = scripts["check"][0]
    assert os.access(check, os.X_OK) and entrypoints.present(str(tmp_path / "bin dir"))
    shadow = tmp_path / "instance"
    (shadow / "prelaunch").mkdir(parents=True)
    (shadow / "prelaunch" / "__init__.py").write_text("raise SystemExit('the instance folder shadowed prelaunch')")
    result = subprocess.run([check, "--ui", "none"], cwd=shadow, capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0 and "prelaunch" in result.stdout, result.stderr
    game = subprocess.run([scripts["wrap"][0], sys.executable, "-c", "import sys; sys.exit(5)"], cwd=shadow,
                          timeout=60, stdin=subprocess.DEVNULL)
    assert game.returncode == 5


def test_windows_commands_use_pythonw_and_forward_slashes(monkeypatch, tmp_path):
    python = tmp_path / "venv" / "Scripts" / "python.exe"
    python.parent.mkdir(parents=True)
    (python.parent / "pythonw.exe").write_text("")
    monkeypatch.setattr(os, "name", "nt")
    found = entrypoints.commands(directory="C:\\Users\\Zoë\\AppData\\Local\\prelaunch\\bin", python=str(python))
    assert found["check"][0].endswith("/venv/Scripts/pythonw.exe")
    assert found["check"][1:] == ["C:/Users/Zoë/AppData/Local/prelaunch/bin/prelaunch_entry.pyw", "check"]
    assert found["wrap"][-2:] == ["wrap", "--"]
