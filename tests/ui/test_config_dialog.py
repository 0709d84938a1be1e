"""A settings file with a mistake, said where the player looks: in the dialog a launch opens anyway, once per
version of the file (a real dialog on a real desktop; its own command line says what the player got)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

from tests.helpers.builders import mint_jwt, prism_account, prism_instance, write_prism
from tests.helpers.netservers import refused_url
from tests.helpers.popups import TITLE, dialog_program, dialog_text
from tests.helpers.xserver import find_window, press, x_env

BROKEN = ('[network]\nenabled = false\n[ui]\nbackend = "zenity"\ntimeout = 30\nask_again_hours = 0\n\n'
          '[session]\non_account_in_use = block\n')  # line 9: "block" without its quotes (and every launch asks)
SAID = "Your prelaunch settings file has a mistake on line "


def instance(home, token_left_s: float):
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": "Vanilla+"}},
                           accounts=[prism_account("Steve", uuid.uuid4().hex, mint_jwt(time.time() + token_left_s),
                                                   active=True)])
    return prism_instance(data_dir, "v")


def start_check(home, inst, display) -> subprocess.Popen:
    # Were the whole file left out, the sign-in servers would be probed: through a proxy that refuses, never
    # a real host.
    proxy = refused_url("http")
    env = dict(os.environ, **x_env(display), INST_DIR=str(inst), HTTPS_PROXY=proxy, HTTP_PROXY=proxy, NO_PROXY="")
    return subprocess.Popen([sys.executable, "-m", "prelaunch", "check"], cwd=inst / "minecraft", env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def launch(home, inst, display) -> tuple[str, str]:
    """(what the dialog said, the console) of one launch answered "Launch anyway"."""
    proc = start_check(home, inst, display)
    text = dialog_text(dialog_program(proc))
    press(display, find_window(display, TITLE), "alt+l")
    out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0, out
    return text, out


def test_a_mistake_joins_the_dialog_once_per_version_of_the_file(display, home):
    config = home / "prelaunch.toml"
    config.write_text(BROKEN, encoding="utf-8")
    inst = instance(home, -3600)  # the expired sign-in opens the dialog
    text, out = launch(home, inst, display)
    assert SAID + "9" in text and "expired" in text
    text, out = launch(home, inst, display)
    assert "expired" in text and SAID not in text  # said already
    assert f"!![Warning]!prelaunch: {SAID}9" in out  # the console says it at every launch
    config.write_text(BROKEN.replace("\n\n", "\n\n\n"), encoding="utf-8")  # changed: the mistake is on line 10
    text, out = launch(home, inst, display)
    assert SAID + "10" in text


def test_a_mistake_alone_opens_no_dialog(display, home):
    (home / "prelaunch.toml").write_text(BROKEN, encoding="utf-8")
    proc = start_check(home, instance(home, 86000), display)
    out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0  # it would still be waiting on a 30 s dialog had it asked
    assert out.startswith(f"!![Warning]!prelaunch: {SAID}9") and "popup" not in out
