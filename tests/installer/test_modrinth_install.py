"""`prelaunch install`/`uninstall` on Modrinth App databases of every era, end to end in subprocesses, with the
app's own reading of its hooks as the oracle (written here from launchers.md sections 2, 4 and 10: the
instance's value unless NULL, else the global one; '' runs nothing; split on spaces up to 0.10.15 and where
0.10.16-0.14 have not re-quoted yet, POSIX shlex after), and the app's own upgrades (the 0.10.16-0.14
re-quote, the 0.15 migration) reproduced on the databases."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers.builders import (
    FIXTURE_UUID,
    MODRINTH_ERAS,
    dashed,
    mint_jwt,
    requote_modrinth,
    upgrade_modrinth_to_0_15,
)
from tests.helpers.installs import installed_scripts, run_cli
from tests.helpers.modrinth_app import (
    HOOKS,
    NONE3,
    app_runs,
    global_hooks,
    hook_findings,
    install,
    instance_hooks,
    make,
    names_prelaunch,
    set_global,
    set_instance,
    uninstall,
    with_db,
)
from tests.helpers.parsers import modrinth_old_split, modrinth_shlex


@pytest.fixture
def zoe_home(home, monkeypatch, tmp_path):
    """A HOME with a space and a non-ASCII letter. prelaunch's own folder (XDG_DATA_HOME) is in it too, so the
    commands written hold both; `old_era_data` moves it where 0.8-0.10.15 can name it (no space)."""
    spaced = tmp_path / "Zoë Smith"
    for name, sub in (("HOME", ""), ("XDG_DATA_HOME", ".local/share"), ("XDG_STATE_HOME", ".local/state"),
                      ("XDG_CACHE_HOME", ".cache"), ("XDG_CONFIG_HOME", ".config")):
        (spaced / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(spaced / sub))
    return spaced


@pytest.fixture
def old_era_data(zoe_home, monkeypatch, tmp_path):
    """Versions that split hooks on every space cannot run a path with one: the player sets XDG_DATA_HOME to a
    folder without a space (still non-ASCII), as install's note says."""
    data = tmp_path / "Zoë-data"
    data.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    return data


# --- eras and quoting ---------------------------------------------------------------------------------------

def test_old_era_single_tokens_split_on_spaces(old_era_data):
    db = make("0.8-0.10.15", ("echo hi", "/usr/bin/gamemoderun", None),
              {"Pack A": ("echo pack", None, None), "Pack B": ("", "/usr/bin/prime-run", None),
               "Pack C": NONE3})
    out = install()
    check, wrap = installed_scripts()
    assert app_runs(db, "Pack C") == {"pre_launch": [check, "--then", "echo", "hi"],
                                      "wrapper": ["/usr/bin/gamemoderun"], "post_exit": None}
    assert "cannot chain wrappers" in out
    assert app_runs(db, "Pack A")["pre_launch"] == [check, "--then", "echo", "pack"]
    assert app_runs(db, "Pack B") == {"pre_launch": [check], "wrapper": ["/usr/bin/prime-run"], "post_exit": None}
    assert "instance(s) 'Pack B' (pre-launch): these hooks were empty" in out


def test_old_era_refuses_a_path_with_a_space(zoe_home):
    db = make("0.8-0.10.15", ("echo hi", None, None), {"Pack A": NONE3})
    before = db.read_bytes()
    out = install("--dir", str(db.parent))
    assert "contains a space" in out and "0.10.16" in out
    assert db.read_bytes() == before


@pytest.mark.parametrize("version,spaces_ok", [(1, False), (2, True)])
def test_settings_version_decides_the_quoting(zoe_home, version, spaces_ok):
    db = make("0.10.16-0.14", ("echo hi", "gamemoderun", None), version=version)
    out = install("--dir", str(db.parent))
    pre, wrapper, _ = global_hooks(db)
    if spaces_ok:
        check, wrap = installed_scripts()
        assert " " in check and modrinth_shlex(pre) == [check, "--then", "echo", "hi"]
        assert modrinth_shlex(wrapper) == [wrap, "gamemoderun"]
    else:
        assert pre == "echo hi" and "contains a space" in out


