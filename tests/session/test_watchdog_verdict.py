"""The network verdict kept fresh while a game runs, by the real watchdog of a real `prelaunch wrap`: probed in a
process of its own every `[network] cache_minutes`, a bad one noted in the game's record and the log, never
shown mid-game."""

from __future__ import annotations

from prelaunch.session import last_game
from tests.helpers.launch import game_argv, start_wrap, wait_for
from tests.helpers.netconfig import configure
from tests.helpers.netservers import refused_url
from tests.helpers.session import OWN_UUID, wait_until


def test_an_outage_while_playing_is_noted_not_shown(home, tmp_path, certs):
    configure(home, [refused_url()], ca_bundle=certs.bundle, deadline=1.0, timeout=0.5,
              extra='cache_minutes = 0.05\n[ui]\nmode = "console"\n')  # every 3 s
    record = tmp_path / "game.json"
    proc = start_wrap(game_argv(record, sleep_s=30, uuid=OWN_UUID), tmp_path)
    log = home / ".local/state/prelaunch/log/prelaunch.log"
    try:
        wait_for(record)
        assert wait_until(lambda: log.exists() and "noted for the next launch" in log.read_text(), timeout=25)
    finally:
        proc.kill()
        out, _ = proc.communicate(timeout=30)
    assert b"prelaunch" not in out  # nothing said to the player while playing
    assert wait_until(lambda: last_game.read(OWN_UUID) is not None, timeout=10)
    assert [v["ok"] for v in last_game.read(OWN_UUID)["verdicts"]] == [False]
