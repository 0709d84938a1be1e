"""Screenshots of the real dialogs for the README, from the same fixtures the tests use.

Run from the repository root, with Xvfb, xdotool, x11-utils, imagemagick and zenity installed:
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

from tests.builders import FIXTURE_UUID, mint_jwt, prism_account, prism_instance, write_prism  # noqa: E402
from tests.test_wrapper import game_argv, wait_for  # noqa: E402
from tests.xserver import find_window, press, screenshot, start_xvfb, x_env  # noqa: E402


def shoot(display: str, home: Path, inst: Path, backend: str, out: Path) -> None:
    (home / "prelaunch.toml").write_text(f'[network]\nenabled = false\n[ui]\nbackend = "{backend}"\n')
    env = dict(os.environ, **x_env(display), HOME=str(home), XDG_STATE_HOME=str(home / "state"),
               XDG_DATA_HOME=str(home / "data"), PRELAUNCH_CONFIG=str(home / "prelaunch.toml"), INST_DIR=str(inst))
    proc = subprocess.Popen([sys.executable, "-m", "prelaunch", "check"], cwd=inst / "minecraft", env=env,
                            stdout=subprocess.DEVNULL)
    window = find_window(display, "prelaunch: Vanilla+ - Steve")
    time.sleep(0.5)
    screenshot(display, out, window)
    press(display, window, "Escape")
    proc.wait(timeout=20)
    print(f"wrote {out.relative_to(ROOT)}")


def main() -> int:
    xvfb, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            data = write_prism(home / "data" / "PrismLauncher", instances={"v": {"name": "Vanilla+"}},
                               accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() - 3 * 3600),
                                                       active=True)])
            inst = prism_instance(data, "v")
            shoot(display, home, inst, "zenity", ROOT / "docs" / "popup-expired-token.png")
            record = home / "other.json"
            other = subprocess.Popen(game_argv(record, sleep_s=60), cwd=home)
            wait_for(record)
            try:
                shoot(display, home, inst, "zenity", ROOT / "docs" / "popup-account-in-use.png")
                shoot(display, home, inst, "tk", ROOT / "docs" / "popup-account-in-use-tk.png")
            finally:
                other.kill()
    finally:
        xvfb.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
