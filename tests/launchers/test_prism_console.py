"""What Prism's console shows of `prelaunch check`: it splits a process's output on line feeds and holds back
the piece after the last one until more comes (LoggedProcess.cpp:60-73), so a last line without a newline is
never shown. The raw bytes of check's stdout are read in every outcome."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.builders import FIXTURE_UUID, mint_jwt, prism_account, prism_instance, write_prism
from tests.helpers.parsers import prism_console

LEVELS = ("!![Info]!", "!![Warning]!", "!![Error]!")
BREAK_RUNNER = ("import prelaunch.checks.runner\n"
                "def broken(*args, **kwargs):\n    raise RuntimeError('boom')\n"
                "prelaunch.checks.runner.run = broken\n")
BREAK_MID_OUTPUT = ("import prelaunch.ui.report\n"
                    "def lines(findings, healthy):\n    yield '!![Info]!prelaunch: first line'\n"
                    "    raise RuntimeError('boom')\n"
                    "prelaunch.ui.report.console_lines = lines\n")


def instance_with_token(home: Path, seconds_left: float) -> Path:
    """A Prism instance whose default account has a token with `seconds_left` to live."""
    account = prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() + seconds_left), active=True)
    data_dir = write_prism(home / ".local/share/PrismLauncher", accounts=[account], instances={"v": {"name": "V"}})
    return prism_instance(data_dir, "v")


def check_stdout(instance: Path, *args: str, shim: str = "", tmp_path: Path | None = None,
                 stderr: int = subprocess.DEVNULL) -> tuple[int, bytes]:
    """Run `prelaunch check` the way Prism runs a pre-launch command; return its exit code and raw stdout
    (with stderr in it for `stderr=subprocess.STDOUT`)."""
    env = dict(os.environ, INST_DIR=str(instance), INST_ID=instance.name, INST_NAME="V",
               INST_MC_DIR=str(instance / "minecraft"), NO_COLOR="1", DISPLAY="")
    if shim:
        folder = tmp_path / "shim"
        folder.mkdir()
        (folder / "sitecustomize.py").write_text(shim)
        env["PYTHONPATH"] = str(folder)
    proc = subprocess.run([sys.executable, "-m", "prelaunch", "check", *args], cwd=instance / "minecraft",
                          env=env, stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL,
                          timeout=60)
    return proc.returncode, proc.stdout


OUTCOMES = [
    ("healthy", ("--ui", "none"), 20 * 3600, "", 0, "!![Info]!prelaunch: all good"),
    ("warning", ("--ui", "none"), -3600, "", 0, "!![Warning]!prelaunch: The sign-in of"),
    ("warning on the console", ("--ui", "console"), -3600, "", 0, "!![Warning]!prelaunch: The sign-in of"),
    ("json", ("--ui", "none", "--json"), -3600, "", 0, "{"),
    ("internal error", ("--ui", "none"), 20 * 3600, BREAK_RUNNER, 0, "!![Warning]!prelaunch: internal error"),
    ("internal error after a line", ("--ui", "none"), 20 * 3600, BREAK_MID_OUTPUT, 0,
     "!![Info]!prelaunch: first line"),
]


@pytest.mark.parametrize("outcome,args,seconds_left,shim,code,first", OUTCOMES)
def test_every_line_check_prints_reaches_prisms_console(home, tmp_path, outcome, args, seconds_left, shim, code,
                                                         first):
    returncode, out = check_stdout(instance_with_token(home, seconds_left), *args, shim=shim, tmp_path=tmp_path)
    assert returncode == code
    assert out.endswith(b"\n"), out[-80:]
    shown, held_back = prism_console(out)
    assert held_back == "" and shown and shown[0].startswith(first)
    if "--json" not in args:
        assert all(line.startswith(LEVELS) for line in shown), shown
    if "internal error" in outcome:
        assert "internal error" in shown[-1]


@pytest.mark.parametrize("outcome,args,seconds_left,shim,code,first", OUTCOMES)
def test_stdout_and_stderr_together_hold_only_whole_lines(home, tmp_path, outcome, args, seconds_left, shim, code,
                                                          first):
    """Prism keeps one leftover line for stdout and stderr together (LoggedProcess.cpp:60-85, the same in
    @98adcc60) and reads level prefixes whatever their case since 11.x: a piece without its newline on either
    stream would be glued to the next line of the other, or dropped at exit. Both streams in one pipe, as
    that buffer sees them, give whole lines only, each with a level prefix Prism 9 knows too."""
    returncode, out = check_stdout(instance_with_token(home, seconds_left), *args, shim=shim, tmp_path=tmp_path,
                                   stderr=subprocess.STDOUT)
    assert returncode == code
    shown, held_back = prism_console(out)
    assert held_back == "" and shown and shown[0].startswith(first), out[-200:]
    if "--json" not in args:
        assert all(line.startswith(LEVELS) for line in shown), shown
