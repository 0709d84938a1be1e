"""The hooks check: which Modrinth App instances prelaunch no longer runs in, read from app.db of each era."""

from __future__ import annotations

import pytest

from prelaunch import paths
from prelaunch.checks import hooks
from prelaunch.config import Config
from prelaunch.model import LaunchContext, LauncherInfo
from tests.helpers.builders import (
    MODRINTH_ERAS,
    upgrade_modrinth_to_0_15,
    write_modrinth_legacy,
)
from tests.helpers.modrinth_hooks_db import CHECK, SPACED, WRAP, build


def run(context: LaunchContext):
    return hooks.run(context, Config())


def test_nothing_when_prelaunch_is_not_in_the_global_hooks(home):
    context = build(home / "m", "0.15+", ("echo hi", None, None), {"Blank": ("", "", "")})
    assert run(context) == []


def test_instances_emptied_by_the_update_are_a_warning_with_install_as_the_fix(home):
    check, wrap = f'"{SPACED}/prelaunch-check"', f'"{SPACED}/prelaunch-wrap" gamemoderun'
    context = build(home / "m", "0.15+", (check, wrap, None),
                    {"Blank": ("", "", ""), "New": (None, None, None), "Chained": (f"{check} --then x", None, None)})
    [finding] = run(context)
    assert finding.severity == "warning" and finding.title == "prelaunch no longer runs in 1 Modrinth instance(s)"
    assert finding.detail.startswith("'Blank name' (the check and the account lock): their launch hooks were all")
    assert finding.fixes == ("Close the Modrinth App and run prelaunch's install again.",
                             f"The command: `{paths.how_to_run()} install`: it sets those instances back to follow "
                             "the global hooks.")


def test_an_instance_with_its_own_hook_is_a_warning(home):
    context = build(home / "m", "0.15+", (CHECK, WRAP, None),
                    {"Own": ("echo own", None, None), "OwnWrap": (None, "gamemoderun", None)})
    [finding] = run(context)
    assert finding.severity == "warning" and "own hooks" in finding.title
    assert finding.detail.startswith("'Own name' (the check), 'OwnWrap name' (the account lock): ")


def test_a_lone_empty_hook_is_a_warning_with_install_as_the_fix(home):
    """'' beside the instance's own hooks (the app's 0.15 update writes it there): the global hook is off."""
    context = build(home / "m", "0.15+", (CHECK, WRAP, None),
                    {"Lone": ("", f"{WRAP} mangohud", ""), "Café": ("", "", "notify-send bye"),
                     "Mixed": ("echo own", "", None)})
    emptied, own = run(context)
    assert emptied.severity == "warning" and "An empty hook" in emptied.title
    assert emptied.detail.startswith("'Café name' (the check and the account lock), 'Lone name' (the check), "
                                     "'Mixed name' (the account lock): ")
    assert emptied.fixes == ("Close the Modrinth App and run prelaunch's install again.",
                             f"The command: `{paths.how_to_run()} install`: it puts prelaunch alone in those empty "
                             "hooks, so none of your commands runs there either way.")
    assert own.severity == "warning" and own.detail.startswith("'Mixed name' (the check): ")


def test_prelaunch_alone_in_an_empty_hook_is_no_finding(home):
    """What install leaves in those instances: the check and the wrapper alone, nothing after them."""
    context = build(home / "m", "0.15+", (f"{CHECK} --then echo hi", f"{WRAP} gamemoderun", None),
                    {"Lone": (CHECK, f"{WRAP} mangohud", ""), "Café": (CHECK, WRAP, "notify-send bye")})
    assert run(context) == []


@pytest.mark.parametrize("era", MODRINTH_ERAS[:2])
def test_before_the_update_instances_that_follow_the_global_hooks_are_named(home, era):
    context = build(home / "m", era, (CHECK, WRAP, None),
                    {"Follows": (None, None, None), "Copied": (CHECK, WRAP, None)})
    [finding] = run(context)
    assert finding.severity == "info" and "would lose prelaunch in the app's 0.15 update" in finding.title
    assert finding.detail.startswith("'Follows name' (the check and the account lock) follow the global hooks")
    upgrade_modrinth_to_0_15(home / "m")  # what the update then does
    [finding] = run(context)
    assert finding.severity == "warning" and finding.detail.startswith("'Follows name' (the check and the account")


def test_windows_commands_are_recognised(home):
    python = "C:/Users/Zoë/AppData/Local/prelaunch/venv/Scripts/pythonw.exe"
    entry = "C:/Users/Zoë/AppData/Local/prelaunch/bin/prelaunch_entry.pyw"
    context = build(home / "m", "0.15+", (f"{python} {entry} check", f"{python} {entry} wrap --", None),
                    {"Blank": ("", "", ""), "New": (None, None, None)})
    [finding] = run(context)
    assert "'Blank name' (the check and the account lock)" in finding.detail and "New" not in finding.detail


def test_a_long_list_is_cut(home):
    context = build(home / "m", "0.15+", (CHECK, WRAP, None), {f"p{n:02d}": ("", "", "") for n in range(10)})
    [finding] = run(context)
    assert "10 Modrinth instance(s)" in finding.title and "and 4 more" in finding.detail
    assert finding.detail.count(" name'") == hooks.SHOWN


def test_other_launchers_and_old_versions_are_not_read(home):
    assert run(LaunchContext(launcher=LauncherInfo("prism", str(home), "cfg"))) == []
    assert run(LaunchContext()) == []
    legacy = write_modrinth_legacy(home / "legacy", users=[], default=None, instances={"i": "I"})
    assert run(LaunchContext(launcher=LauncherInfo("modrinth", str(legacy), "json (0.7 and older)"))) == []


def test_an_unreadable_database_is_no_finding(home):
    """The launch context already says app.db is damaged; the check adds nothing (and no "bug" finding)."""
    context = build(home / "m", "0.15+", (CHECK, WRAP, None), {"Blank": ("", "", "")})
    (home / "m" / "app.db").write_bytes(b"this is not a database at all" * 100)
    assert run(context) == []
