"""Tokens are secrets: run every command on every fixture and search all output and every written file."""

import time
from pathlib import Path

from prelaunch.session import devices, last_game, leasekeeper
from prelaunch.session import lease as leases
from tests.helpers.builders import (
    FIXTURE_UUID,
    MINTED_SECRETS,
    MODRINTH_ERAS,
    dashed,
    mint_jwt,
    prism_account,
    prism_instance,
    write_modrinth,
    write_modrinth_legacy,
    write_prism,
)
from tests.helpers.game_logs import KEY_REFUSED, join, write_log
from tests.helpers.launch import game_argv, start_wrap, wait_for
from tests.helpers.session import OWN_UUID

COMMANDS = (("check", "--ui", "none"), ("check", "--ui", "none", "--json"), ("doctor",), ("doctor", "--json"),
            ("explain", "Failed to log in: Invalid session"), ("install", "--dry-run", "--yes"), ("status",),
            ("status", "--json"), ("install", "--yes"))


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def fixtures(home: Path) -> list[tuple[str, Path, dict]]:
    soon, later = time.time() + 1800, time.time() + 30 * 3600
    prism = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": "V"}},
                        accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(soon), active=True),
                                  prism_account("Off", "ab" * 16, "", kind="Offline")])
    multimc = write_prism(home / ".local/share/multimc", kind="multimc", config_version=False,
                          instances={"m": {"name": "M"}},
                          accounts=[prism_account("Alex", FIXTURE_UUID, mint_jwt(later), active=True)])
    found = [("prism", prism_instance(prism, "v"), {"INST_DIR": str(prism_instance(prism, "v"))}),
             ("multimc", prism_instance(multimc, "m"), {})]
    for era in MODRINTH_ERAS:  # the newest era where install finds it, so its backup is searched too
        root = home / ".local/share/ModrinthApp" if era == "0.15+" else home / "modrinth" / era
        data = write_modrinth(root, era, [(dashed(FIXTURE_UUID), "Steve", mint_jwt(soon), True)],
                              instances={"p": "P"})
        found.append((f"modrinth {era}", data / "profiles" / "p", {}))
    legacy = write_modrinth_legacy(home / ".config/com.modrinth.theseus",
                                   [(dashed(FIXTURE_UUID), "Steve", mint_jwt(time.time() - 60))],
                                   default=dashed(FIXTURE_UUID), instances={"o": "O"})
    found.append(("modrinth json", legacy / "profiles" / "o", {}))
    return found


def last_game_played(home: Path) -> last_game.Game:
    """Steve's last game, an hour long: its latest.log (whose first lines hold the token, as some modded games
    log their own command line) shows the sign-in refused after the launcher renewed it, and a second launch of
    the account was let go on meanwhile. Concluded after the snapshot, so the record is searched."""
    started = time.time() - 3600
    game = last_game.Game(FIXTURE_UUID, "Steve", "prism", "V", str(home / "game"), started_at=started,
                          token_expires_at=int(started) + 86400)
    write_log(home / "game", started, [(started + 600, join()), (started + 1500, KEY_REFUSED)])
    game.renewed_at = started + 1200
    return game