# --- 7: the app's own upgrade must not switch prelaunch off -------------------------------------------------

UPGRADES = {
    "0.8-0.10.15 straight to 0.15": ("0.8-0.10.15", False),
    "0.8-0.10.15 through 0.10.16-0.14 to 0.15": ("0.8-0.10.15", True),
    "0.10.16-0.14 to 0.15": ("0.10.16-0.14", False),
}


@pytest.mark.parametrize("path", UPGRADES)
def test_an_install_survives_the_apps_upgrade_to_0_15(old_era_data, path):
    era, through_requote = UPGRADES[path]
    wrapper = "gamemoderun" if era == "0.10.16-0.14" else None
    db = make(era, ("echo hi", wrapper, "notify-send done"),
              {"Follows": NONE3, "Own": ("echo own", None, None), "Half": (None, None, "echo mine")})
    assert "instances that follow the global hooks get a copy of them" in install()
    check, wrap = installed_scripts()
    before_upgrade = {path: app_runs(db, path) for path in ("Follows", "Own", "Half")}
    if through_requote:
        requote_modrinth(db.parent)
    upgrade_modrinth_to_0_15(db.parent)
    after = {path: app_runs(db, path) for path in ("Follows", "Own", "Half")}
    assert after == before_upgrade  # every instance runs what it ran before the app's update
    own_wrapper = [wrap, "gamemoderun"] if wrapper else [wrap]
    assert after["Follows"] == {"pre_launch": [check, "--then", "echo", "hi"], "wrapper": own_wrapper,
                                "post_exit": ["notify-send", "done"]}
    assert after["Own"]["pre_launch"] == [check, "--then", "echo", "own"]
    assert after["Half"]["post_exit"] == ["echo", "mine"] and after["Half"]["wrapper"] == own_wrapper
    assert hook_findings(run_cli("doctor", "--json", "--launcher", "modrinth")) == []


def test_instances_switched_off_by_the_upgrade_are_named_and_install_fixes_them(zoe_home):
    """An instance made after the install (NULL hooks) is emptied by the 0.15 migration: `check` and `doctor`
    name it, with `prelaunch install` as the fix, which puts it back to following the global hooks."""
    db = make("0.10.16-0.14", ("echo hi", None, None), {"Old": NONE3})
    install()
    with_db(db, lambda c: c.execute(
        "INSERT INTO profiles (path, install_stage, name, game_version, mod_loader, groups, created, modified, "
        "override_extra_launch_args, override_custom_env_vars, launcher_feature_version) VALUES ('Later', "
        "'installed', 'Made Later', '1.21.1', 'vanilla', jsonb_array(), 0, 0, jsonb_array(), jsonb_array(), "
        "'migrated_launch_hooks')"))
    (db.parent / "profiles" / "Later").mkdir()
    coming = hook_findings(run_cli("doctor", "--json", "--launcher", "modrinth"))
    assert len(coming) == 1 and "'Made Later'" in coming[0]["detail"] and coming[0]["severity"] == "info"
    upgrade_modrinth_to_0_15(db.parent)
    check, wrap = installed_scripts()
    assert app_runs(db, "Later") == {hook: None for hook in HOOKS}
    result = run_cli("check", "--json", "--ui", "none", cwd=db.parent / "profiles" / "Old")
    found = hook_findings(result)
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert "'Made Later' (the check and the account lock)" in found[0]["detail"] and "'Old'" not in found[0]["detail"]
    assert "prelaunch install" in found[0]["fixes"][1]  # the command, after the step in words
    install()
    assert app_runs(db, "Later")["pre_launch"] == [check, "--then", "echo", "hi"]
    assert app_runs(db, "Later")["wrapper"] == [wrap]
    assert instance_hooks(db, "Later") == NONE3  # follows the global hooks again
    result = run_cli("check", "--json", "--ui", "none", cwd=db.parent / "profiles" / "Old")
    assert hook_findings(result) == []


