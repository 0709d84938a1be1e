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

import pytest

from tests.helpers.checkout import copy_sources
from tests.helpers.homes import home  # noqa: F401 - the installer tests' HOME, with a space and "ë"
from tests.helpers.installs import qt_value, snapshot, write_prism_dir
from tests.helpers.parsers import qprocess_split

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of this checkout's sources to install from (`copy_sources`)."""
    return copy_sources(tmp_path_factory.mktemp("checkout"))


def prepare_environment(data_home: Path) -> Path:
    target = data_home / "prelaunch" / "venv"
    venv.EnvBuilder(with_pip=False).create(target)  # pip, setuptools: the test environment's, through the .pth
    python = target / "bin" / "python"
    own_site = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                              capture_output=True, text=True, check=True).stdout.strip()
    Path(own_site, "test-environment.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return python


def install_py(checkout: Path, *args: str, path: str = "/usr/bin:/bin") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(checkout / "install.py"), *args], capture_output=True, text=True,
                          env=dict(os.environ, PIP_NO_INDEX="1", PATH=path), timeout=300, stdin=subprocess.DEVNULL)


def test_install_py_registers_and_uninstall_restores(checkout):
    data_home = Path(os.environ["XDG_DATA_HOME"])
    prism = write_prism_dir(data_home / "PrismLauncher")
    before = snapshot(prism)
    python = prepare_environment(data_home)
    result = install_py(checkout, "--offline", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Installing prelaunch" in result.stdout and "changed:" in result.stdout
    check = data_home / "prelaunch" / "bin" / "prelaunch-check"
    assert qprocess_split(qt_value(prism / "prismlauncher.cfg", "PreLaunchCommand"))[0] == str(check)
    assert f"exec {shlex.quote(str(python))} -I -m prelaunch check" in check.read_text()
    version = subprocess.run([str(python), "-m", "prelaunch", "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("prelaunch ")
    imported = subprocess.run([str(python), "-I", "-c", "import prelaunch; print(prelaunch.__file__)"],
                              capture_output=True, text=True).stdout
    assert Path(imported.strip()).is_relative_to(python.parents[1])  # installed into the environment itself
    # `prelaunch` where the user's commands go (~/.local/bin), said to be off PATH, with how to run it meanwhile
    command = Path(os.environ["HOME"]) / ".local" / "bin" / "prelaunch"
    assert os.readlink(command) == str(python.parent / "prelaunch")
    assert f"{command.parent}, which is not on your PATH" in result.stdout
    assert f"Meanwhile: {python.parent / 'prelaunch'} doctor" in result.stdout
    on_path = subprocess.run(["prelaunch", "--version"], capture_output=True, text=True, timeout=60,
                             env=dict(os.environ, PATH=f"{command.parent}:/usr/bin:/bin"))
    assert on_path.stdout.startswith("prelaunch ")
    result = install_py(checkout, "--uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(prism) == before
    assert not (data_home / "prelaunch" / "venv").exists() and not check.exists()
    assert not os.path.lexists(command) and not command.parent.exists()  # ~/.local/bin: made by the install
    assert not (data_home / "prelaunch").exists() and "Removed prelaunch's private environment" in result.stdout
    left = [p for root in (data_home / "prelaunch", Path(os.environ["XDG_CACHE_HOME"]) / "prelaunch",
                           Path(os.environ["XDG_STATE_HOME"]) / "prelaunch") if root.exists()
            for p in root.rglob("*") if p.is_file()]
    assert all("/log/" in str(p) for p in left), left  # no trace but the log


def test_no_launcher_says_so_and_demonstrates_doctor(home, checkout):  # noqa: F811 - the fixture imported above
    prepare_environment(Path(os.environ["XDG_DATA_HOME"]))
    result = subprocess.run([sys.executable, str(checkout / "install.py"), "--offline"],
                            env=dict(os.environ, PIP_NO_INDEX="1"), capture_output=True, text=True, timeout=300,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No launcher found" in result.stdout and "prelaunch 0.1.0 doctor" in result.stdout


def test_install_py_keeps_the_environment_while_a_launcher_still_runs_the_scripts(checkout):
    """The scripts start the environment's Python: while some launcher file names them, neither goes."""
    from tests.helpers.builders import FIXTURE_UUID, dashed, mint_jwt, write_modrinth

    data_home = Path(os.environ["XDG_DATA_HOME"])
    write_prism_dir(data_home / "PrismLauncher")
    write_modrinth(data_home / "ModrinthApp", "0.15+", [(dashed(FIXTURE_UUID), "Steve", mint_jwt(2e9), True)])
    prepare_environment(data_home)
    assert install_py(checkout, "--offline", "--yes").returncode == 0
    (data_home / "prelaunch" / "manifest.json").unlink()  # as if lost: only the launcher files tell
    result = install_py(checkout, "--uninstall", "--yes", "--launcher", "prism")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "still name them" in result.stdout and "Kept " in result.stdout
    assert (data_home / "prelaunch" / "venv" / "bin" / "python").exists()
    assert (data_home / "prelaunch" / "bin" / "prelaunch-wrap").exists()
    result = install_py(checkout, "--uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (data_home / "prelaunch" / "venv").exists() and not (data_home / "prelaunch" / "bin").exists()


# --- options: read before anything is made ----------------------------------------------------------------------

def fake_environment(data_home: Path) -> Path:
    """An "environment" whose Python only writes down each command line it is given (one argument a line, a
    blank line after each run) and succeeds: what install.py would have run, without running it."""
    python = data_home / "prelaunch" / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    log = data_home / "runs.log"
    python.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done >> {shlex.quote(str(log))}\n'
                      f"echo >> {shlex.quote(str(log))}\n")
    python.chmod(0o755)
    return log


def runs(log: Path) -> list[list[str]]:
    return [run.splitlines() for run in log.read_text().split("\n\n") if run] if log.exists() else []


BAD = [["--bogus"], ["--launcher", "nope"], ["--instance"], ["surplus"], ["--yes", "--uninstall", "--dir"],
       ["--offline", "--launcher=prism", "-x"]]


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--uninstall", "--help"], *BAD], ids=" ".join)
def test_help_and_bad_options_make_nothing_and_run_no_pip(args, checkout):
    """No environment yet: --help prints the options and a bad option is refused, and neither makes one (an
    environment is 65 MB) nor installs anything."""
    data_home = Path(os.environ["XDG_DATA_HOME"])
    result = install_py(checkout, *args)
    assert result.returncode == (0 if "-h" in args or "--help" in args else 2), result.stdout + result.stderr
    assert "usage: install.py" in result.stdout + result.stderr
    assert "--launcher {prism,multimc,modrinth}" in result.stdout + result.stderr
    assert not (data_home / "prelaunch").exists()


@pytest.mark.parametrize("args", [["--help"], ["--offline", "--help"], *BAD], ids=" ".join)
def test_help_and_bad_options_run_nothing_in_an_existing_environment(args, checkout):
    log = fake_environment(Path(os.environ["XDG_DATA_HOME"]))
    result = install_py(checkout, *args)
    assert result.returncode in (0, 2) and runs(log) == [], result.stdout + result.stderr


@pytest.mark.parametrize("args,reason", [
    (["--uninstall", "--devices-folder", "/x"], "--devices-folder and --no-devices-folder go with an install, not "
                                                "--uninstall"),
    (["--uninstall", "--no-devices-folder"], "go with an install, not --uninstall"),
    (["--devices-folder", "/x", "--no-devices-folder"], "argument --no-devices-folder: not allowed with argument "
                                                        "--devices-folder")],
    ids=["uninstall with a folder", "uninstall with none", "a folder and none"])
def test_the_devices_options_go_with_an_install_and_alone(args, reason, checkout):
    """Refused with the reason, before anything is made: `prelaunch uninstall` has no such options."""
    result = install_py(checkout, *args)
    assert result.returncode == 2 and reason in result.stderr, result.stdout + result.stderr
    assert not (Path(os.environ["XDG_DATA_HOME"]) / "prelaunch").exists()


def test_options_reach_prelaunch_install_as_given(checkout):
    """Each option reaches `prelaunch install` with its value, a value that starts with '-' included."""
    from prelaunch.cli import _parser

    log = fake_environment(Path(os.environ["XDG_DATA_HOME"]))
    result = install_py(checkout, "--offline", "--yes", "--instance=-odd name", "--launcher", "prism", "--dir", "/x y",
                        "--devices-folder", "-my Dropbox")
    assert result.returncode == 0, result.stdout + result.stderr
    pip, install = runs(log)
    assert pip[:3] == ["-m", "pip", "install"] and "--no-index" in pip
    assert install[:3] == ["-I", "-m", "prelaunch"]
    args = _parser().parse_args(install[3:])
    assert (args.command, args.instance, args.launcher, str(args.dir), args.yes, args.dry_run, args.devices_folder,
            args.no_devices_folder) == ("install", "-odd name", "prism", "/x y", True, False, "-my Dropbox", False)
    assert install_py(checkout, "--offline", "--no-devices-folder").returncode == 0
    args = _parser().parse_args(runs(log)[-1][3:])
    assert (args.devices_folder, args.no_devices_folder, args.yes) == (None, True, False)


def test_install_py_takes_the_options_of_prelaunch_install():
    """install.py's own parser (standard library only, read before the environment exists) offers exactly the
    options of `prelaunch install`, with the same choices, plus its own two; `prelaunch uninstall` takes them all
    but the two about [devices] (install.py refuses those with --uninstall)."""
    import importlib.util

    from prelaunch.cli import _parser

    spec = importlib.util.spec_from_file_location("install_py", ROOT / "install.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def options(parser) -> dict:
        return {tuple(a.option_strings): (a.choices and tuple(a.choices), a.nargs, a.metavar)
                for a in parser._actions if a.option_strings and a.dest != "help"}

    verbs = next(a for a in _parser()._actions if a.choices and "install" in a.choices).choices
    own = options(module.parser())
    assert own.pop(("--uninstall",)) == own.pop(("--offline",)) == (None, 0, None)
    assert own == options(verbs["install"])
    devices = {("--devices-folder",): (None, None, "DIR"), ("--no-devices-folder",): (None, 0, None)}
    assert own == {**options(verbs["uninstall"]), **devices}