def test_no_token_in_any_output_or_written_file(cli, home, tmp_path):
    cases = fixtures(home)
    played = last_game_played(home)
    assert len(MINTED_SECRETS) > 10
    lease_folder = other_computers_playing(home, tmp_path)
    with open(home / "prelaunch.toml", "a", encoding="utf-8") as config:
        config.write("[session]\non_account_in_use = block\n")  # a mistake: said, and its saying remembered
    before = snapshot(tmp_path)
    last_game.note_second_launch(FIXTURE_UUID, True, at=played.started_at + 900)
    played.conclude()
    outputs = []
    for name, cwd, env in cases:
        for command in COMMANDS:
            result = cli(*command, env=env, cwd=cwd)
            assert "Traceback" not in result.err, (name, command, result.err)
            outputs.append((name, command, result.out + result.err))
    # a wrapped game with its token on the command line (as the Modrinth App starts it), watched while it runs
    # (its lease, its record); of an account of its own, since the fixture account plays on another computer
    token = mint_jwt(time.time() + 2)
    game = start_wrap(game_argv(tmp_path / "game.json", sleep_s=4, token=token, uuid=OWN_UUID), tmp_path,
                      env={"PRELAUNCH_CONFIG": str(home / "prelaunch.toml")})
    wait_for(tmp_path / "game.json")
    for command in (("status",), ("status", "--json"), ("check", "--ui", "none", "--json")):
        result = cli(*command, cwd=cases[2][1])
        outputs.append(("while wrapped", command, result.out + result.err))
    out, err = game.communicate(timeout=30)
    outputs.append(("wrap", ("wrap",), (out + err).decode("utf-8", "replace")))
    keep_a_lease(lease_folder)
    # [devices] folder set by install: the lines to add by hand (the configuration above is not valid TOML), then
    # a configuration file it writes
    unset = cli("install", "--yes", "--devices-folder", str(lease_folder.parent))
    moved = cli("install", "--yes", "--devices-folder", str(lease_folder.parent),
                env={"PRELAUNCH_CONFIG": str(tmp_path / "devices.toml")})
    outputs += [("install", ("install", "--devices-folder"), run.out + run.err) for run in (unset, moved)]
    uninstalled = cli("uninstall", "--dry-run", "--yes")  # lists what it would restore; backups stay
    outputs.append(("uninstall", ("uninstall",), uninstalled.out + uninstalled.err))
    after = snapshot(tmp_path)
    written = [p for p, data in after.items() if before.get(p) != data]
    texts = outputs + [("file", (str(p),), p.read_bytes().decode("utf-8", "replace")) for p in written]
    for name, command, text in texts:
        already = before.get(Path(command[0]), b"").decode("utf-8", "replace") if name == "file" else ""
        for secret in MINTED_SECRETS:  # a launcher file prelaunch changed keeps the launcher's own tokens
            assert secret not in text or secret in already, f"a token leaked in {name} {command}"
    # the search is real: the fixtures do hold the secrets it looks for, and an app.db backup was written; the
    # game's log holds a token, and its record was written and told
    assert any(s in (home / "game" / "logs" / "latest.log").read_text() for s in MINTED_SECRETS)
    assert last_game.record_file(FIXTURE_UUID) in {str(p) for p in written}
    assert last_game.record_file(OWN_UUID) in {str(p) for p in written}  # the wrapped game's, by its watchdog
    assert any("renewed the sign-in at" in text for _, _, text in outputs)
    assert any(s in (home / ".local/share/PrismLauncher/accounts.json").read_text() for s in MINTED_SECRETS)
    assert any(p.name.endswith("-app.db") for p in written), [str(p) for p in written]
    assert any(p.parent.name == "said" for p in written), [str(p) for p in written]
    assert any(p.parent == lease_folder and p not in before for p in written)  # this computer's lease was searched
    assert "[devices] folder was not set" in unset.out and tmp_path / "devices.toml" in written
    assert any("DESKTOP-A" in text for _name, command, text in outputs if command[0] in ("check", "status"))


def other_computers_playing(home: Path, tmp_path: Path) -> Path:
    """[devices] set, and another computer playing the fixture account: check, doctor and status speak of it."""
    folder = tmp_path / "Sync" / "prelaunch"
    folder.mkdir(parents=True)
    lease = leasekeeper.new_lease("1111222233334444", "DESKTOP-A", leases.account_id(FIXTURE_UUID), "Steve", "V",
                                  "prism", time.time() - 600, None).beat(time.time())
    devices.write(str(folder), lease)
    config = home / "prelaunch.toml"
    config.write_text(config.read_text() + f'[devices]\nfolder = "{folder}"\n', encoding="utf-8")
    return folder


def keep_a_lease(folder: Path) -> None:
    """This computer's lease of the fixture account, from the start to the release of a game."""
    keeper = leasekeeper.Keeper(str(folder), "LAPTOP-B", leases.account_id(FIXTURE_UUID), "Steve", "V", "prism",
                                300.0, None)
    assert keeper.start().problems == [] and keeper.beat().problems == [] and keeper.release() == []