def test_a_reinstall_refreshes_the_copies_it_made(old_era_data):
    db = make("0.10.16-0.14", ("echo hi", None, None), {"Follows": NONE3})
    install()
    check, _ = installed_scripts()
    set_global(db, f"{check} --then echo new", global_hooks(db)[1], None)  # edited in the app's settings
    install()
    assert app_runs(db, "Follows")["pre_launch"] == [check, "--then", "echo", "new"]
    uninstall()
    assert global_hooks(db) == ("echo new", None, None) and instance_hooks(db, "Follows") == NONE3


def test_uninstall_keeps_what_the_player_put_after_a_copy(zoe_home):
    """A copy of the global hook that the player changed in the instance since: prelaunch's command comes
    off, theirs stays, also after the app's update moved it into the JSONB overrides."""
    db = make("0.10.16-0.14", ("echo hi", None, None), {"Follows": NONE3, "Other": NONE3})
    install()
    check, _ = installed_scripts()
    pre = instance_hooks(db, "Follows")[0]
    assert modrinth_shlex(pre) == [check, "--then", "echo", "hi"]
    set_instance(db, "Follows", pre.replace("echo hi", "echo 'my own'"), *instance_hooks(db, "Follows")[1:])
    upgrade_modrinth_to_0_15(db.parent)
    uninstall()
    assert instance_hooks(db, "Follows") == ("echo 'my own'", None, "")
    assert instance_hooks(db, "Other") == (None, None, "") and not names_prelaunch(db)


# --- 8: uninstall after the app's upgrade --------------------------------------------------------------------

UNINSTALL_AFTER = {**{path: (*how, True) for path, how in UPGRADES.items()},
                   "0.8-0.10.15 to 0.10.16-0.14": ("0.8-0.10.15", True, False)}


@pytest.mark.parametrize("path", UNINSTALL_AFTER)
def test_uninstall_after_the_upgrade_restores_by_meaning(old_era_data, tmp_path, path):
    """Install, the app's upgrade, uninstall: no crash, nothing of prelaunch's left, and every instance runs
    what the same upgrade makes it run without prelaunch (a twin database), except that an instance that
    followed the global hooks follows them again (the 0.15 migration alone would have emptied it)."""
    era, through_requote, to_0_15 = UNINSTALL_AFTER[path]
    db = make(era, ("echo hi", None, None),
              {"Follows": NONE3, "Own": ('echo "quoted"', None, None), "Off": ("", "/usr/bin/prime-run", None)})
    twin = tmp_path / "twin"
    twin.mkdir()
    (twin / "app.db").write_bytes(db.read_bytes())
    install()
    for root in (db.parent, twin):
        if through_requote:
            requote_modrinth(root)
        if to_0_15:
            upgrade_modrinth_to_0_15(root)
    out = uninstall()
    assert "left as you changed them" not in out and not names_prelaunch(db)
    assert global_hooks(db) == global_hooks(twin / "app.db")
    # the player's own hooks, where they live now (re-quoted when the app did)
    assert app_runs(db, "Own") == app_runs(twin / "app.db", "Own")
    assert instance_hooks(db, "Own")[0] == instance_hooks(twin / "app.db", "Own")[0]
    assert app_runs(db, "Off")["wrapper"] == app_runs(twin / "app.db", "Off")["wrapper"]
    # 'Off''s '' held prelaunch alone and is '' again; the app's re-quote makes a '' it finds `''`, a program
    # with an empty name that does not start
    assert instance_hooks(db, "Off")[0] == ""
    assert instance_hooks(twin / "app.db", "Off")[0] == ("''" if through_requote else "")
    assert instance_hooks(twin / "app.db", "Follows") == (("", "", "") if to_0_15 else NONE3)
    assert instance_hooks(db, "Follows") == ((None, None, "") if to_0_15 else NONE3)
    assert app_runs(db, "Follows")["pre_launch"] == modrinth_shlex(global_hooks(db)[0])


