"""The package's shape: every module imports on its own in a fresh interpreter, and no two modules import each
other, directly or around a loop (nouns at the bottom, verbs at the top)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers.imports import PACKAGE_DIR, all_modules, cycles, import_graph


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_model_imports_nothing_of_prelaunch():
    assert import_graph()["prelaunch.model"] == set()


@pytest.mark.parametrize("module", all_modules())
def test_every_module_imports_on_its_own(module):
    result = subprocess.run([sys.executable, "-I", "-c", f"import {module}"], capture_output=True, text=True,
                            timeout=60, cwd=PACKAGE_DIR.parent, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("reader, not_loaded", [
    ("prelaunch.launchers.prism_accounts", ("prelaunch.launchers.modrinth", "sqlite3", "platformdirs")),
    ("prelaunch.launchers.modrinth_db", ("prelaunch.launchers.prism_family", "prelaunch.launchers.ini",
                                         "platformdirs")),
])
def test_one_launcher_reader_imports_without_the_others(reader, not_loaded):
    """The watchdog reads one launcher's account file while the game runs and must stay small: importing that
    reader does not import every launcher module with the package."""
    code = f"import sys, {reader}; print(sorted(set({list(not_loaded)!r}) & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, timeout=60,
                            cwd=PACKAGE_DIR.parent, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
