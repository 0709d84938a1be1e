"""A lone '' in an instance hook of the Modrinth App 0.15+ (reference: launchers.md section 12): the app's 0.15
update writes `COALESCE(override_hook_*, '')` for each hook, so an instance that had one or two hooks of its
own on 0.14 comes out with '' in the others, which switches the global hook off there. prelaunch goes in alone
there (no command of the player's runs in that field either way), every instance gets the check and the
account lock, and uninstall (with or without its manifest) puts the '' back. The databases are built on 0.14
and taken through the app's 0.15 migration (tests/helpers/builders.py), as the app's update does; the oracle is the
app's own reading (`app_runs`)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.helpers.builders import upgrade_modrinth_to_0_15
from tests.helpers.installs import installed_scripts, run_cli
from tests.helpers.modrinth_app import (
    NONE3,
    app_runs,
    global_hooks,
    hook_findings,
    install,
    instance_hooks,
    make,
    names_prelaunch,
    set_global,
    uninstall,
)

GLOBAL = ("echo hi", "gamemoderun", "notify-send done")
# each instance's hooks on 0.14 (pre-launch, wrapper, post-exit): NULL follows the global hook
ON_0_14 = {
    "Café": (None, None, "notify-send café"),  # one own hook: post-exit
    "Pre": ("echo own", None, None),  # one own hook: pre-launch
    "Wrap": (None, "mangohud", None),  # one own hook: the wrapper
    "Pre+Wrap": ("echo own", "mangohud", None),
    "Pre+Post": ("echo own", None, "echo bye"),
    "Wrap+Post": (None, "mangohud", "echo bye"),
    "All": ("echo own", "mangohud", "echo bye"),  # every field the player's: nothing is ''
    "Follows": NONE3,  # all three '' after the update: follows the global hooks again
}


def after_update(hooks: tuple) -> tuple:
    """What the app's 0.15 migration writes for them: `COALESCE(override_hook_*, '')`."""
    return tuple("" if value is None else value for value in hooks)


def expected(path: str, check: str, wrap: str) -> dict[str, list[str] | None]:
    """What the app runs in an instance once prelaunch is installed: prelaunch alone where the update left
    '', prelaunch in front of the player's own hook, the global hooks where all three were ''."""
    pre, wrapper, post = ON_0_14[path]
    if ON_0_14[path] == NONE3:
        pre, wrapper, post = GLOBAL
        return {"pre_launch": [check, "--then", *pre.split()], "wrapper": [wrap, wrapper], "post_exit": post.split()}
    return {"pre_launch": [check, "--then", *pre.split()] if pre else [check],
            "wrapper": [wrap, wrapper] if wrapper else [wrap], "post_exit": post.split() if post else None}


@pytest.fixture
def updated(home) -> Path:
    """app.db made by 0.14, then taken through the app's update to 0.15+."""
    db = make("0.10.16-0.14", GLOBAL, ON_0_14)
    upgrade_modrinth_to_0_15(db.parent)
    assert {path: instance_hooks(db, path) for path in ON_0_14} == {
        path: after_update(hooks) for path, hooks in ON_0_14.items()}
    return db


def test_after_the_update_every_instance_gets_the_check_and_the_lock(updated):
    db = updated
    before = run_cli("check", "--json", "--ui", "none", cwd=db.parent / "profiles" / "All")
    assert hook_findings(before) == []  # prelaunch not installed yet: the check says nothing
    out = install()
    check, wrap = installed_scripts()
    assert {path: app_runs(db, path) for path in ON_0_14} == {path: expected(path, check, wrap) for path in ON_0_14}
    assert "instance(s) 'Café' (pre-launch and wrapper), 'Pre' (wrapper), 'Pre+Post' (wrapper), 'Wrap' (pre-launch), " \
           "'Wrap+Post' (pre-launch): these hooks were empty" in out
    assert "prelaunch now runs there alone, with no command of yours after it" in out
    assert "" not in instance_hooks(db, "All") and instance_hooks(db, "Follows") == NONE3
    for path in ("Café", "Pre", "Wrap", "All", "Follows"):
        result = run_cli("check", "--json", "--ui", "none", cwd=db.parent / "profiles" / path)
        assert hook_findings(result) == [], path
    written = db.read_bytes()
    assert "already set up" in install() and db.read_bytes() == written  # a second install changes nothing
    uninstall()
    assert not names_prelaunch(db) and global_hooks(db) == GLOBAL
    restored = {path: instance_hooks(db, path) for path in ON_0_14}
    assert restored == {path: after_update(hooks) for path, hooks in ON_0_14.items() if path != "Follows"} | {
        "Follows": ("", "", "")}