def test_uninstall_of_an_earlier_install_after_the_upgrade(old_era_data):
    """An install made by an earlier prelaunch on 0.10.16-0.14 (its manifest names `profiles[...]`, and it
    copied nothing into the instances), then the app's 0.15 update: uninstall finds the hooks where they live
    now and gives the player's own back."""
    db = make("0.10.16-0.14", ("echo hi", None, None), {"Own": ("echo own", None, None), "Follows": NONE3})
    check, wrap = installed_scripts()
    set_global(db, f"{check} --then echo hi", wrap, None)
    set_instance(db, "Own", f"{check} --then echo own", None, None)
    settings = [{"where": "settings", "key": "hook_pre_launch", "before": "echo hi", "after": f"{check} --then echo hi",
                 "own": check},
                {"where": "settings", "key": "hook_wrapper", "before": None, "after": wrap, "own": wrap},
                {"where": "profiles[Own]", "key": "pre_launch", "before": "echo own",
                 "after": f"{check} --then echo own", "own": check}]
    manifest = Path(os.environ["XDG_DATA_HOME"]) / "prelaunch" / "manifest.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text(json.dumps({"version": 1, "files": {str(db): {
        "kind": "sqlite", "launcher": "modrinth", "backup": str(manifest.parent / "gone.db"), "settings": settings}}}))
    upgrade_modrinth_to_0_15(db.parent)
    out = uninstall()
    assert "left as you changed them" not in out and not names_prelaunch(db)
    assert global_hooks(db) == ("echo hi", None, None)
    assert instance_hooks(db, "Own") == ("echo own", "", "")
    assert instance_hooks(db, "Follows") == ("", "", "")  # what the update made of it; prelaunch never wrote it


def test_reading_for_a_plan_leaves_no_file_beside_app_db(zoe_home):
    db = make("0.15+", ("echo hi", None, None), {"Pack": ("", "", "")})
    before = sorted(p.name for p in db.parent.iterdir())
    result = run_cli("install", "--dry-run")
    assert result.returncode == 0 and "instance[Pack]: pre_launch: (empty) -> (not set)" in result.stdout
    assert sorted(p.name for p in db.parent.iterdir()) == before == ["app.db", "profiles"]


# --- 9: '' and the re-quote -----------------------------------------------------------------------------------

def test_new_era_blank_hooks_follow_the_global_ones_and_a_lone_blank_gets_prelaunch_alone(zoe_home):
    db = make("0.15+", (None, None, "notify-send done"),
              {"Blank": ("", "", ""), "Lone": ("", "mangohud --dlsym", ""), "Own": ("echo own", "", None),
               "New": NONE3})
    out = install()
    check, wrap = installed_scripts()
    assert instance_hooks(db, "Blank") == NONE3 and app_runs(db, "Blank") == {
        "pre_launch": [check], "wrapper": [wrap], "post_exit": ["notify-send", "done"]}
    assert "instance(s) 'Blank': their hooks were all set empty" in out
    assert app_runs(db, "Lone") == {"pre_launch": [check], "wrapper": [wrap, "mangohud", "--dlsym"], "post_exit": None}
    assert app_runs(db, "Own") == {"pre_launch": [check, "--then", "echo", "own"], "wrapper": [wrap],
                                   "post_exit": ["notify-send", "done"]}
    assert "instance(s) 'Lone' (pre-launch), 'Own' (wrapper): these hooks were empty" in out
    assert instance_hooks(db, "New") == NONE3
    result = run_cli("check", "--json", "--ui", "none", cwd=db.parent / "profiles" / "New")
    assert hook_findings(result) == []
    uninstall()
    assert [instance_hooks(db, p) for p in ("Blank", "Lone", "Own", "New")] == [
        ("", "", ""), ("", "mangohud --dlsym", ""), ("echo own", "", None), NONE3]
    assert global_hooks(db) == (None, None, "notify-send done")


