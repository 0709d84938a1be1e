"""Screenshots of the real dialogs for the README, one per dialog kind, from the same fixtures the tests use,
on a desktop with a window manager (openbox) so the window frame and title are what a player sees.

Run from the repository root, with Xvfb, openbox, xdotool, x11-utils, imagemagick, zenity and kdialog installed:
    python docs/make_screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers.builders import FIXTURE_UUID, mint_jwt, prism_account, prism_instance, write_prism  # noqa: E402
from tests.helpers.hostile_names import RICH, prism_instance_named  # noqa: E402
from tests.helpers.launch import game_argv, wait_for  # noqa: E402
from tests.helpers.xserver import find_window, press, screenshot, start_desktop, stop, toplevel_of, x_env  # noqa: E402

TITLE = "Minecraft: Vanilla+ (Steve)"


def shoot(display: str, home: Path, inst: Path, backend: str, out: Path, title: str = TITLE) -> None:
    (home / "prelaunch.toml").write_text(f'[network]\nenabled = false\n[ui]\nbackend = "{backend}"\n')
    env = dict(os.environ, **x_env(display), HOME=str(home), XDG_STATE_HOME=str(home / "state"),
               XDG_DATA_HOME=str(home / "data"), PRELAUNCH_CONFIG=str(home / "prelaunch.toml"), INST_DIR=str(inst))
    proc = subprocess.Popen([sys.executable, "-m", "prelaunch", "check"], cwd=inst / "minecraft", env=env,
                            stdout=subprocess.DEVNULL)
    window = find_window(display, title)
    time.sleep(0.7)
    screenshot(display, out, str(toplevel_of(display, window)))
    press(display, window, "Escape")
    proc.wait(timeout=20)
    print(f"wrote {out.relative_to(ROOT)}")


def main() -> int:
    processes, display = start_desktop()
    docs = ROOT / "docs"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            data = write_prism(home / "data" / "PrismLauncher", instances={"v": {"name": "Vanilla+"}},
                               accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() - 3 * 3600),
                                                       active=True)])
            inst = prism_instance(data, "v")
            shoot(display, home, inst, "zenity", docs / "popup-expired-token.png")
            shoot(display, home, inst, "kdialog", docs / "popup-expired-token-kdialog.png")
            record = home / "other.json"
            other = subprocess.Popen(game_argv(record, sleep_s=60), cwd=home)
            wait_for(record)
            try:
                shoot(display, home, inst, "zenity", docs / "popup-account-in-use.png")
                shoot(display, home, inst, "tk", docs / "popup-account-in-use-tk.png")
            finally:
                other.kill()
                other.wait()
            notice(display, home, docs / "notice-sign-in-expired.png")
            spoofed(display, home, docs / "popup-spoofed-name-kdialog.png")
    finally:
        stop(processes)
    return 0


def notice(display: str, home: Path, out: Path) -> None:
    """The watchdog's notice: a wrapped game outlives its sign-in."""
    (home / "prelaunch.toml").write_text('[network]\nenabled = false\n[ui]\nbackend = "zenity"\ntimeout = 20\n')
    env = dict(os.environ, **x_env(display), HOME=str(home), XDG_STATE_HOME=str(home / "state"),
               XDG_DATA_HOME=str(home / "data"), PRELAUNCH_CONFIG=str(home / "prelaunch.toml"))
    game = home / "wrapped"
    game.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "prelaunch", "wrap", "--",
                             *game_argv(game / "game.json", sleep_s=30, token=mint_jwt(time.time() + 2))],
                            cwd=game, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    try:
        window = find_window(display, "Minecraft session expired (Steve)", timeout=30)
        time.sleep(0.7)
        screenshot(display, out, str(toplevel_of(display, window)))
        print(f"wrote {out.relative_to(ROOT)}")
    finally:
        proc.kill()
        proc.wait()


def spoofed(display: str, home: Path, out: Path) -> None:
    """An instance whose name is Qt markup ("All checks passed" in big green letters), while the same account
    plays in a game of an instance of that name: kdialog shows the name as written."""
    env = dict(os.environ, **x_env(display), HOME=str(home), XDG_STATE_HOME=str(home / "state"),
               XDG_DATA_HOME=str(home / "data"), PRELAUNCH_CONFIG=str(home / "prelaunch.toml"), INST_NAME=RICH)
    game = home / "spoofed"
    game.mkdir()
    wrapped = [sys.executable, "-m", "prelaunch", "wrap", "--", *game_argv(game / "game.json", sleep_s=60)]
    other = subprocess.Popen(wrapped, cwd=game, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    try:
        wait_for(game / "game.json")
        inst = prism_instance_named(home / "spoofed-home", RICH, token_left_s=9e4)
        shoot(display, home, inst, "kdialog", out, title=f"Minecraft: {RICH} (Steve)")
    finally:
        other.kill()
        other.wait()


if __name__ == "__main__":
    sys.exit(main())
