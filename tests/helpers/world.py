"""The installer tests' world: Prism Launcher and Modrinth App folders in a HOME at a fixed path, rebuilt
for every run (the `world` fixture), and the states an install and an uninstall must leave."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.builders import FIXTURE_UUID, dashed, mint_jwt, write_modrinth
from tests.helpers.installs import write_prism_dir

UNCHECKED = "the launch goes on unchecked"


class World:
    """A HOME at a fixed path, rebuilt from one template for every run, so that states compare across runs."""

    def __init__(self, root: Path) -> None:
        self.home = root / "Zoë Smith"
        self.template = root / "template"
        self.env = dict(os.environ, HOME=str(self.home), XDG_DATA_HOME=str(self.home / ".local/share"),
                        XDG_STATE_HOME=str(self.home / ".local/state"), XDG_CACHE_HOME=str(self.home / ".cache"),
                        XDG_CONFIG_HOME=str(self.home / ".config"), PRELAUNCH_CONFIG=str(self.home / "p.toml"),
                        PYTHONDONTWRITEBYTECODE="1", PATH="/usr/bin:/bin")
        data = self.home / ".local/share"
        self.prism, self.modrinth = data / "PrismLauncher", data / "ModrinthApp"
        self.own = data / "prelaunch"
        self.command = self.home / ".local/bin/prelaunch"
        (self.home / ".config").mkdir(parents=True)
        (self.home / "p.toml").write_text("[network]\nenabled = false\n", encoding="utf-8")
        write_prism_dir(self.prism)
        write_modrinth(self.modrinth, "0.10.16-0.14", [(dashed(FIXTURE_UUID), "Steve", mint_jwt(2e9), True)],
                       instances={"Pack A": "Pack A", "Pack B": "Pack B"})
        with sqlite3.connect(self.modrinth / "app.db") as db:
            db.execute("UPDATE settings SET hook_pre_launch = 'echo hi', hook_wrapper = 'gamemoderun'")
            db.execute("UPDATE profiles SET override_hook_pre_launch = 'echo pack' WHERE path = 'Pack A'")
        db.close()
        shutil.copytree(self.home, self.template, symlinks=True)
        self.original = self.state()

    def reset(self) -> None:
        shutil.rmtree(self.home)
        shutil.copytree(self.template, self.home, symlinks=True)

    def state(self) -> dict[str, str]:
        """Every file in the launchers' folders: text files by digest, app.db by its rows (SQLite rewrites
        its header on every commit, so its bytes cannot come back; its content must)."""
        found = {}
        for root in (self.prism, self.modrinth):
            for path in sorted(root.rglob("*")):
                if path.is_dir() or path.name == "filler" or path.name.endswith(("-wal", "-shm")):
                    continue  # SQLite's side files come and go with connections; leftovers() looks at them
                key = str(path.relative_to(self.home))
                if path.name == "app.db":
                    # read-write, so that closing it removes the -wal/-shm a WAL database's readers make
                    db = sqlite3.connect(path)
                    found[key] = "\n".join(db.iterdump())
                    db.close()
                else:
                    found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        return found

    def run(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "prelaunch", *args], env=self.env, capture_output=True,
                              text=True, timeout=120, stdin=subprocess.DEVNULL, **kwargs)

    def start(self, *args: str, **kwargs) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "prelaunch", *args], env=self.env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)

    def names_scripts(self) -> list[str]:
        """Launcher files that still name prelaunch's entry scripts."""
        named = [str(p) for p in self.prism.rglob("*.cfg") if "prelaunch-" in p.read_text(encoding="utf-8")]
        return named + [key for key, value in self.state().items() if key.endswith("app.db") and "prelaunch-" in value]

    def journal(self) -> Path:
        return self.own / "journal"

    def journaled(self) -> int:
        """How many launcher files the journal of a run under way has recorded (-1: no journal)."""
        try:
            return (self.journal() / "journal.jsonl").read_text(encoding="utf-8").count('{"file": ')
        except OSError:
            return -1

    def leftovers(self) -> list[str]:
        """Temporaries and SQLite journals in the launchers' folders."""
        return [str(p) for root in (self.prism, self.modrinth) for p in root.rglob("*")
                if p.name.endswith(".tmp") or p.name.endswith(("-journal", "-wal", "-shm"))]


@pytest.fixture
def world(home, tmp_path) -> World:
    return World(tmp_path)


@pytest.fixture
def installed(world) -> dict[str, str]:
    """The launchers' state after an uninterrupted install (then everything is given back)."""
    result = world.run("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    state = world.state()
    assert state != world.original
    result = world.run("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert world.state() == world.original
    return state


def assert_installed(world: World, installed: dict[str, str]) -> None:
    assert world.state() == installed
    assert (world.own / "bin" / "prelaunch-check").is_file() and world.command.is_symlink()
    manifest = json.loads((world.own / "manifest.json").read_text())
    assert len(manifest["files"]) == 5, sorted(manifest["files"])


def assert_given_back(world: World) -> None:
    assert world.state() == world.original
    assert not world.leftovers()
    assert not (world.own / "bin").exists() and not (world.own / "manifest.json").exists()
    assert not world.journal().exists() and not os.path.lexists(world.command)
    assert not world.command.parent.exists()  # ~/.local/bin, which the install made


def wait_until_or_ended(predicate, proc: subprocess.Popen, bound: float = 30.0) -> float:
    """Seconds until `predicate()` came true or `proc` ended (an AssertionError past `bound`)."""
    start = time.monotonic()
    while not predicate() and proc.poll() is None:
        if time.monotonic() - start > bound:
            raise AssertionError("the install neither started its journal nor ended")
        time.sleep(0.0005)
    return time.monotonic() - start