def test_the_requote_of_0_10_16_keeps_a_chained_wrapper_whole(zoe_home):
    """Instances 0.10.16-0.14 have not re-quoted yet (an older `launcher_feature_version`) are re-quoted at the
    app's next start: what the installer wrote there must run the same after that re-quote (applied here as
    the app does it), and a chained wrapper must not become one program name."""
    db = make("0.10.16-0.14", ("echo hi", "gamemoderun", None),
              {"Pending": NONE3, "PendingOwn": ("echo own", "mangohud", None), "Done": NONE3})
    for path in ("Pending", "PendingOwn"):
        set_instance(db, path, *instance_hooks(db, path), feature_version="migrated_server_last_play_time")
    out = install("--dir", str(db.parent))
    check, wrap = installed_scripts()
    assert " " in check  # the HOME has a space: old-syntax instances cannot take prelaunch's check
    planned = {p: app_runs(db, p) for p in ("Pending", "PendingOwn", "Done")}
    requote_modrinth(db.parent)
    requoted = {p: app_runs(db, p) for p in ("Pending", "PendingOwn", "Done")}
    assert requoted == planned
    assert requoted["Done"]["wrapper"] == requoted["Pending"]["wrapper"] == [wrap, "gamemoderun"]
    assert requoted["PendingOwn"] == {"pre_launch": ["echo", "own"], "wrapper": ["mangohud"], "post_exit": None}
    assert "instance 'PendingOwn': prelaunch's pre-launch hook cannot be set there" in out
    assert "instance 'Pending': the global wrapper hook" in out and "cannot be copied there" in out


def test_requote_of_what_an_old_era_install_wrote(old_era_data):
    """0.8-0.10.15 values are re-quoted by 0.10.16-0.14 at their first start: prelaunch's values run the same."""
    db = make("0.8-0.10.15", ("echo hi", None, "echo bye"), {"Follows": NONE3, "Own": ("echo own", None, None)})
    install()
    planned = {p: app_runs(db, p) for p in ("Follows", "Own")}
    requote_modrinth(db.parent)
    assert {p: app_runs(db, p) for p in ("Follows", "Own")} == planned
    check, wrap = installed_scripts()
    assert planned["Follows"] == {"pre_launch": [check, "--then", "echo", "hi"], "wrapper": [wrap],
                                  "post_exit": ["echo", "bye"]}


# --- JSONB, idempotence, the player's later changes ------------------------------------------------------------

def jsonb_documents(db: Path) -> dict:
    return with_db(db, lambda c: {row[0]: (json.loads(row[1]), row[2]) for row in c.execute(
        "SELECT i.path, json(o.overrides), typeof(o.overrides) FROM instance_launch_overrides o "
        "JOIN instances i ON i.id = o.instance_id")})


def test_migrated_jsonb_documents_keep_every_other_key(old_era_data):
    """Overrides of migrated instances are one JSONB document: only `$.hooks` changes, it stays JSONB, and
    uninstall gives the documents back."""
    db = make("0.10.16-0.14", (None, None, None), {"Pack A": NONE3, "Pack B": ("echo own", "", None)})
    with_db(db, lambda c: c.execute("UPDATE profiles SET override_mc_memory_max = 4096, override_java_path = "
                                    "'/opt/java 21/bin/java' WHERE path = 'Pack A'"))
    upgrade_modrinth_to_0_15(db.parent)
    before = jsonb_documents(db)
    install()
    check, wrap = installed_scripts()
    after = jsonb_documents(db)
    assert {kind for _, kind in after.values()} == {"blob"}
    a, b = after["Pack A"][0], after["Pack B"][0]
    assert a["hooks"] == {"pre_launch": None, "wrapper": None, "post_exit": None}
    assert {k: v for k, v in a.items() if k != "hooks"} == {k: v for k, v in before["Pack A"][0].items()
                                                           if k != "hooks"}
    assert a["memory"] == {"maximum": 4096} and a["java_path"] == "/opt/java 21/bin/java"
    assert modrinth_shlex(b["hooks"]["pre_launch"]) == [check, "--then", "echo", "own"]
    uninstall()
    assert jsonb_documents(db) == before


