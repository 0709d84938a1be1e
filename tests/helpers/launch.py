"""Starting the stand-in game (game.py): as `java`, directly or through `prelaunch wrap`, and waiting for it."""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.helpers.builders import FIXTURE_UUID

GAME = str(Path(__file__).with_name("game.py"))
LAUNCH_SCRIPT = (b"mainClass net.minecraft.client.main.Main\nparam --username\nparam Steve\nparam --accessToken\n"
                 b"param secret\nuserName Steve\nsessionId token:x:y\nwindowTitle Caf\xc3\xa9 \xff raw\n\nlaunch\n")


@functools.lru_cache(maxsize=None)
def java() -> str:
    """The `java` the stand-in game runs as: a link named like the JVM's launcher to this interpreter, so that
    the game's process has the name of a Java runtime (the only processes whose command lines prelaunch
    reads). Made once per test process, removed when it exits."""
    folder = tempfile.mkdtemp(prefix="prelaunch-jre-")
    atexit.register(shutil.rmtree, folder, True)
    os.mkdir(os.path.join(folder, "bin"))
    link = os.path.join(folder, "bin", "java")
    os.symlink(os.path.realpath(sys.executable), link)
    return link


def game_argv(record: Path, code: int = 0, sleep_s: float = 0.0, uuid: str = FIXTURE_UUID,
              token: str | None = None) -> list[str]:
    argv = [java(), GAME, str(record), str(code), str(sleep_s), "net.minecraft.client.main.Main",
            "--username", "Steve", "--uuid", uuid]
    return argv + (["--accessToken", token] if token else [])


def start_wrap(argv: list[str], cwd: Path, env: dict | None = None, stdin=subprocess.DEVNULL) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "prelaunch", "wrap", "--", *argv], cwd=cwd, stdin=stdin,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, **(env or {})))


def wait_for(path: Path, timeout: float = 20) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.exists() and path.stat().st_size:
            try:
                return json.loads(path.read_text())
            except ValueError:
                pass
        time.sleep(0.02)
    raise AssertionError(f"{path} never appeared")


def write_config(home: Path, text: str) -> None:
    (home / "prelaunch.toml").write_text("[network]\nenabled = false\n" + text, encoding="utf-8")
