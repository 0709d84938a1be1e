"""The [devices] section: a folder, a name, and a staleness threshold held to its range like every key."""

from __future__ import annotations

from prelaunch import config as config_module


def load(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return config_module.load(path)


def test_devices_are_off_by_default(tmp_path):
    devices = load(tmp_path, "").devices
    assert (devices.folder, devices.name, devices.stale_minutes) == ("", "", 5.0)


def test_the_devices_keys_are_read(tmp_path):
    config = load(tmp_path, '[devices]\nfolder = "~/Sync/prelaunch"\nname = "Gaming PC"\nstale_minutes = 12\n')
    assert (config.devices.folder, config.devices.name, config.devices.stale_minutes) == (
        "~/Sync/prelaunch", "Gaming PC", 12.0)
    assert config.problems == []


def test_a_staleness_out_of_its_range_is_named_and_the_default_kept(tmp_path):
    for value in ("0", "61", "nan", "inf", '"5"', "true"):
        config = load(tmp_path, f"[devices]\nstale_minutes = {value}\n")
        assert config.devices.stale_minutes == 5.0
        [problem] = config.problems
        assert problem.startswith("[devices] stale_minutes must be a number from 1 to 60 (minutes)")


def test_a_folder_that_is_not_text_or_an_unknown_key_is_named(tmp_path):
    config = load(tmp_path, "[devices]\nfolder = 3\nname = ['a']\nstale = 5\n")
    assert (config.devices.folder, config.devices.name) == ("", "")
    assert config.problems == ["[devices] folder must be a string; using the default ''",
                               "[devices] name must be a string; using the default ''",
                               "unknown key [devices] stale"]