def test_uninstall_keeps_what_the_player_changed_since(zoe_home):
    db = make("0.10.16-0.14", ("echo hi", None, None), version=3)
    install()
    set_global(db, global_hooks(db)[0], "my own", None)
    result = run_cli("uninstall", "--yes")
    assert result.returncode == 0 and "left as you changed them: settings hook_wrapper" in result.stdout
    assert global_hooks(db) == ("echo hi", "my own", None)


@pytest.mark.parametrize("era", MODRINTH_ERAS)
def test_second_install_changes_nothing(old_era_data, era):
    db = make(era, ("echo hi", None, "echo bye"), {"Pack": ("", "", ""), "Follows": NONE3, "Own": ("x", None, None),
                                                    "Lone": ("", "y", "")})
    install()
    check, _ = installed_scripts()
    assert app_runs(db, "Lone")["pre_launch"] == [check]
    before = db.read_bytes()
    assert "already set up" in install() and db.read_bytes() == before


def test_instance_install_in_the_new_era_sets_that_instance_only(zoe_home):
    db = make("0.15+", ("echo hi", None, None), {"One": NONE3, "Other": NONE3})
    install("--instance", "One")
    check, wrap = installed_scripts()
    assert app_runs(db, "One")["pre_launch"] == [check, "--then", "echo", "hi"]
    assert app_runs(db, "One")["wrapper"] == [wrap]
    assert global_hooks(db) == ("echo hi", None, None) and instance_hooks(db, "Other") == NONE3
    uninstall()
    assert instance_hooks(db, "One") == NONE3


def test_json_era_settings_and_profiles(zoe_home, old_era_data):
    from tests.helpers.builders import write_modrinth_legacy

    data = write_modrinth_legacy(Path(os.environ["HOME"]) / ".config" / "com.modrinth.theseus",
                                 [(dashed(FIXTURE_UUID), "Steve", mint_jwt(2e9))], default=dashed(FIXTURE_UUID),
                                 instances={"old": "Old", "own": "Own"})
    settings = data / "settings.json"
    settings.write_text('{\n  "theme": "dark",\n  "hooks": {\n    "pre_launch": "echo hi",\n    "wrapper": null,\n'
                        '    "post_exit": "echo bye"\n  }\n}\n')
    own = data / "profiles" / "own" / "profile.json"
    own.write_text('{"metadata": {"name": "Own"}, "hooks": {"pre_launch": null, "wrapper": "/usr/bin/prime-run"}}')
    before = {p: p.read_bytes() for p in (settings, own, data / "profiles" / "old" / "profile.json")}
    out = install()
    check, wrap = installed_scripts()
    doc = json.loads(settings.read_text())
    assert modrinth_old_split(doc["hooks"]["pre_launch"]) == [check, "--then", "echo", "hi"]
    assert doc["hooks"]["wrapper"] == wrap and doc["hooks"]["post_exit"] == "echo bye" and doc["theme"] == "dark"
    assert settings.read_text().startswith('{\n  "theme"')  # the file's own layout
    own_doc = json.loads(own.read_text())
    assert own_doc["hooks"]["pre_launch"] == check and own_doc["hooks"]["wrapper"] == "/usr/bin/prime-run"
    assert "cannot chain wrappers" in out
    assert (data / "profiles" / "old" / "profile.json").read_bytes() == before[data / "profiles" / "old" /
                                                                              "profile.json"]
    uninstall()
    assert {p: p.read_bytes() for p in before} == before
