"""Notifications on a real notification service (dunst on a private session bus): a normal one goes away by
itself, so it never covers a later dialog; only a critical one stays, and the watchdog's notice is critical
only when the game really cannot join any more (its sign-in's own expiry has passed)."""

from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

from prelaunch import ui
from prelaunch.session import watchdog


def displayed(env: dict) -> int:
    out = subprocess.run(["dunstctl", "count", "displayed"], env=dict(os.environ, **env), capture_output=True,
                         text=True, timeout=10, check=True).stdout
    return int(out.strip())


def shown_for(env: dict, within: float) -> bool:
    """Whether a notification is still displayed after `within` seconds."""
    time.sleep(within)
    return displayed(env) > 0


def timeouts(env: dict) -> list[int]:
    """The expiry each notification was given, in microseconds (0: never), newest first."""
    run_env = dict(os.environ, **env)
    subprocess.run(["dunstctl", "close-all"], env=run_env, check=True, timeout=10)
    history = json.loads(subprocess.run(["dunstctl", "history"], env=run_env, capture_output=True, text=True,
                                        check=True, timeout=10).stdout)
    return [entry["timeout"]["data"] for entry in history["data"][0]]


@pytest.fixture
def on_desktop(notifying_desktop, monkeypatch):  # noqa: F811 - the fixture imported above
    display, env = notifying_desktop
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def test_a_normal_notification_goes_away_and_a_critical_one_stays(on_desktop):
    assert ui.notify("Minecraft (Steve)", "Your sign-in runs out soon.", timeout=2, backend_name="notify-send") == \
        "notify-send"
    assert displayed(on_desktop) == 1 and not shown_for(on_desktop, 4)
    ui.notify("Minecraft (Steve)", "Your sign-in ran out.", timeout=2, backend_name="notify-send", urgency="critical")
    assert shown_for(on_desktop, 4)


@pytest.mark.parametrize("known,critical", [(True, True), (False, False)])
def test_the_watchdog_is_critical_only_when_the_sign_in_really_ran_out(on_desktop, known, critical):
    """The token's own expiry passed: the game cannot join (critical). Only the configured lifetime passed: it
    has most likely run out, which a normal notification says."""
    notice = watchdog.Notice("Steve", time.time(), known, ["Quit and restart Prism Launcher, then launch again."])
    assert watchdog.tell(notice, {"mode": "auto", "backend": "notify-send", "timeout": 3}) == (
        "shown as a desktop notification (notify-send)")
    assert timeouts(on_desktop) == [0 if critical else 3_000_000]
