"""The package's modules and the imports between them, read from their text."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

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
