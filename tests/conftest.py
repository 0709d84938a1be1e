from __future__ import annotations

import compileall
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import checkout, process_table

# the network tests' certificate authority and loopback servers; the desktop dialogs are answered on
pytest_plugins = ["tests.helpers.netfixtures", "tests.helpers.desktop"]

_MOVED = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
_CLEARED = ("PRELAUNCH_CONFIG", "PRISMLAUNCHER_DATA_DIR", "THESEUS_CONFIG_DIR", "SNAP_USER_COMMON", "INST_NAME",
            "INST_ID", "INST_DIR", "INST_MC_DIR", "INST_JAVA", "INST_JAVA_ARGS")


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the package's bytecode once, in the main process, before the tests start their Python processes
    (about 4,000 a run: prelaunch's commands, its watchdogs, the tests' helpers). pip compiles what it installs,
    but this tree is installed editable: where PYTHONDONTWRITEBYTECODE is set, nothing writes its bytecode, and
    each process would compile every module of prelaunch it imports again. Bytecode whose source has changed
    since is not used, so an edit is never missed."""
    if not hasattr(session.config, "workerinput"):
        compileall.compile_dir(checkout.ROOT / "prelaunch", quiet=1)


@pytest.fixture(autouse=True)
def _process_table(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test shares the machine's process table with the others; a test marked `fills_the_process_table`
    has it alone (tests/helpers/process_table.py), so the tests can run in any order."""
    alone = request.node.get_closest_marker("fills_the_process_table") is not None
    with process_table.alone() if alone else process_table.shared():
        yield


# set by pytest (the test running now) and by PySide6 when it is first imported (its enum option)
_SET_BY_OTHERS = {"PYTEST_CURRENT_TEST", "PYSIDE6_OPTION_PYTHON_ENUM"}


@pytest.fixture(autouse=True)
def _environment_kept() -> Iterator[None]:
    """A test leaves the environment as it found it (monkeypatch's changes are undone first): a variable left
    behind reaches every program the next tests of this worker start (QT_QPA_PLATFORM=offscreen once hid every
    later kdialog window)."""
    before = dict(os.environ)
    yield
    after = dict(os.environ)
    changed = sorted(name for name in (before.keys() | after.keys()) - _SET_BY_OTHERS
                     if before.get(name) != after.get(name))
    assert not changed, f"the test left these environment variables changed: {changed}"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private HOME (and XDG dirs) so prelaunch's own files and the launchers' known places are the test's."""
    root = tmp_path / "home"
    for name, sub in zip(_MOVED, ("", ".local/share", ".config", ".local/state", ".cache")):
        (root / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(root / sub))
    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PRELAUNCH_CONFIG", str(root / "prelaunch.toml"))
    (root / "prelaunch.toml").write_text("[network]\nenabled = false\n", encoding="utf-8")
    return root


@pytest.fixture
def cli(home: Path):
    """Run `python -m prelaunch ARGS` in a real subprocess, with the test's HOME and extra env."""

    def run(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: float = 60) -> Result:
        full_env = dict(os.environ, **(env or {}))
        proc = subprocess.run([sys.executable, "-m", "prelaunch", *args], capture_output=True, text=True,
                              env=full_env, cwd=cwd or home, timeout=timeout, stdin=subprocess.DEVNULL)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run
