"""The watchdog sees the launcher renew the running game's sign-in: a real `prelaunch wrap`, its watchdog and a
stand-in game, while the test rewrites the launcher's store the way the launcher does. Same account renewed:
the player is told within 30 s, once; another account renewed, or the same token saved again: nothing. When
the game ends, the watchdog keeps the game's record (what its log said this session, the renewal it saw), which
the next check tells once."""

from __future__ import annotations

import secrets
import subprocess
import sys
import time
from pathlib import Path

from prelaunch.session import last_game
from tests.helpers.builders import dashed, mint_jwt, prism_account, prism_instance, write_modrinth, write_prism
from tests.helpers.game_logs import KEY_REFUSED, entry, join, write_log
from tests.helpers.launch import GAME, LAUNCH_SCRIPT, game_argv, start_wrap, wait_for, write_config
from tests.helpers.launcher_writes import (
    modrinth_upsert,
    open_like_modrinth,
    renew_in_accounts_json,
    renew_in_modrinth,
    resave_accounts_json,
)
from tests.helpers.session import OWN_UUID, wait_until

NOTICE_S = 30.0  # the bound: a renewal is told within this
WAKE_S = 1.0  # `[session] wake_seconds` in these tests; the default is 15 s
CONSOLE = f'[ui]\nmode = "console"\n[session]\nwake_seconds = {WAKE_S}\n'
OTHER = secrets.token_hex(16)
TOLD = b"!![Warning]!prelaunch: Minecraft sign-in renewed while you play (Steve)"


def log_text(home: Path) -> str:
    log = home / ".local/state/prelaunch/log/prelaunch.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def told_in_log(home: Path) -> int:
    return log_text(home).count("renewed the sign-in of Steve")


def a_wake_up_passes() -> None:
    time.sleep(WAKE_S + 2)


def end_game(proc: subprocess.Popen) -> bytes:
    proc.kill()
    out, _ = proc.communicate(timeout=30)
    return out


def prism_with_steve_and_alex(home: Path) -> tuple[Path, Path]:
    """(instance folder, accounts.json) of a Prism Launcher with Steve (this run's own account) and Alex."""
    accounts = [prism_account("Steve", OWN_UUID, mint_jwt(time.time() + 9e4), active=True),
                prism_account("Alex", OTHER, mint_jwt(time.time() + 9e4))]
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": "Vanilla"}},
                           accounts=accounts)
    return prism_instance(data_dir, "v"), data_dir / "accounts.json"


def start_prism_game(inst: Path, tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    """Prism's way: the account from the launch context, the launch script on the game's stdin."""
    record = tmp_path / "game.json"
    argv = [sys.executable, GAME, str(record), "0", "120", "org.prismlauncher.EntryPoint"]
    (tmp_path / "launch-script").write_bytes(LAUNCH_SCRIPT)
    with open(tmp_path / "launch-script", "rb") as script:
        proc = start_wrap(argv, inst / "minecraft", {"INST_DIR": str(inst), "GAME_READS_STDIN": "1"}, stdin=script)
    return proc, record


def test_prism_accounts_json_renewed_while_playing(home, tmp_path):
    write_config(home, CONSOLE)
    inst, path = prism_with_steve_and_alex(home)
    proc, record = start_prism_game(inst, tmp_path)
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
    write_config(home, CONSOLE)
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


def test_after_the_game_the_next_check_says_what_happened_once(home, tmp_path, cli):
    """The previous session's log (a refused key in it) is not this game's; this game's log shows a server
    joined after the launcher renewed the sign-in, which the watchdog saw: the next check says so, once."""
    write_config(home, CONSOLE)
    inst, path = prism_with_steve_and_alex(home)
    game_dir = inst / "minecraft"
    write_log(game_dir, time.time() - 7200, [(time.time() - 3600, KEY_REFUSED)])  # the last session's
    proc, record = start_prism_game(inst, tmp_path)
    try:
        wait_for(record)
        log = write_log(game_dir, time.time(), [])  # the game starts a new latest.log
        renew_in_accounts_json(path, OWN_UUID)
        assert wait_until(lambda: told_in_log(home) == 1, timeout=NOTICE_S, step=0.2)
        time.sleep(1.1)  # the log's times have whole seconds: the join comes in a second after the renewal
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(entry(time.time(), join("play.example.net")))
    finally:
        end_game(proc)  # the launcher's Kill
    assert wait_until(lambda: last_game.read(OWN_UUID) is not None, timeout=10)
    env = {"INST_DIR": str(inst)}
    first = cli("check", "--ui", "console", env=env, cwd=game_dir)
    said = "game was signed out at"
    assert first.out.count(said) == 1 and "renewed the sign-in at" in first.out, first.out
    assert "a join of play.example.net" in first.out
    assert said not in cli("check", "--ui", "console", env=env, cwd=game_dir).out


def test_a_second_launch_refused_while_playing_is_in_the_games_record(home, tmp_path):
    write_config(home, '[session]\non_account_in_use = "block"\n[ui]\nmode = "none"\n')
    record = tmp_path / "first.json"
    first = start_wrap(game_argv(record, sleep_s=60, uuid=OWN_UUID), tmp_path)
    try:
        wait_for(record)
        second = start_wrap(game_argv(tmp_path / "second.json", uuid=OWN_UUID), tmp_path)
        out, _ = second.communicate(timeout=60)
        assert second.returncode == 1 and b"launch refused" in out
    finally:
        end_game(first)
    assert wait_until(lambda: last_game.read(OWN_UUID) is not None, timeout=10)
    launches = last_game.read(OWN_UUID)["second_launches"]
    assert [launch["allowed"] for launch in launches] == [False]
