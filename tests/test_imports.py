"""The package's shape: every module imports on its own in a fresh interpreter, and no two modules import each
other, directly or around a loop (nouns at the bottom, verbs at the top). The tests' shape: what they share
lives in tests/helpers/, and no test module imports another. The reading of imports is in
tests/helpers/imports.py."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.imports import PACKAGE_DIR, all_modules, cycles, import_graph, imported_names, source_file


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_model_imports_nothing_of_prelaunch():
    assert import_graph()["prelaunch.model"] == set()


# One interpreter that has imported nothing of prelaunch forks a child per module, which imports that module
# alone: a fresh interpreter's state for each, at the cost of one interpreter start for all.
_EACH_ON_ITS_OWN = """
import importlib, os, sys, traceback
failed = []
for module in sys.argv[1:]:
    assert not [name for name in sys.modules if name.split(".")[0] == "prelaunch"]
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(module)
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        os._exit(0)
    if os.waitpid(pid, 0)[1] != 0:
        failed.append(module)
print(" ".join(failed))
"""


def imports_alone(modules: list[str], folder: Path = PACKAGE_DIR.parent) -> subprocess.CompletedProcess:
    """Each of `modules` imported alone, found in `folder` first."""
    code = f"import sys; sys.path.insert(0, {str(folder)!r})\n{_EACH_ON_ITS_OWN}"
    return subprocess.run([sys.executable, "-I", "-c", code, *modules], capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)


def test_every_module_imports_on_its_own():
    result = imports_alone(all_modules())
    assert result.returncode == 0 and result.stdout.split() == [], result.stdout + result.stderr


def test_a_module_that_needs_another_imported_first_is_found(tmp_path):
    """The forked children share nothing: a module that works only after another was imported fails alone."""
    (tmp_path / "first.py").write_text("import sys\nsys.modules['second_needs'] = sys\n")
    (tmp_path / "needy.py").write_text("import sys\nsys.modules['second_needs'].path\n")
    result = imports_alone(["first", "needy"], tmp_path)
    assert result.stdout.split() == ["needy"], result.stdout + result.stderr


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


ROOT = PACKAGE_DIR.parent


def imported_test_modules(path: Path) -> list[str]:
    """The test modules (test_*.py, conftest.py under tests/) a file imports, as dotted names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).parent.parts)
    found = []
    for node in ast.walk(tree):
        modules = []
        for name in imported_names(node, package):
            while name.startswith("tests.") and not _module_file(name):
                name = name.rpartition(".")[0]
            last = name.rpartition(".")[2]
            if name.startswith("tests.") and (last.startswith("test_") or last == "conftest") and name not in modules:
                modules.append(name)
        found += modules
    return found


def _module_file(name: str) -> Path | None:
    relative = Path(*name.split("."))
    for candidate in (ROOT / relative.with_suffix(".py"), ROOT / relative / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def test_no_test_module_imports_another():
    """A test module imported elsewhere brings its tests and fixtures along and ties two tests' files
    together: what tests share is in tests/helpers/ (and what the benchmarks and screenshots use too)."""
    files = [*sorted((ROOT / "tests").rglob("*.py")), *sorted((ROOT / "bench").glob("*.py")),
             *sorted((ROOT / "docs").glob("*.py"))]
    imports = {str(path.relative_to(ROOT)): imported_test_modules(path) for path in files}
    assert {path: names for path, names in imports.items() if names} == {}


def test_the_import_finder_sees_test_modules(tmp_path, monkeypatch):
    """Each way of importing a test module is seen; helpers and the package are not test modules."""
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    for name in ("tests/__init__.py", "tests/helpers/__init__.py", "tests/helpers/launch.py",
                 "tests/session/__init__.py", "tests/session/test_lock.py", "tests/installer/__init__.py",
                 "tests/installer/conftest.py", "tests/test_wrapper.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    source = tmp_path / "tests" / "session" / "test_watchdog.py"
    source.write_text("import tests.test_wrapper\nfrom tests.session.test_lock import OWN\n"
                      "from tests.installer import conftest\nfrom . import test_lock\n"
                      "from tests.helpers.launch import game_argv\nfrom tests import helpers\nimport prelaunch\n")
    assert imported_test_modules(source) == ["tests.test_wrapper", "tests.session.test_lock",
                                             "tests.installer.conftest", "tests.session.test_lock"]


# --- the direction between parts (docs/architecture.md) -------------------------------------------------------

PARTS = ("cli", "checks", "installer", "session", "net", "launchers", "ui")
# What each part may import besides itself; "base" is the top-level modules (the nouns, paths, config, fail-safe,
# file I/O, identifiers), which import only each other.
MAY_IMPORT = {
    "cli": {"checks", "installer", "session", "net", "launchers", "ui", "base"},
    "checks": {"session", "net", "launchers", "ui", "base"},
    "installer": {"launchers", "ui", "base"},
    "session": {"net", "launchers", "ui", "base"},
    "net": {"base"},
    "launchers": {"base"},
    "ui": {"base"},
    "base": set(),
}
ENTRY_POINTS = {"prelaunch.__main__"}  # `python -m prelaunch` runs the command line


def part_of(module: str) -> str:
    name = module.split(".")[1] if module.count(".") else ""
    return name if name in PARTS else "base"


def part_edges(graph: dict[str, set[str]]) -> list[tuple[str, str, str, str]]:
    """(importer's part, imported part, importer, imported) for every import that crosses a part the wrong way."""
    return sorted((part_of(a), part_of(b), a, b) for a, targets in graph.items() if a not in ENTRY_POINTS
                  for b in targets if b != "prelaunch" and part_of(b) != part_of(a)
                  and part_of(b) not in MAY_IMPORT[part_of(a)])


def test_parts_import_one_way():
    assert part_edges(import_graph()) == []


def test_a_wrong_way_import_between_parts_is_found():
    graph = {"prelaunch.ui.tk": {"prelaunch.session.lock", "prelaunch.ui"}, "prelaunch.cli.check": {"prelaunch.ui.tk"},
             "prelaunch.paths": {"prelaunch.checks.token", "prelaunch.model"}}
    assert part_edges(graph) == [("base", "checks", "prelaunch.paths", "prelaunch.checks.token"),
                                 ("ui", "session", "prelaunch.ui.tk", "prelaunch.session.lock")]


def test_the_top_level_holds_at_most_six_modules():
    top = [m for m in all_modules() if m.count(".") == 1 and part_of(m) == "base" and m not in ENTRY_POINTS
           and m != "prelaunch.hooks"]
    assert len(top) <= 6, top


def test_no_module_is_over_300_lines():
    long = {m: n for m in all_modules() if (n := len(source_file(m).read_text(encoding="utf-8").splitlines())) > 300}
    assert long == {}
