"""The watchdog sees the launcher renew the running game's sign-in: a real `prelaunch wrap`, its watchdog and a
stand-in game, while the test rewrites the launcher's store the way the launcher does. Same account renewed:
the player is told within 30 s, once; another account renewed, or the same token saved again: nothing."""

from __future__ import annotations

import secrets
import subprocess
import sys
import time
from pathlib import Path

from prelaunch.session import watchdog
from tests.builders import dashed, mint_jwt, prism_account, prism_instance, write_modrinth, write_prism
from tests.session.helpers import OWN_UUID, wait_until
from tests.session.launcher_writes import (
    modrinth_upsert,
    open_like_modrinth,
    renew_in_accounts_json,
    renew_in_modrinth,
    resave_accounts_json,
)
from tests.test_wrapper import GAME, LAUNCH_SCRIPT, start_wrap, wait_for, write_config

NOTICE_S = 30.0  # the bound: a renewal is told within this
OTHER = secrets.token_hex(16)
TOLD = b"!![Warning]!prelaunch: Minecraft sign-in renewed while you play (Steve)"


def log_text(home: Path) -> str:
    log = home / ".local/state/prelaunch/log/prelaunch.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def told_in_log(home: Path) -> int:
    return log_text(home).count("renewed the sign-in of Steve")


def a_wake_up_passes() -> None:
    time.sleep(watchdog.WAKE_S + 2)


def end_game(proc: subprocess.Popen) -> bytes:
    proc.kill()
    out, _ = proc.communicate(timeout=30)
    return out


def test_prism_accounts_json_renewed_while_playing(home, tmp_path):
    write_config(home, '[ui]\nmode = "console"\n')
    accounts = [prism_account("Steve", OWN_UUID, mint_jwt(time.time() + 9e4), active=True),
                prism_account("Alex", OTHER, mint_jwt(time.time() + 9e4))]
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": "Vanilla"}},
                           accounts=accounts)
    inst, path = prism_instance(data_dir, "v"), data_dir / "accounts.json"
    record = tmp_path / "game.json"
    argv = [sys.executable, GAME, str(record), "0", "120", "org.prismlauncher.EntryPoint"]
    (tmp_path / "launch-script").write_bytes(LAUNCH_SCRIPT)
    with open(tmp_path / "launch-script", "rb") as script:  # Prism's launch script on the game's stdin
        proc = start_wrap(argv, inst / "minecraft", {"INST_DIR": str(inst), "GAME_READS_STDIN": "1"}, stdin=script)
    try:
        wait_for(record)
        resave_accounts_json(path)  # the same tokens saved again
        renew_in_accounts_json(path, OTHER)  # another account renewed
        a_wake_up_passes()
        assert told_in_log(home) == 0
        renew_in_accounts_json(path, OWN_UUID)
        assert wait_until(lambda: told_in_log(home) == 1, timeout=NOTICE_S, step=0.2)
        a_wake_up_passes()
        assert told_in_log(home) == 1  # once per renewal
    finally:
        out = end_game(proc)
    assert out.count(TOLD) == 1, out
    assert "the notice was written to the launcher's console" in log_text(home)


def test_modrinth_app_db_renewed_by_the_app_while_playing(home, tmp_path):
    write_config(home, '[ui]\nmode = "console"\n')
    root = write_modrinth(home / ".local/share/ModrinthApp", "0.15+",
                          [(dashed(OWN_UUID), "Steve", mint_jwt(time.time() + 9e4), True),
                           (dashed(OTHER), "Alex", mint_jwt(time.time() + 9e4), False)])
    game_dir = root / "profiles" / "pack"
    game_dir.mkdir(parents=True, exist_ok=True)
    app = open_like_modrinth(root / "app.db")
    record = tmp_path / "game.json"
    argv = [sys.executable, GAME, str(record), "0", "120", "com.modrinth.theseus.MinecraftLaunch",
            "--username", "Steve", "--uuid", OWN_UUID, "--accessToken", mint_jwt(time.time() + 9e4)]
    proc = start_wrap(argv, game_dir)
    try:
        wait_for(record)
        modrinth_upsert(app, OWN_UUID)  # the same token saved again
        renew_in_modrinth(app, OTHER)  # another account renewed (clears Steve's `active` too)
        a_wake_up_passes()
        assert told_in_log(home) == 0
        renew_in_modrinth(app, OWN_UUID)
        assert wait_until(lambda: told_in_log(home) == 1, timeout=NOTICE_S, step=0.2)
    finally:
        out = end_game(proc)
        app.close()
    assert out.count(TOLD) == 1, out
