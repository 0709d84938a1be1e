"""`prelaunch install` offers the [devices] folder: at a terminal it lists the sync folders found (fake ones in the
test's HOME, and the OneDrive variables pointing at a folder of the test's own), the player picks one by number or
none; `--devices-folder DIR` sets one without asking; a run that asks nothing offers nothing. The choice lands in
the configuration file with every other byte kept, reads back through prelaunch's own loader, is rolled back with
a failed install, and is taken out again by uninstall. Real subprocesses, a real pseudo-terminal."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from prelaunch import config
from prelaunch.session import devices
from tests.helpers.installs import on_a_terminal, run_cli, snapshot
from tests.helpers.leases import this_computers_leases

PLAYER_CONFIG = ('# my settings\n[ui]\ntimeout = 30  # seconds\n\n[quiet.accounts]\nBob = ["network"]\n\n'
                 '# the network\n[network]\nenabled = false\n')


def settings_of(path: Path) -> dict:
    """Every setting prelaunch's own loader reads from the file, by table; no problem with it."""
    loaded = config.load(path)
    assert loaded.problems == [] and loaded.unparsed is None, loaded.problems
    return {name: dict(vars(section)) for name, section in loaded.sections().items()}


@pytest.fixture
def player(home: Path, prism_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The player's configuration file (comments, several tables, mode 0644), a Dropbox, a Syncthing and a
    Nextcloud folder in HOME, and a OneDrive for work elsewhere, named by its variable as on Windows."""
    path = Path(os.environ["PRELAUNCH_CONFIG"])
    path.write_text(PLAYER_CONFIG, encoding="utf-8")
    path.chmod(0o644)
    for name in ("Dropbox", "Sync", "Nextcloud"):
        (home / name).mkdir()
    work = tmp_path / "Work OneDrive"
    work.mkdir()
    monkeypatch.setenv("OneDriveCommercial", str(work))
    monkeypatch.setenv("OneDrive", str(home / "Sync"))  # the same folder twice is listed once
    return path


def listed(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("  ") and ") " in line[:6]]


def test_at_a_terminal_the_sync_folders_are_listed_and_one_is_picked_by_number(player, home, tmp_path):
    earlier = settings_of(player)
    result = on_a_terminal("y\n2\n", "install")
    assert result.returncode == 0, result.stdout + result.stderr
    assert listed(result.stdout) == ["  1) ~/Dropbox  (Dropbox)", "  2) ~/Sync  (Syncthing)",
                                     "  3) ~/Nextcloud  (Nextcloud)",
                                     f"  4) {tmp_path / 'Work OneDrive'}  (OneDrive (work or school))"]
    assert result.stdout.count("Pick one by its number (1-4), or press Enter for none: ") == 1
    assert player.read_text(encoding="utf-8") == PLAYER_CONFIG + '\n[devices]\nfolder = "~/Sync/prelaunch"\n'
    assert stat.S_IMODE(player.stat().st_mode) == 0o644  # the player's own file keeps its mode
    earlier["devices"]["folder"] = "~/Sync/prelaunch"
    assert settings_of(player) == earlier  # every earlier setting as it was, and the new one
    assert devices.folder_path("~/Sync/prelaunch") == str(home / "Sync" / "prelaunch")
    assert f"changed: {player}" in result.stdout.splitlines()
    assert "This computer now says which account it plays in ~/Sync/prelaunch." in result.stdout


def test_enter_picks_none_and_the_file_stays_as_it_was(player, prism_dir):
    before = snapshot(prism_dir)
    result = on_a_terminal("y\n\n", "install")
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(listed(result.stdout)) == 4 and "Pick one by its number" in result.stdout
    assert player.read_text(encoding="utf-8") == PLAYER_CONFIG and f"changed: {player}" not in result.stdout
    assert snapshot(prism_dir) != before  # the launcher files were set up all the same


def test_an_answer_not_on_the_list_is_asked_again(player):
    result = on_a_terminal("y\n7\n²\none\n", "install")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Pick one by its number (1-4)") == 3
    assert "7 is not a number from the list." in result.stdout and "² is not a number" in result.stdout
    assert player.read_text(encoding="utf-8") == PLAYER_CONFIG  # three answers off the list: none
    result = on_a_terminal("9\n1\n", "install")  # already set up: the offer is the only question
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Change " not in result.stdout and result.stdout.count("Pick one by its number") == 2
    assert player.read_text(encoding="utf-8") == PLAYER_CONFIG + '\n[devices]\nfolder = "~/Dropbox/prelaunch"\n'


def test_a_folder_already_set_is_said_and_not_asked_about(player):
    text = PLAYER_CONFIG.replace("[ui]\n", '[devices]\nfolder = "~/Elsewhere"\n\n[ui]\n')
    player.write_text(text, encoding="utf-8")
    result = on_a_terminal("y\n1\n", "install")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (f"Your computers say which account each plays in ~/Elsewhere ([devices] folder in {player}); to "
            "change it, edit that file.") in result.stdout
    assert "Pick one" not in result.stdout and not listed(result.stdout)
    assert player.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("how", ["no terminal", "--yes at a terminal", "--no-devices-folder at a terminal",
                                 "--dry-run at a terminal"])
def test_a_run_that_asks_nothing_offers_nothing(player, how):
    """The same computer's install at a terminal offers the folders (Enter: none); then each run that asks
    nothing, given an answer it would take, offers nothing and leaves the file as it was."""
    offered = on_a_terminal("y\n\n", "install")
    assert offered.returncode == 0 and len(listed(offered.stdout)) == 4, offered.stdout + offered.stderr
    if how == "no terminal":
        result = run_cli("install", "--yes")
    else:
        result = on_a_terminal("1\n", "install", how.split(" ", 1)[0])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Pick one" not in result.stdout and not listed(result.stdout) and "another computer" not in result.stdout
    assert player.read_text(encoding="utf-8") == PLAYER_CONFIG


def test_devices_folder_sets_it_without_asking(player, home, tmp_path):
    (home / "Dropbox" / "Minecraft é").mkdir()
    result = on_a_terminal("y\n", "install", "--devices-folder", str(home / "Dropbox" / "Minecraft é"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Pick one" not in result.stdout
    assert player.read_text(encoding="utf-8") == PLAYER_CONFIG + '\n[devices]\nfolder = "~/Dropbox/Minecraft é"\n'
    outside = tmp_path / "Work OneDrive"
    result = run_cli("install", "--yes", f"--devices-folder={outside}")  # scripted: replaces the earlier one
    assert result.returncode == 0, result.stdout + result.stderr
    assert player.read_text(encoding="utf-8") == PLAYER_CONFIG + f'\n[devices]\nfolder = "{outside}"\n'
    assert config.load(player).devices.folder == str(outside)
    result = run_cli("install", "--yes", "--devices-folder", "~/Sync", cwd=tmp_path)  # as a script quotes it
    assert result.returncode == 0, result.stdout + result.stderr
    assert config.load(player).devices.folder == "~/Sync"
    result = run_cli("install", "--yes", "--devices-folder", "Sync", cwd=home)  # relative: to where it runs
    assert result.returncode == 0 and f"changed: {player}" not in result.stdout  # the same folder: no change


def test_a_devices_folder_that_is_not_there_changes_nothing(player, prism_dir, home):
    before = snapshot(prism_dir)
    result = run_cli("install", "--yes", "--devices-folder", str(home / "Dropbx"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"prelaunch install: --devices-folder: there is no folder {home / 'Dropbx'}. Nothing was changed." \
        in result.stdout
    assert snapshot(prism_dir) == before and player.read_text(encoding="utf-8") == PLAYER_CONFIG
    assert not (Path(os.environ["XDG_DATA_HOME"]) / "prelaunch").exists()
    result = run_cli("install", "--yes", "--devices-folder=", cwd=home)  # not the folder it runs in
    assert result.returncode == 2 and "--devices-folder: no folder was named." in result.stdout
    assert snapshot(prism_dir) == before and player.read_text(encoding="utf-8") == PLAYER_CONFIG


def test_a_dry_run_shows_the_setting_and_writes_nothing(player, home):
    result = run_cli("install", "--dry-run", "--devices-folder", str(home / "Dropbox"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"  {player}\n    devices: folder: (not set) -> ~/Dropbox\n" in result.stdout
    assert player.read_text(encoding="utf-8") == PLAYER_CONFIG


@pytest.mark.parametrize("text", ["[ui\ntimeout = 3\n", "devices = 3\n", '[devices]\nfolder = 3\n'],
                         ids=["not TOML", "not a table", "not text"])
def test_a_file_that_cannot_take_it_is_left_alone_and_the_lines_are_shown(player, home, text):
    player.write_text(text, encoding="utf-8")
    result = run_cli("install", "--yes", "--devices-folder", str(home / "Dropbox"))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    said = next(i for i, line in enumerate(lines) if line.startswith("[devices] folder was not set: "))
    assert lines[said].endswith(f"To set it, add these lines to {player} yourself:")
    assert lines[said + 1:said + 3] == ["  [devices]", '  folder = "~/Dropbox"']
    assert player.read_text(encoding="utf-8") == text
    assert "changed: " in result.stdout  # the launchers were set up all the same


def test_a_configuration_file_the_install_makes_is_owner_only_and_goes_with_uninstall(player, home, monkeypatch):
    monkeypatch.delenv("PRELAUNCH_CONFIG")
    made = Path(os.environ["XDG_CONFIG_HOME"]) / "prelaunch" / "config.toml"
    result = run_cli("install", "--yes", "--devices-folder", str(home / "Nextcloud"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert made.read_text(encoding="utf-8") == '[devices]\nfolder = "~/Nextcloud"\n'
    assert stat.S_IMODE(made.stat().st_mode) == 0o600 and stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    result = run_cli("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{made}: removed (the install had made it)" in result.stdout.splitlines()
    assert not made.parent.exists() and "your settings" not in result.stdout


def test_uninstall_puts_the_file_back_and_keeps_what_the_player_changed_since(player, home):
    player.write_bytes(PLAYER_CONFIG.replace("\n", "\r\n").encode())  # Windows line ends stay
    assert run_cli("install", "--yes", "--devices-folder", str(home / "Dropbox")).returncode == 0
    assert player.read_bytes() == (PLAYER_CONFIG + '\n[devices]\nfolder = "~/Dropbox"\n').replace("\n", "\r\n").encode()
    result = run_cli("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"  {player}" in result.stdout.splitlines()  # listed with the launcher files it restores
    assert player.read_bytes() == PLAYER_CONFIG.replace("\n", "\r\n").encode()
    assert f"  your settings: {player}" in result.stdout.splitlines()
    # edited since: another setting of the player's stays; the folder install wrote goes
    player.write_text(PLAYER_CONFIG, encoding="utf-8")
    assert run_cli("install", "--yes", "--devices-folder", str(home / "Dropbox")).returncode == 0
    player.write_text(player.read_text(encoding="utf-8") + 'name = "Gaming PC"\n', encoding="utf-8")
    assert run_cli("uninstall", "--yes").returncode == 0
    assert player.read_text(encoding="utf-8") == PLAYER_CONFIG + '\n[devices]\nname = "Gaming PC"\n'
    # the folder changed by the player since: it stays as they set it
    assert run_cli("install", "--yes", "--devices-folder", str(home / "Dropbox")).returncode == 0
    changed = player.read_text(encoding="utf-8").replace('"~/Dropbox"', '"~/Sync"')
    player.write_text(changed, encoding="utf-8")
    result = run_cli("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{player}: [devices] folder kept as you set it" in result.stdout.splitlines()
    assert player.read_text(encoding="utf-8") == changed


def test_an_install_that_fails_leaves_the_configuration_file_as_it_was(player, home, monkeypatch):
    """The `prelaunch` command cannot be placed (~/.local/bin is a link to nowhere): the install stops after
    the configuration file was written, and puts it back with the launcher files."""
    (home / ".local" / "bin").symlink_to(home / "nowhere")
    result = run_cli("install", "--yes", "--devices-folder", str(home / "Dropbox"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"changed: {player}" in result.stdout and "back as they were before" in result.stdout
    assert player.read_text(encoding="utf-8") == PLAYER_CONFIG
    monkeypatch.setenv("PRELAUNCH_CONFIG", str(home / "new folder" / "config.toml"))  # one it makes
    result = run_cli("install", "--yes", "--devices-folder", str(home / "Dropbox"))
    assert result.returncode == 1 and "back as they were before" in result.stdout, result.stdout + result.stderr
    assert not (home / "new folder").exists()


def test_the_setting_goes_with_the_last_launcher_uninstalled(world):
    config_path = world.home / "p.toml"
    before = config_path.read_bytes()
    (world.home / "Dropbox").mkdir()
    result = world.run("install", "--yes", "--devices-folder", str(world.home / "Dropbox"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert config.load(config_path).devices.folder == "~/Dropbox"
    result = world.run("uninstall", "--yes", "--launcher", "prism")
    assert result.returncode == 0, result.stdout + result.stderr
    assert config.load(config_path).devices.folder == "~/Dropbox"  # the Modrinth App still runs prelaunch
    result = world.run("uninstall", "--yes", "--launcher", "modrinth")
    assert result.returncode == 0, result.stdout + result.stderr
    assert config_path.read_bytes() == before
    assert not (world.own / "manifest.json").exists() and not (world.own / "bin").exists()


def test_uninstall_still_ends_this_computers_leases_in_the_folder_install_set(world):
    """The folder is read before uninstall takes the setting out: this computer's ended lease there goes."""
    synced = world.home / "Sync"
    synced.mkdir()
    assert world.run("install", "--yes", "--devices-folder", str(synced)).returncode == 0
    this_computers_leases(synced, world.env)
    assert len(list(synced.iterdir())) == 3
    result = world.run("uninstall", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list(synced.iterdir())) == 2  # the ended one went; the one still playing and the other's stay
    assert "a game still playing, for your other computers" in result.stdout


def test_a_devices_folder_named_where_no_launcher_is_set_up_is_said_not_set(player, home):
    """No launcher to set up (here: no MultiMC in this HOME): nothing is installed, and the folder named is not
    dropped without a word: it is said not set, with the lines that set it by hand."""
    result = run_cli("install", "--yes", "--launcher", "multimc", "--devices-folder", str(home / "Dropbox"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No launcher found" in result.stdout
    assert f"[devices] folder was not set: no launcher was set up. To set it, add these lines to {player} " \
        "yourself:\n  [devices]\n  folder = \"~/Dropbox\"\n" in result.stdout
    assert player.read_text(encoding="utf-8") == PLAYER_CONFIG
