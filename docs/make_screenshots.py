"""Screenshots of the real dialogs for the README, one per dialog kind, from the same fixtures the tests use,
on a desktop with a window manager (openbox) so the window frame and title are what a player sees; the
three-problem dialog on a whole 1024x600 screen, once as asked and once with its details open.

Run from the repository root, with Xvfb, openbox, xdotool, x11-utils, imagemagick, zenity and kdialog installed
(and dunst for the watchdog's notification as a desktop notification; without it the notice is a zenity window):
    python docs/make_screenshots.py
"""

from __future__ import annotations

import os
import shutil
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
from tests.helpers.xserver import (  # noqa: E402
    find_window,
    press,
    screenshot,
    start_desktop,
    start_notification_service,
    stop,
    toplevel_of,
    x_env,
    xdo,
)

TITLE = "Minecraft: Vanilla+ (Steve)"


def environment(display: str, home: Path, **more: str) -> dict:
    return {**os.environ, **x_env(display), "HOME": str(home), "XDG_STATE_HOME": str(home / "state"),
            "XDG_DATA_HOME": str(home / "data"), "PRELAUNCH_CONFIG": str(home / "prelaunch.toml"), **more}


def shoot(display: str, home: Path, inst: Path, backend: str, out: Path, title: str = TITLE, extra: str = "",
          whole_screen: bool = False, details: bool = False) -> None:
    """`check` on the instance with `backend`; the dialog (or the whole screen), its details open if asked."""
    (home / "prelaunch.toml").write_text(f'[network]\nenabled = false\n[ui]\nbackend = "{backend}"\n{extra}')
    proc = subprocess.Popen([sys.executable, "-m", "prelaunch", "check"], cwd=inst / "minecraft",
                            env=environment(display, home, INST_DIR=str(inst)), stdout=subprocess.DEVNULL)
    window = find_window(display, title)
    time.sleep(0.7)
    if details:
        xdo(display, "windowactivate", "--sync", window)
        time.sleep(0.3)
        xdo(display, "key", "--clearmodifiers", *(("shift+Tab", "space") if backend == "kdialog" else ("alt+d",)))
        time.sleep(1.0)
        window = find_window(display, title)
    screenshot(display, out, None if whole_screen else str(toplevel_of(display, window)))
    press(display, window, "alt+c" if backend == "kdialog" else "Escape")  # KDE's expander keeps Escape
    proc.wait(timeout=20)
    print(f"wrote {out.relative_to(ROOT)}")


def main() -> int:
    docs = ROOT / "docs"
    processes, display = start_desktop()
    small_processes, small = start_desktop("1024x600")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            data = write_prism(home / "data" / "PrismLauncher", instances={"v": {"name": "Vanilla+"}},
                               accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() - 3 * 3600),
                                                       active=True)])
            inst = prism_instance(data, "v")
            shoot(display, home, inst, "zenity", docs / "popup-expired-token.png")
            shoot(display, home, inst, "kdialog", docs / "popup-expired-token-kdialog.png")
            shoot(display, home, inst, "tk", docs / "popup-expired-token-tk.png")
            record = home / "other.json"
            other = subprocess.Popen(game_argv(record, sleep_s=120), cwd=home)
            wait_for(record)
            try:
                shoot(display, home, inst, "zenity", docs / "popup-account-in-use.png")
                shoot(display, home, inst, "tk", docs / "popup-account-in-use-tk.png")
                shoot(small, home, inst, "zenity", docs / "popup-three-problems-1024x600.png",
                      extra='[session]\non_account_in_use = "ask"\ncolour = "green"\n', whole_screen=True)
                shoot(small, home, inst, "kdialog", docs / "popup-three-problems-details-1024x600.png",
                      extra='[session]\non_account_in_use = "ask"\ncolor = "green"\n', whole_screen=True,
                      details=True)
            finally:
                other.kill()
                other.wait()
            notice(display, home, docs / "notice-sign-in-expired.png")
            spoofed(display, home, docs / "popup-spoofed-name-kdialog.png")
    finally:
        stop(small_processes + processes)
    return 0


def notice(display: str, home: Path, out: Path) -> None:
    """The watchdog's notice: a wrapped game outlives its sign-in. A desktop notification (dunst) when there is
    one to show it, else a zenity window."""
    service, bus = start_notification_service(display, home) if shutil.which("dunst") else ([], {})
    backend = "notify-send" if service else "zenity"
    (home / "prelaunch.toml").write_text(f'[network]\nenabled = false\n[ui]\nbackend = "{backend}"\ntimeout = 20\n')
    game = home / "wrapped"
    game.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "prelaunch", "wrap", "--",
                             *game_argv(game / "game.json", sleep_s=30, token=mint_jwt(time.time() + 2))],
                            cwd=game, env=environment(display, home, **bus), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL)
    try:
        if service:
            end = time.monotonic() + 30
            while not (found := xdo(display, "search", "--onlyvisible", "--classname", "Dunst").split()):
                assert time.monotonic() < end, "no notification appeared"
                time.sleep(0.2)
            time.sleep(0.7)
            screenshot(display, out, found[-1])
        else:
            window = find_window(display, "Minecraft session expired (Steve)", timeout=30)
            time.sleep(0.7)
            screenshot(display, out, str(toplevel_of(display, window)))
        print(f"wrote {out.relative_to(ROOT)}")
    finally:
        proc.kill()
        proc.wait()
        stop(service)


def spoofed(display: str, home: Path, out: Path) -> None:
    """An instance whose name is Qt markup ("All checks passed" in big green letters), while the same account
    plays in a game of an instance of that name: kdialog shows the name as written."""
    env = environment(display, home, INST_NAME=RICH)
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
