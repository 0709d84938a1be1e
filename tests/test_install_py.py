"""README's first command for real: `python3 install.py` makes the private environment, installs this
checkout into it, and registers prelaunch in a Prism data dir; `--uninstall` gives everything back.

No package index is contacted: the environment is made first the way install.py makes it (ensurepip is
offline), it sees the test environment's packages through a .pth file, and install.py runs with --offline.
"""

from __future__ import annotations

import os
import shlex
import site
import subprocess
import sys
import venv
from pathlib import Path

from tests.installer.test_prism_install import qt_value, snapshot, write_prism_dir
from tests.parsers import qprocess_split

ROOT = Path(__file__).resolve().parents[1]


def prepare_environment(data_home: Path) -> Path:
    target = data_home / "prelaunch" / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    python = target / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "uninstall", "--quiet", "-y", "setuptools"], check=False,
                   capture_output=True)
    own_site = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                              capture_output=True, text=True, check=True).stdout.strip()
    Path(own_site, "test-environment.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return python


def test_install_py_registers_and_uninstall_restores(home):
    data_home = Path(os.environ["XDG_DATA_HOME"])
    prism = write_prism_dir(data_home / "PrismLauncher")
    before = snapshot(prism)
    python = prepare_environment(data_home)
    env = dict(os.environ, PIP_NO_INDEX="1")
    result = subprocess.run([sys.executable, str(ROOT / "install.py"), "--offline", "--yes"], env=env,
                            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Installing prelaunch" in result.stdout and "changed:" in result.stdout
    check = data_home / "prelaunch" / "bin" / "prelaunch-check"
    assert qprocess_split(qt_value(prism / "prismlauncher.cfg", "PreLaunchCommand"))[0] == str(check)
    assert f"exec {shlex.quote(str(python))} -I -m prelaunch check" in check.read_text()
    version = subprocess.run([str(python), "-m", "prelaunch", "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("prelaunch ")
    result = subprocess.run([sys.executable, str(ROOT / "install.py"), "--uninstall", "--yes"], env=env,
                            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(prism) == before
    assert not (data_home / "prelaunch" / "venv").exists() and not check.exists()
    left = [p for root in (data_home / "prelaunch", Path(os.environ["XDG_CACHE_HOME"]) / "prelaunch",
                           Path(os.environ["XDG_STATE_HOME"]) / "prelaunch") if root.exists()
            for p in root.rglob("*") if p.is_file()]
    assert all("/log/" in str(p) for p in left), left  # no trace but the log


def test_no_launcher_says_so_and_demonstrates_doctor(home):
    prepare_environment(Path(os.environ["XDG_DATA_HOME"]))
    result = subprocess.run([sys.executable, str(ROOT / "install.py"), "--offline"],
                            env=dict(os.environ, PIP_NO_INDEX="1"), capture_output=True, text=True, timeout=300,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No launcher found" in result.stdout and "prelaunch 0.1.0 doctor" in result.stdout
