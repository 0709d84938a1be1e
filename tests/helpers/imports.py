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


def imported_names(node: ast.AST, package: str) -> list[str]:
    """What an import statement may bring in: each module it names and each `module.name` (a submodule or
    not); relative imports resolved in `package`, the importing module's package."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        parts = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join(parts + ([base] if base else []))
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def imports_of(module: str, known: set[str]) -> set[str]:
    """The prelaunch modules `module` imports anywhere in its text (at the top or inside a function)."""
    tree = ast.parse(source_file(module).read_text(encoding="utf-8"))
    package = module if source_file(module).name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        for name in imported_names(node, package):
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
