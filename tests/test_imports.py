"""The package's shape: every module imports on its own in a fresh interpreter, and no two modules import each
other, directly or around a loop (nouns at the bottom, verbs at the top)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import prelaunch

PACKAGE_DIR = Path(prelaunch.__file__).resolve().parent


def all_modules() -> list[str]:
    found = ["prelaunch"]
    for info in pkgutil.walk_packages([str(PACKAGE_DIR)], prefix="prelaunch."):
        found.append(info.name)
    return sorted(found)


def source_file(module: str) -> Path:
    relative = Path(*module.split(".")[1:])
    package = PACKAGE_DIR / relative / "__init__.py"
    return package if package.exists() else PACKAGE_DIR / relative.with_suffix(".py")


def imports_of(module: str, known: set[str]) -> set[str]:
    """The prelaunch modules `module` imports anywhere in its text (at the top or inside a function)."""
    tree = ast.parse(source_file(module).read_text(encoding="utf-8"))
    is_package = source_file(module).name == "__init__.py"
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join(parts + ([base] if base else []))
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def import_graph() -> dict[str, set[str]]:
    modules = set(all_modules())
    graph = {module: imports_of(module, modules) for module in modules}
    for module in modules:  # importing a submodule runs its package first: that is no edge of the design
        graph[module] = {name for name in graph[module] if not module.startswith(name + ".")}
    return graph


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
