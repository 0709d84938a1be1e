"""The scripts launchers run, and the Windows form of the commands (faked: it cannot run here)."""

import os
import subprocess
import sys

from prelaunch.installer import entrypoints


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


def test_scripts_skip_site_but_name_every_folder_it_would_add(home, tmp_path):
    """An environment whose packages come in through a .pth file (as the test environment's do here): the
    script starts Python with -S and lists that folder itself, so prelaunch and its dependencies are found."""
    import site
    import venv
    from pathlib import Path

    env_dir = tmp_path / "env ü"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = str(env_dir / "bin" / "python")
    own_site = subprocess.run([python, "-c", "import site; print(site.getsitepackages()[0])"], capture_output=True,
                              text=True, check=True).stdout.strip()
    root = str(Path(__file__).resolve().parents[1])
    Path(own_site, "elsewhere.pth").write_text("\n".join([root, *site.getsitepackages()]) + "\n")
    dirs = entrypoints.import_dirs(python)
    assert dirs[0] == root and own_site in dirs and set(site.getsitepackages()) <= set(dirs)
    check = entrypoints.write(str(tmp_path / "bin"), python=python)["check"][0]
    script = open(check, encoding="utf-8").read()
    assert " -I -S -c " in script
    # No instance here, so the check looks in every launcher's known places, which needs platformdirs: a
    # package of the test environment, found only through the .pth file.
    probe = subprocess.run([check, "--ui", "none"], capture_output=True, text=True, timeout=60, cwd=tmp_path,
                           stdin=subprocess.DEVNULL)
    assert probe.returncode == 0 and "No launcher instance found" in probe.stdout, probe.stdout + probe.stderr
    assert "internal error" not in probe.stdout


def test_a_python_that_cannot_say_gets_site_back(tmp_path):
    assert entrypoints.import_dirs("/bin/false") is None
    check = entrypoints.write(str(tmp_path / "bin"), python="/bin/false")["check"][0]
    assert "exec '/bin/false' -I -c 'import sys; from prelaunch.cli" in open(check, encoding="utf-8").read()