def test_the_check_names_them_before_the_install_and_not_after(updated):
    db = updated
    check, wrap = installed_scripts()
    quoted = {path: f'"{path}"' if " " in path else path for path in (check, wrap)}
    # prelaunch in the global hooks only, as an install made by an earlier prelaunch left them
    with_global = (f"{quoted[check]} --then echo hi", f"{quoted[wrap]} gamemoderun", GLOBAL[2])
    set_global(db, *with_global)
    found = hook_findings(run_cli("check", "--json", "--ui", "none", cwd=db.parent / "profiles" / "All"))
    emptied = [f for f in found if "An empty hook" in f["title"]]
    assert len(emptied) == 1 and emptied[0]["severity"] == "warning"
    assert emptied[0]["detail"].startswith("'Café' (the check and the account lock), 'Pre' (the account lock)")
    assert "prelaunch install" in emptied[0]["fixes"][1]  # the command, after the step in words
    install()
    assert hook_findings(run_cli("check", "--json", "--ui", "none", cwd=db.parent / "profiles" / "All")) == []
    assert hook_findings(run_cli("doctor", "--json", "--launcher", "modrinth")) == []


def test_uninstall_without_its_manifest_puts_the_empty_hooks_back(updated):
    """The sweep reads prelaunch's commands by what they name: prelaunch alone in an instance hook was ''."""
    db = updated
    install()
    check, _ = installed_scripts()
    assert app_runs(db, "Café")["pre_launch"] == [check]
    (Path(os.environ["XDG_DATA_HOME"]) / "prelaunch" / "manifest.json").unlink()
    out = uninstall()
    assert "not in prelaunch's manifest" in out and not names_prelaunch(db)
    assert global_hooks(db) == GLOBAL
    assert {path: instance_hooks(db, path) for path in ON_0_14 if path != "Follows"} == {
        path: after_update(hooks) for path, hooks in ON_0_14.items() if path != "Follows"}


def test_without_global_hooks_of_the_players_the_sweep_still_puts_back_empty_hooks(home):
    """The player has no global hooks (the common case): the global hooks and the instance's empty ones then
    hold the same command, prelaunch alone. On 0.15+ they are '' again after uninstall, as they were."""
    db = make("0.10.16-0.14", NONE3, {"Café": (None, None, "notify-send café"), "Pre": ("echo own", None, None)})
    upgrade_modrinth_to_0_15(db.parent)
    install()
    check, wrap = installed_scripts()
    assert app_runs(db, "Café") == {"pre_launch": [check], "wrapper": [wrap], "post_exit": ["notify-send", "café"]}
    (Path(os.environ["XDG_DATA_HOME"]) / "prelaunch" / "manifest.json").unlink()
    uninstall()
    assert global_hooks(db) == NONE3
    assert instance_hooks(db, "Café") == ("", "", "notify-send café")
    assert instance_hooks(db, "Pre") == ("echo own", "", "")


def test_an_install_on_0_14_then_the_update_keeps_prelaunch_in_every_hook(home):
    """Installed on 0.14: an empty hook the player set there gets prelaunch alone, a hook that follows the
    global one gets a copy (installer/modrinth_places.py); after the update to 0.15+ every instance still
    runs the check and the lock, and uninstall gives '' back, exactly."""
    db = make("0.10.16-0.14", GLOBAL, {"Lone": ("", "mangohud", None), "Café": (None, None, "notify-send café"),
                                       "Pre": ("echo own", "", "")})
    install()
    check, wrap = installed_scripts()
    runs = {path: app_runs(db, path) for path in ("Lone", "Café", "Pre")}
    assert runs["Lone"] == {"pre_launch": [check], "wrapper": [wrap, "mangohud"], "post_exit": ["notify-send", "done"]}
    assert runs["Pre"] == {"pre_launch": [check, "--then", "echo", "own"], "wrapper": [wrap], "post_exit": None}
    upgrade_modrinth_to_0_15(db.parent)
    assert {path: app_runs(db, path) for path in ("Lone", "Café", "Pre")} == runs
    assert hook_findings(run_cli("doctor", "--json", "--launcher", "modrinth")) == []
    uninstall()
    assert instance_hooks(db, "Lone") == ("", "mangohud", None)
    assert instance_hooks(db, "Pre") == ("echo own", "", "")
    assert instance_hooks(db, "Café") == (None, None, "notify-send café")  # the copies follow the global hooks again


def test_a_failed_install_puts_the_empty_hooks_back_exactly(updated):
    """The database is written, then the install fails (its manifest cannot be saved): the journal rolls the
    hooks back, '' to '' (not NULL)."""
    db = updated
    rows = {path: instance_hooks(db, path) for path in ON_0_14}
    manifest = Path(os.environ["XDG_DATA_HOME"]) / "prelaunch" / "manifest.json"
    (manifest / "in the way").mkdir(parents=True)  # a folder where the manifest goes: saving it fails
    result = run_cli("install", "--yes")
    assert result.returncode == 1 and "back as they were before" in result.stdout, result.stdout + result.stderr
    assert "instance[Café]: pre_launch: (empty) -> " in result.stdout  # it was going to set prelaunch there
    assert {path: instance_hooks(db, path) for path in ON_0_14} == rows
    shutil.rmtree(manifest)
    install()
    assert json.loads(manifest.read_text())["files"][str(db)]["settings"]
