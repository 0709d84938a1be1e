"""How the Modrinth App reads its hooks, per era and per place (launchers.md sections 2, 4 and 10)."""

from __future__ import annotations

import json

import pytest

from prelaunch.launchers import modrinth_hooks
from tests.helpers.builders import MODRINTH_ERAS, apsw_db, upgrade_modrinth_to_0_15, write_modrinth


def test_places_recorded_by_every_prelaunch_version():
    assert modrinth_hooks.parse_where("settings") == ("settings", "")
    assert modrinth_hooks.parse_where("instance[Pack [1]]") == ("path", "Pack [1]")
    assert modrinth_hooks.parse_where("profiles[Pack A]") == ("path", "Pack A")
    assert modrinth_hooks.parse_where("instance_launch_overrides.overrides[legacy:Pack A]") == ("id", "legacy:Pack A")


@pytest.mark.parametrize("value,old,hook,runs", [
    ("/h/zoë/bin/prelaunch-check", True, "pre_launch", True),
    ("/h/zoë/bin/prelaunch-check --then echo hi", True, "pre_launch", True),
    ('"/h/zoë smith/bin/prelaunch-check" --then echo hi', False, "pre_launch", True),
    ('"/h/zoë smith/bin/prelaunch-check" --then echo hi', True, "pre_launch", False),  # split on the space
    ("/h/bin/prelaunch-wrap gamemoderun", False, "wrapper", True),
    ("/h/bin/prelaunch-wrap gamemoderun", True, "wrapper", False),  # one program of that whole name
    ("/h/bin/prelaunch-wrap", False, "pre_launch", False),
    ("C:/Py/pythonw.exe C:/Users/Zoë/prelaunch/bin/prelaunch_entry.pyw check", False, "pre_launch", True),
    ("C:/Py/pythonw.exe C:/Users/Zoë/prelaunch/bin/prelaunch_entry.pyw wrap -- mangohud", False, "wrapper", True),
    ("C:/Py/pythonw.exe C:/Users/Zoë/prelaunch/bin/prelaunch_entry.pyw wrap", False, "pre_launch", False),
    ("echo 'unbalanced", False, "pre_launch", False),
    ("", False, "pre_launch", False),
])
def test_what_runs_prelaunch(value, old, hook, runs):
    assert modrinth_hooks.runs_prelaunch(value, old, hook) is runs


@pytest.mark.parametrize("value,hook,same", [
    ("/a/prelaunch-check --then echo hi", "pre_launch", True),
    ('echo "x"', "pre_launch", False),
    ("echo it's", "pre_launch", False),
    ("/usr/bin/gamemoderun", "wrapper", True),
    ("/a/prelaunch-wrap gamemoderun", "wrapper", False),
])
def test_values_that_read_the_same_before_and_after_the_requote(value, hook, same):
    assert modrinth_hooks.same_in_both(value, hook) is same


def test_old_syntax_per_place(home):
    """0.10.16-0.14: the global hooks are read the old way while settings.version is 1; an instance's while
    its launcher_feature_version predates migrated_launch_hooks."""
    root = write_modrinth(home / "m", "0.10.16-0.14", users=[], instances={"done": "Done", "pending": "Pending"})
    db = apsw_db(root / "app.db")
    db.execute("UPDATE profiles SET launcher_feature_version = 'none' WHERE path = 'pending'")
    db.execute("UPDATE settings SET version = 1")
    db.close()
    state = modrinth_hooks.read(str(root / "app.db"))
    assert state.settings.old_syntax is True
    assert {p.path: p.old_syntax for p in state.instances} == {"done": False, "pending": True}


@pytest.mark.parametrize("era", MODRINTH_ERAS)
def test_every_era_reads_the_same_places(home, era):
    root = write_modrinth(home / era, era, users=[], instances={"a": "A name", "b": "B"})
    db = apsw_db(root / "app.db")
    db.execute("UPDATE settings SET hook_pre_launch = 'echo g', hook_wrapper = NULL, hook_post_exit = ''")
    if era == "0.15+":
        db.execute("UPDATE instance_launch_overrides SET overrides = jsonb_set(overrides, '$.hooks', json(?)) "
                   "WHERE instance_id = (SELECT id FROM instances WHERE path = 'a')",
                   (json.dumps({"pre_launch": "", "wrapper": "x", "post_exit": None}),))
    else:
        db.execute("UPDATE profiles SET override_hook_pre_launch = '', override_hook_wrapper = 'x' WHERE path = 'a'")
    db.close()
    state = modrinth_hooks.read(str(root / "app.db"))
    assert state.era == era and state.settings.hooks == {"pre_launch": "echo g", "wrapper": None, "post_exit": ""}
    a, b = state.instances
    assert (a.path, a.name, a.hooks) == ("a", "A name", {"pre_launch": "", "wrapper": "x", "post_exit": None})
    assert b.hooks == {"pre_launch": None, "wrapper": None, "post_exit": None}
    assert modrinth_hooks.effective(a, state.settings, "pre_launch") is None  # '' runs nothing
    assert modrinth_hooks.effective(b, state.settings, "pre_launch") == ("echo g", state.settings.old_syntax)


def test_migrated_instances_are_blank(home):
    root = write_modrinth(home / "m", "0.10.16-0.14", users=[], instances={"a": "A"})
    upgrade_modrinth_to_0_15(root)
    [place] = modrinth_hooks.read(str(root / "app.db")).instances
    assert place.blank and place.key == "legacy:a" and place.writable
