"""The installer is a library: it never imports the command line and never talks to the terminal (only
cli/ prints and asks), and it offers what its `__all__` lists."""

from __future__ import annotations

import ast

import prelaunch.installer
from tests.helpers.imports import import_graph, source_file

TERMINAL_CALLS = ("print", "input")
TERMINAL_STREAMS = ("stdin", "stdout", "stderr")


def installer_modules() -> list[str]:
    return sorted(m for m in import_graph() if m == "prelaunch.installer" or m.startswith("prelaunch.installer."))


def test_the_installer_never_imports_the_command_line():
    graph = import_graph()
    found = {m: sorted(n for n in graph[m] if n == "prelaunch.cli" or n.startswith("prelaunch.cli."))
             for m in installer_modules()}
    assert {m: names for m, names in found.items() if names} == {}


def test_the_installer_never_talks_to_the_terminal():
    talking = []
    for module in installer_modules():
        for node in ast.walk(ast.parse(source_file(module).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in TERMINAL_CALLS:
                talking.append(f"{module}:{node.lineno} {node.func.id}()")
            elif (isinstance(node, ast.Attribute) and node.attr in TERMINAL_STREAMS
                  and isinstance(node.value, ast.Name) and node.value.id == "sys"):
                talking.append(f"{module}:{node.lineno} sys.{node.attr}")
    assert talking == []


def test_the_public_api_is_what_all_lists():
    missing = [name for name in prelaunch.installer.__all__ if not hasattr(prelaunch.installer, name)]
    assert missing == [] and len(set(prelaunch.installer.__all__)) == len(prelaunch.installer.__all__)
