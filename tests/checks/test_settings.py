"""What prelaunch says about its own configuration file, and its memory of what a dialog already said."""

from __future__ import annotations

import os
import stat
import time

from prelaunch import config, paths
from prelaunch.checks import settings
from tests.helpers.configs import BROKEN_QUIET


def load(home, text: str) -> config.Config:
    path = home / "prelaunch.toml"
    path.write_text(text, encoding="utf-8")
    return config.load()


def test_a_file_left_out_whole_says_every_setting_is_off_block_included(home):
    found = settings.run(load(home, '[session]\non_account_in_use = block\n'))
    assert len(found) == 1
    finding = found[0]
    assert (finding.check, finding.severity) == ("config", "warning")
    assert finding.title == "Your prelaunch settings file has a mistake on line 2"
    assert finding.detail == (f"{home / 'prelaunch.toml'}, line 2: Invalid value. Until it is fixed, every setting "
                              'in it is off (a "block" for an account in use too) and prelaunch uses its defaults.')
    assert finding.fixes[0] == "Correct line 2 in a text editor and save; the next launch reads it again."
    assert finding.fixes[1] == f"The file: {home / 'prelaunch.toml'}"


def test_a_file_partly_kept_names_what_is_left_out(home):
    finding = settings.run(load(home, BROKEN_QUIET))[0]
    assert finding.title == "Your prelaunch settings file has a mistake on line 7"
    assert ("Until it is fixed, prelaunch leaves out [quiet.accounts] (lines 6–7) and uses its defaults for those "
            "settings; the rest of the file is in effect.") in finding.detail


def test_key_problems_are_one_line_each(home):
    found = settings.run(load(home, '[token]\ncolour = 1\n[session]\non_account_in_use = "maybe"\n'))
    assert [f.title for f in found] == [
        "Configuration: unknown key [token] colour",
        'Configuration: [session] on_account_in_use must be one of "ask", "block", "warn"; using the default '
        "'ask'"]


def test_said_once_per_version_of_the_file_in_an_owner_only_record(home):
    loaded = load(home, "x = \n")
    assert settings.unsaid(loaded)
    settings.said(loaded)
    record = os.path.join(paths.state_dir(), "said", "config.json")
    assert stat.S_IMODE(os.stat(record).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(record)).st_mode) == 0o700
    assert not settings.unsaid(config.load())
    path = home / "prelaunch.toml"
    later = time.time_ns() + 10**9
    os.utime(path, ns=(later, later))
    assert settings.unsaid(config.load())  # saved again: said again
    settings.said(config.load())
    assert not settings.unsaid(config.load())
    path.write_text("y = \n", encoding="utf-8")
    os.utime(path, ns=(later, later))
    assert settings.unsaid(config.load())  # another content at the same time
    assert not settings.unsaid(load(home, "[clock]\nthreshold_seconds = 30\n"))  # nothing to say


def test_the_record_keeps_the_latest_files_and_a_damaged_record_is_none(home, monkeypatch):
    for number in range(settings.KEPT_FILES + 1):
        path = home / f"config-{number}.toml"
        path.write_text("x = \n", encoding="utf-8")
        monkeypatch.setenv("PRELAUNCH_CONFIG", str(path))
        settings.said(config.load())
    assert not settings.unsaid(config.load())  # the latest
    monkeypatch.setenv("PRELAUNCH_CONFIG", str(home / "config-0.toml"))
    assert settings.unsaid(config.load())  # the oldest went
    record = os.path.join(paths.state_dir(), "said", "config.json")
    for damaged in (b"", b"[]", b"{", b"[" * 100000):
        with open(record, "wb") as handle:
            handle.write(damaged)
        assert settings.unsaid(config.load())
