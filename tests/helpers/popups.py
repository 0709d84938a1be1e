"""`prelaunch check` asking on a real desktop, and the dialog program it starts for its question."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psutil

from prelaunch import ui
from tests.helpers.builders import mint_jwt, prism_account, prism_instance, write_prism
from tests.helpers.xserver import x_env

LINUX_BACKENDS = ["zenity", "kdialog", "tk"]
BACKENDS = [b.NAME for b in ui.askers(platform="linux", display=True) if b.available()]
PROGRAMS = ("zenity", "kdialog")
TITLE = "Minecraft: Vanilla+ (Steve)"


def start_check(home, inst, display, backend, timeout=30, extra=""):
    """`check` for the instance, its dialog on `display`; `extra`: more of the settings file, in its [ui]
    table."""
    (home / "prelaunch.toml").write_text(f'[network]\nenabled = false\n[ui]\nbackend = "{backend}"\n'
                                         f"timeout = {timeout}\n{extra}", encoding="utf-8")
    return check_process(inst, display)


def check_process(inst, display):
    """`check` for the instance with the settings file as it is."""
    env = dict(os.environ, **x_env(display), INST_DIR=str(inst))
    return subprocess.Popen([sys.executable, "-m", "prelaunch", "check"], cwd=inst / "minecraft", env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def dialog_program(proc: subprocess.Popen, timeout: float = 20) -> psutil.Process:
    """The zenity or kdialog process a command started for its question (or Tk's window process)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        program = dialog_now(proc)
        if program is not None:
            return program
        time.sleep(0.05)
    raise AssertionError("no dialog program started")


def dialog_now(proc: subprocess.Popen) -> psutil.Process | None:
    """The dialog program a command runs for its question at this moment, if any."""
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return None
    for child in children:
        try:  # its name changes a moment before its command line does, in the same exec
            argv = child.cmdline()
            if argv and (child.name() in PROGRAMS or argv[1:3] == ["-m", "prelaunch.ui.tk"]):
                return child
        except psutil.NoSuchProcess:
            continue
    return None


def dialog_text(program: psutil.Process) -> str:
    """The text the dialog shows, from its own command line."""
    argv = program.cmdline()
    for index, arg in enumerate(argv):
        if arg.startswith("--text="):
            return arg[len("--text="):]
        if arg in ("--warningyesno", "--warningyesnocancel"):
            return argv[index + 1]
    raise AssertionError(f"no text in {argv[:3]}")


def instance(home, player, token_left_s: float):
    """Prism's instance "Vanilla+" with Steve as its account, his sign-in running out in `token_left_s`."""
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": "Vanilla+"}},
                           accounts=[prism_account("Steve", player, mint_jwt(time.time() + token_left_s),
                                                   active=True)])
    return prism_instance(data_dir, "v")
