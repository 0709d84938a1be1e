"""A real X server (Xvfb) for popup tests, and small xdotool helpers."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "openbox", "xprop", "xdotool", "xwininfo", "import")


def require_tools() -> None:
    """Popup tests need these; CI installs them, so there a missing one is a failure, not a skip."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = f"missing {', '.join(missing)}: apt-get install xvfb xdotool x11-utils imagemagick"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def start_xvfb(size: str = "1024x768") -> tuple[subprocess.Popen, str]:
    """A bare X server (no window manager), on a display number it picks itself."""
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        proc.kill()
        raise RuntimeError("Xvfb did not start")
    return proc, f":{number}"


def _wm_running(display: str) -> bool:
    out = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=dict(os.environ, DISPLAY=display),
                         capture_output=True, text=True, timeout=10).stdout
    return "window id" in out


def start_desktop(size: str = "1024x768") -> tuple[list[subprocess.Popen], str]:
    """Xvfb with a real window manager (openbox), as a player's desktop has: (processes, display). A desktop
    that does not come up is made once more (it is the ground of the tests, not what they test); the error says
    what openbox said both times."""
    reasons = []
    for _ in range(2):
        xvfb, display = start_xvfb(size)
        reason = _start_openbox(display)
        if isinstance(reason, subprocess.Popen):
            return [reason, xvfb], display
        stop([xvfb])
        reasons.append(reason)
    raise RuntimeError("openbox did not start: " + "; ".join(reasons))


def _start_openbox(display: str) -> subprocess.Popen | str:
    """openbox running on `display`, or why not (its exit code and what it said)."""
    with tempfile.TemporaryFile() as said:
        openbox = subprocess.Popen(["openbox", "--sm-disable"], env=dict(os.environ, **x_env(display)),
                                   stdout=subprocess.DEVNULL, stderr=said)
        end = time.monotonic() + 20
        while not _wm_running(display):
            if time.monotonic() > end or openbox.poll() is not None:
                ended = openbox.poll()
                stop([openbox])
                said.seek(0)
                return (f"on {display}, {'still not up after 20 s' if ended is None else f'exit {ended}'}, "
                        f"saying {said.read()[-2000:]!r}")
            time.sleep(0.05)
    return openbox


def stop(processes: list[subprocess.Popen]) -> None:
    """Each ended by SIGTERM, which lets Xvfb remove its socket from /tmp/.X11-unix; SIGKILL after 5 s."""
    for proc in processes:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def x_env(display: str) -> dict:
    return {"DISPLAY": display, "WAYLAND_DISPLAY": "", "XDG_RUNTIME_DIR": "", "DBUS_SESSION_BUS_ADDRESS": ""}


def xdo(display: str, *args: str) -> str:
    proc = subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=display), capture_output=True,
                          text=True, timeout=10)
    return proc.stdout


def find_window(display: str, title: str, timeout: float = 20, asker: subprocess.Popen | None = None) -> str:
    """The id of the visible window whose title is `title` (KDE adds " — KDialog"), waiting for it to appear;
    `asker`: the process that should show it, whose output a failure shows once it has ended."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = xdo(display, "search", "--onlyvisible", "--name", f"^{re.escape(title)}( — KDialog)?$").split()
        if found:
            return found[-1]
        time.sleep(0.1)
    windows = [xdo(display, "getwindowname", window).strip()
               for window in xdo(display, "search", "--name", ".").split()]
    said = ""
    if asker is not None and asker.poll() is not None:
        said = f"; the asker ended ({asker.returncode}) saying: {asker.communicate()}"
    elif asker is not None:
        said = f"; the asker still runs, with {_children(asker.pid)}"
    raise AssertionError(f"no window titled {title!r} appeared; the windows there: {windows}{said}")


def _children(pid: int) -> list[str]:
    """What a process has started, with each one's state and command line."""
    import psutil

    found = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            found.append(f"{child.status()} {' '.join(child.cmdline())[:200]}")
        except psutil.Error:
            continue
    return found


def press(display: str, window: str, *keys: str) -> None:
    """Type keys that answer the dialog (`type_keys`). A key typed before the toolkit listens is lost (seen on
    a loaded machine), so while the window is still there a moment later the keys are typed again, as a player
    would press again."""
    for _ in range(5):
        type_keys(display, window, *keys)
        if window_gone(display, window, within=3.0):
            return


