"""The scripts launchers run, and the Windows form of the commands (faked: it cannot run here)."""

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from prelaunch.installer import entrypoints
from tests.helpers.checkout import copy_sources

ROOT = Path(__file__).resolve().parents[1]


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


def test_scripts_are_the_hooks_folder_with_the_interpreter_filled_in(tmp_path):
    python = str(tmp_path / "env ü" / "bin" / "python")
    scripts = entrypoints.write(str(tmp_path / "bin"), python=python)
    for action, name in (("check", "prelaunch-check"), ("wrap", "prelaunch-wrap")):
        shipped = (ROOT / "hooks" / f"{name}.sh").read_text(encoding="utf-8")
        written = open(scripts[action][0], encoding="utf-8").read()
        assert "@PYTHON@" in shipped and "@PYTHON@" not in written
        assert written == shipped.replace("@PYTHON@", f"'{python}'")
        assert os.stat(scripts[action][0]).st_mode & 0o777 == 0o700


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """A wheel built from this checkout (from a copy of its sources: workers build at the same time)."""
    tmp_path = tmp_path_factory.mktemp("wheel")
    sources = copy_sources(tmp_path_factory.mktemp("sources"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(tmp_path), str(sources)], check=True, timeout=300, stdin=subprocess.DEVNULL)
    return zipfile.ZipFile(next(tmp_path.glob("prelaunch-*.whl")))


@pytest.fixture(scope="module")
def wheel_names(wheel) -> set[str]:
    """The files of the wheel."""
    return set(wheel.namelist())


def test_the_wheel_ships_the_hooks(wheel_names):
    """What gets installed is `hooks/`: a wheel built from this checkout carries it as prelaunch.hooks."""
    names = wheel_names
    for name in ("prelaunch-check.sh", "prelaunch-wrap.sh", "prelaunch_entry.pyw", "README.md"):
        assert f"prelaunch/hooks/{name}" in names


def test_the_wheel_ships_every_package(wheel_names):
    """A package folder added under prelaunch/ and left out of pyproject.toml's list fails here."""
    packages = sorted(p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "prelaunch").rglob("__init__.py"))
    assert "prelaunch/installer" in packages
    assert [p for p in packages if f"{p}/__init__.py" not in wheel_names] == []


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_packages() -> set[str]:
    """The top-level modules outside the standard library that prelaunch's code and hooks import, anywhere."""
    found = set()
    for path in [*(ROOT / "prelaunch").rglob("*.py"), *(ROOT / "hooks").glob("*.py*")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name != "prelaunch"}


@pytest.mark.skipif(sys.version_info < (3, 10), reason="sys.stdlib_module_names tells the standard library")
def test_every_package_prelaunch_imports_is_a_dependency(wheel, wheel_names):
    """A package prelaunch imports that the wheel does not require (it came along with another one, as urllib3
    comes with requests) fails here."""
    metadata = wheel.read(next(n for n in wheel_names if n.endswith(".dist-info/METADATA"))).decode()
    required = {_canonical(re.match(r"[A-Za-z0-9._-]+", line.partition(":")[2].strip()).group())
                for line in metadata.splitlines() if line.startswith("Requires-Dist:") and "extra ==" not in line}
    distributions = importlib.metadata.packages_distributions()
    imported = _imported_packages()
    assert {"requests", "urllib3", "platformdirs", "filelock"} <= imported
    assert {name for name in imported
            if not {_canonical(d) for d in distributions.get(name, [name])} & required} == set()
