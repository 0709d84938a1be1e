"""The declared launcher API (prelaunch/launchers/api.py): mypy refuses a launcher module that lacks one of its
names or changes a signature, where `launchers.MODULES` is typed against it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from prelaunch import launchers
from prelaunch.launchers import modrinth, multimc, prism

ROOT = Path(__file__).resolve().parents[2]
SOURCE = (ROOT / "prelaunch" / "launchers" / "multimc.py").read_text(encoding="utf-8")


def _without_function(name: str) -> str:
    """multimc.py with the function `name` taken out."""
    text, count = re.subn(rf"\ndef {name}\(.*?(?=\n\n\ndef |\Z)", "", SOURCE, flags=re.S)
    assert count == 1
    return text


# module name -> its source: multimc.py as it is, and with one thing of the API missing or changed
VARIANTS = {
    "complete": SOURCE,
    "without_kind": re.sub(r"\bKIND\b", "NAME", SOURCE),
    "without_known_data_dirs": _without_function("known_data_dirs"),
    "without_is_data_dir": _without_function("is_data_dir"),
    "without_locate": _without_function("locate"),
    "without_load": _without_function("load"),
    "load_needs_an_instance": SOURCE.replace("def load(data_dir: str, instance_dir: str | None)",
                                             "def load(data_dir: str, instance_dir: str)"),
}


def test_the_registry_holds_every_launcher_module():
    assert launchers.MODULES == {"prism": prism, "multimc": multimc, "modrinth": modrinth}
    assert all(module.KIND == kind for kind, module in launchers.MODULES.items())
    assert [name for name in launchers.__all__ if not hasattr(launchers, name)] == []


def test_mypy_refuses_a_launcher_module_that_lacks_part_of_the_api(tmp_path):
    assert VARIANTS["load_needs_an_instance"] != SOURCE
    for name, text in VARIANTS.items():
        (tmp_path / f"{name}.py").write_text(text, encoding="utf-8")
    lines = ["from __future__ import annotations", "", "from prelaunch.launchers.api import Launcher", "",
             *(f"import {name}" for name in VARIANTS), ""]
    first = len(lines) + 1
    lines += [f"{name}_: Launcher = {name}" for name in VARIANTS]
    (tmp_path / "registry.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"),
                             "--follow-imports", "silent", "--no-error-summary", str(tmp_path / "registry.py")],
                            cwd=ROOT, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    refused = {int(n) for n in re.findall(r"registry\.py:(\d+): error: Incompatible types in assignment",
                                          result.stdout)}
    assert {list(VARIANTS)[n - first] for n in refused} == set(VARIANTS) - {"complete"}, result.stdout