def type_keys(display: str, window: str, *keys: str) -> None:
    """Bring the window up through the window manager, as a click would, and type the keys into it once."""
    xdo(display, "windowactivate", "--sync", window)
    time.sleep(0.3)
    xdo(display, "key", "--clearmodifiers", *keys)


def window_gone(display: str, window: str, within: float) -> bool:
    """Whether the window no longer exists, waiting up to `within` seconds for it to go."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        probe = subprocess.run(["xwininfo", "-id", window], env=dict(os.environ, DISPLAY=display),
                               capture_output=True, timeout=10)
        if probe.returncode != 0:
            return True
        time.sleep(0.1)
    return False


def _xwininfo(display: str, *args: str) -> str:
    return subprocess.run(["xwininfo", *args], env=dict(os.environ, DISPLAY=display), capture_output=True,
                          text=True, timeout=10).stdout


def toplevel_of(display: str, window: str) -> int:
    """The child of the root window that holds `window` (toolkits may nest the named window)."""
    current = int(window)
    while True:
        info = _xwininfo(display, "-id", str(current), "-children")
        root = int(re.search(r"Root window id: (0x[0-9a-f]+)", info).group(1), 16)
        parent = int(re.search(r"Parent window id: (0x[0-9a-f]+)", info).group(1), 16)
        if parent == root:
            return current
        current = parent


def stacking_top_first(display: str) -> list[int]:
    """Ids of the root window's children, topmost first (xwininfo lists them so)."""
    out = _xwininfo(display, "-root", "-children")
    return [int(line.split()[0], 16) for line in out.splitlines() if line.startswith("     0x")]


def screenshot(display: str, path: Path, window: str | None = None) -> Path:
    subprocess.run(["import", "-window", window or "root", str(path)], env=dict(os.environ, DISPLAY=display),
                   check=True, timeout=20, capture_output=True)
    return path


def strong_green_pixels(display: str, window: str) -> int:
    """How many pixels of a window are a strong green (green at least twice red and twice blue): no dialog's own
    colours are, the green of spoofed markup ("All checks passed") is."""
    data = subprocess.run(["import", "-window", window, "-depth", "8", "ppm:-"], env=dict(os.environ, DISPLAY=display),
                          check=True, timeout=20, capture_output=True).stdout
    header = re.match(rb"P6\s+\d+\s+\d+\s+255\s", data)
    pixels = data[header.end():]
    return sum(1 for i in range(0, len(pixels) - 2, 3)
               if pixels[i + 1] >= 100 and 2 * pixels[i] < pixels[i + 1] and 2 * pixels[i + 2] < pixels[i + 1])


def require_notification_service() -> None:
    """dunst (a notification service that reads Pango markup) and a D-Bus session bus; CI installs them."""
    missing = [tool for tool in ("dunst", "dunstctl", "dbus-daemon", "notify-send") if shutil.which(tool) is None]
    if missing:
        message = f"missing {', '.join(missing)}: apt-get install dunst dbus-daemon libnotify-bin"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def start_notification_service(display: str, home: Path) -> tuple[list[subprocess.Popen], dict]:
    """A private D-Bus session bus and dunst on it, showing on `display`: (processes, environment to reach it)."""
    # an abstract socket: it leaves no file behind (the session configuration's socket in /tmp outlives the bus)
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1",
                            f"--address=unix:abstract=prelaunch-tests-{uuid.uuid4().hex}"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    env = dict(x_env(display), DBUS_SESSION_BUS_ADDRESS=bus.stdout.readline().strip(), HOME=str(home),
               XDG_CONFIG_HOME=str(home / ".config"))
    dunst = subprocess.Popen(["dunst"], env=dict(os.environ, **env), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    end = time.monotonic() + 20
    while subprocess.run(["dunstctl", "is-paused"], env=dict(os.environ, **env), capture_output=True,
                         timeout=10).returncode != 0:
        if time.monotonic() > end or dunst.poll() is not None:
            stop([dunst, bus])
            raise RuntimeError("dunst did not start")
        time.sleep(0.1)
    return [dunst, bus], env


def notifications(env: dict) -> list[dict]:
    """Every notification dunst has shown and closed: {"summary", "body"} as it received them."""
    run_env = dict(os.environ, **env)
    subprocess.run(["dunstctl", "close-all"], env=run_env, check=True, timeout=10)
    history = json.loads(subprocess.run(["dunstctl", "history"], env=run_env, capture_output=True, text=True,
                                        check=True, timeout=10).stdout)
    return [{key: entry[key]["data"] for key in ("summary", "body")} for entry in history["data"][0]]
