"""install.py's one copy of platformdirs' rule for the data dir, and the privacy of prelaunch's folders."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from prelaunch import fileio, paths

ROOT = Path(__file__).resolve().parents[1]


def _platformdirs_answer(env: dict) -> str:
    code = "import platformdirs; print(platformdirs.user_data_dir('prelaunch', appauthor=False))"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def _install_py_answer(env: dict) -> str:
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); import install; print(install.user_data_dir())"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.mark.parametrize("xdg_data_home", [None, "", "   ", "relative/share", "./x", "~/share", "/abs/share",
                                           "/abs with space/share"])
@pytest.mark.parametrize("home_value", ["HOME", "relative-home"])
def test_install_py_data_dir_equals_platformdirs(home, xdg_data_home, home_value):
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(home) if home_value == "HOME" else home_value
    if xdg_data_home is not None:
        env["XDG_DATA_HOME"] = xdg_data_home
    assert _install_py_answer(env) == _platformdirs_answer(env)


def test_every_folder_is_platformdirs_own(home):
    """The folders move with HOME and XDG_* (tests rely on it): a different XDG_STATE_HOME moves the locks."""
    assert paths.state_dir() == platformdirs.user_state_dir("prelaunch", appauthor=False)
    assert paths.state_dir().startswith(os.environ["XDG_STATE_HOME"])
    assert paths.cache_dir().startswith(os.environ["XDG_CACHE_HOME"])


def test_private_dir_is_created_and_narrowed_to_owner_only(tmp_path):
    made = paths.private_dir(str(tmp_path / "a" / "b"))
    assert stat.S_IMODE(os.stat(made).st_mode) == 0o700
    wide = tmp_path / "wide"
    wide.mkdir(mode=0o755)
    os.chmod(wide, 0o755)
    paths.private_dir(str(wide))
    assert stat.S_IMODE(os.stat(wide).st_mode) == 0o700


def test_atomic_write_is_owner_only_and_never_follows_a_planted_link(tmp_path):
    target = tmp_path / "record.json"
    victim = tmp_path / "victim"
    victim.write_text("keep")
    os.symlink(victim, f"{target}.{os.getpid()}.tmp")  # planted where the temporary goes
    fileio.write(str(target), b"{}")
    assert victim.read_text() == "keep"
    assert target.read_bytes() == b"{}" and not target.is_symlink()
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_log_is_owner_only(home):
    paths.append_log("a line")
    assert stat.S_IMODE(os.stat(paths.log_file()).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(paths.log_dir()).st_mode) == 0o700


def test_how_to_run_is_what_works_here(home, tmp_path, monkeypatch):
    """The words a dialog uses to name prelaunch: `prelaunch` when the PATH finds it, else the installed
    command's full path, else this interpreter with -m."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert paths.how_to_run() == f"{sys.executable} -m prelaunch"
    installed = Path(paths.user_command())
    installed.parent.mkdir(parents=True)
    installed.write_text("#!/bin/sh\n")
    installed.chmod(0o755)
    assert paths.how_to_run() == str(installed)
    monkeypatch.setenv("PATH", str(installed.parent))
    assert paths.how_to_run() == "prelaunch"
