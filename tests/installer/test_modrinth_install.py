"""`prelaunch install`/`uninstall` on Modrinth App databases of every era, with the era's own splitter as
the oracle; the tables and columns are the app's."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.builders import FIXTURE_UUID, OVERRIDES_COLUMNS, dashed, mint_jwt, write_modrinth
from tests.installer.test_prism_install import installed_scripts, run_cli
from tests.parsers import modrinth_old_split, modrinth_shlex


def db_rows(path: Path, sql: str) -> list:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def make(era: str, users_pre: str | None = "echo hi", users_wrap: str | None = None, version: int | None = None,
         overrides: str | None = None) -> Path:
    kwargs = {"overrides": overrides} if overrides else {}
    data = write_modrinth(Path(os.environ["XDG_DATA_HOME"]) / "ModrinthApp", era,
                          [(dashed(FIXTURE_UUID), "Steve", mint_jwt(2e9), True)],
                          instances={"Pack A": "Pack A", "Pack B": "Pack B"}, **kwargs)
    db = data / "app.db"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE settings SET hook_pre_launch = ?, hook_wrapper = ?", (users_pre, users_wrap))
        if version is not None:
            conn.execute("UPDATE settings SET version = ?", (version,))
    return db


def test_old_era_single_tokens_split_on_spaces(home):
    db = make("0.8-0.10.15", users_wrap="/usr/bin/gamemoderun")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE profiles SET override_hook_pre_launch = 'echo pack' WHERE path = 'Pack A'")
        conn.execute("UPDATE profiles SET override_hook_pre_launch = '' WHERE path = 'Pack B'")
    result = run_cli("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    check, wrap = installed_scripts()
    pre, wrapper = db_rows(db, "SELECT hook_pre_launch, hook_wrapper FROM settings")[0]
    assert modrinth_old_split(pre) == [check, "--then", "echo", "hi"]
    assert wrapper == "/usr/bin/gamemoderun" and "cannot chain wrappers" in result.stdout
    rows = dict(db_rows(db, "SELECT path, override_hook_pre_launch FROM profiles"))
    assert modrinth_old_split(rows["Pack A"]) == [check, "--then", "echo", "pack"]
    assert rows["Pack B"] == "" and "switched off" in result.stdout


def test_old_era_refuses_a_path_with_a_space(home, monkeypatch, tmp_path):
    spaced = tmp_path / "with space"
    spaced.mkdir()
    db = make("0.8-0.10.15")
    monkeypatch.setenv("XDG_DATA_HOME", str(spaced))  # where prelaunch's own scripts would go
    before = db.read_bytes()
    result = run_cli("install", "--yes", "--dir", str(db.parent))
    assert "contains a space" in result.stdout and "0.10.16" in result.stdout
    assert db.read_bytes() == before


@pytest.mark.parametrize("version,spaces_ok", [(1, False), (2, True)])
def test_settings_version_decides_the_quoting(home, monkeypatch, tmp_path, version, spaces_ok):
    spaced = tmp_path / "Zoë Smith"
    spaced.mkdir()
    db = make("0.10.16-0.14", version=version, users_wrap="gamemoderun")
    monkeypatch.setenv("XDG_DATA_HOME", str(spaced))
    result = run_cli("install", "--yes", "--dir", str(db.parent))
    pre, wrapper = db_rows(db, "SELECT hook_pre_launch, hook_wrapper FROM settings")[0]
    if spaces_ok:
        check = str(spaced / "prelaunch" / "bin" / "prelaunch-check")
        assert modrinth_shlex(pre) == [check, "--then", "echo", "hi"]
        assert modrinth_shlex(wrapper) == [str(spaced / "prelaunch" / "bin" / "prelaunch-wrap"), "gamemoderun"]
    else:
        assert pre == "echo hi" and "contains a space" in result.stdout


def test_new_era_blank_overrides_fall_back_and_own_ones_chain(home):
    db = make("0.15+", users_pre=None, overrides=OVERRIDES_COLUMNS)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE instance_launch_overrides SET hook_pre_launch = '', hook_wrapper = '' "
                     "WHERE instance_id = 'legacy:Pack A'")
        conn.execute("UPDATE instance_launch_overrides SET hook_wrapper = 'mangohud --dlsym' "
                     "WHERE instance_id = 'legacy:Pack B'")
    migrations = db_rows(db, "SELECT * FROM _sqlx_migrations")
    assert run_cli("install", "--yes").returncode == 0
    check, wrap = installed_scripts()
    pre, wrapper = db_rows(db, "SELECT hook_pre_launch, hook_wrapper FROM settings")[0]
    assert modrinth_shlex(pre) == [check] and modrinth_shlex(wrapper) == [wrap]
    rows = {r[0]: r[1:] for r in db_rows(db, "SELECT instance_id, hook_pre_launch, hook_wrapper "
                                             "FROM instance_launch_overrides")}
    assert rows["legacy:Pack A"] == (None, None)  # '' switched the global hook off; NULL falls back to it
    assert rows["legacy:Pack B"][0] is None and modrinth_shlex(rows["legacy:Pack B"][1]) == [wrap, "mangohud",
                                                                                              "--dlsym"]
    assert db_rows(db, "SELECT * FROM _sqlx_migrations") == migrations
    assert run_cli("uninstall", "--yes").returncode == 0
    assert db_rows(db, "SELECT hook_pre_launch, hook_wrapper FROM settings")[0] == (None, None)
    rows = {r[0]: r[1:] for r in db_rows(db, "SELECT instance_id, hook_pre_launch, hook_wrapper "
                                             "FROM instance_launch_overrides")}
    assert rows == {"legacy:Pack A": ("", ""), "legacy:Pack B": (None, "mangohud --dlsym")}


def jsonb_documents(db: Path) -> dict:
    import apsw

    connection = apsw.Connection(str(db))
    try:
        return {row[0]: (row[1], row[2]) for row in connection.execute(
            "SELECT instance_id, json(overrides), typeof(overrides) FROM instance_launch_overrides")}
    finally:
        connection.close()


def test_jsonb_overrides_of_migrated_instances(home):
    """0.15-0.18 keep overrides as JSONB; the migration's '' hooks become null, and the document stays JSONB
    (written through apsw where Python's SQLite is older than 3.45, as here)."""
    import apsw

    db = make("0.15+", users_pre=None)
    connection = apsw.Connection(str(db))
    connection.execute("INSERT INTO instance_launch_overrides VALUES ('legacy:Pack A', jsonb(?)), "
                       "('legacy:Pack B', jsonb(?))",
                       ('{"hooks": {"pre_launch": "", "wrapper": null}, "memory": {"maximum": 4096}}',
                        '{"hooks": {"pre_launch": "echo own", "wrapper": ""}}'))
    connection.close()
    before = jsonb_documents(db)
    result = run_cli("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    check, wrap = installed_scripts()
    after = jsonb_documents(db)
    import json

    a, b = json.loads(after["legacy:Pack A"][0]), json.loads(after["legacy:Pack B"][0])
    assert a == {"hooks": {"pre_launch": None, "wrapper": None}, "memory": {"maximum": 4096}}
    assert modrinth_shlex(b["hooks"]["pre_launch"]) == [check, "--then", "echo", "own"]
    assert b["hooks"]["wrapper"] is None
    assert {kind for _, kind in after.values()} == {"blob"}  # still JSONB
    assert run_cli("uninstall", "--yes").returncode == 0
    restored = jsonb_documents(db)
    assert {k: json.loads(v[0]) for k, v in restored.items()} == {k: json.loads(v[0]) for k, v in before.items()}
    assert {kind for _, kind in restored.values()} == {"blob"}


def test_uninstall_keeps_what_the_player_changed_since(home):
    db = make("0.10.16-0.14", version=3)
    assert run_cli("install", "--yes").returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE settings SET hook_wrapper = 'my own'")
    result = run_cli("uninstall", "--yes")
    assert result.returncode == 0 and "left as you changed them: settings hook_wrapper" in result.stdout
    assert db_rows(db, "SELECT hook_pre_launch, hook_wrapper FROM settings")[0] == ("echo hi", "my own")


def test_second_install_changes_nothing(home):
    db = make("0.15+", overrides=OVERRIDES_COLUMNS)
    assert run_cli("install", "--yes").returncode == 0
    before = db.read_bytes()
    result = run_cli("install", "--yes")
    assert "already set up" in result.stdout and db.read_bytes() == before


def test_json_era_settings_and_profiles(home):
    from tests.builders import write_modrinth_legacy

    data = write_modrinth_legacy(Path(os.environ["HOME"]) / ".config" / "com.modrinth.theseus",
                                 [(dashed(FIXTURE_UUID), "Steve", mint_jwt(2e9))], default=dashed(FIXTURE_UUID),
                                 instances={"old": "Old", "own": "Own"})
    settings = data / "settings.json"
    settings.write_text('{\n  "theme": "dark",\n  "hooks": {\n    "pre_launch": "echo hi",\n    "wrapper": null,\n'
                        '    "post_exit": "echo bye"\n  }\n}\n')
    own = data / "profiles" / "own" / "profile.json"
    own.write_text('{"metadata": {"name": "Own"}, "hooks": {"pre_launch": null, "wrapper": "/usr/bin/prime-run"}}')
    before = {p: p.read_bytes() for p in (settings, own, data / "profiles" / "old" / "profile.json")}
    result = run_cli("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    check, wrap = installed_scripts()
    doc = __import__("json").loads(settings.read_text())
    assert modrinth_old_split(doc["hooks"]["pre_launch"]) == [check, "--then", "echo", "hi"]
    assert doc["hooks"]["wrapper"] == wrap and doc["hooks"]["post_exit"] == "echo bye" and doc["theme"] == "dark"
    assert settings.read_text().startswith('{\n  "theme"')  # the file's own layout
    own_doc = __import__("json").loads(own.read_text())
    assert own_doc["hooks"]["pre_launch"] == check and own_doc["hooks"]["wrapper"] == "/usr/bin/prime-run"
    assert "cannot chain wrappers" in result.stdout
    assert (data / "profiles" / "old" / "profile.json").read_bytes() == before[data / "profiles" / "old" /
                                                                              "profile.json"]
    assert run_cli("uninstall", "--yes").returncode == 0
    assert {p: p.read_bytes() for p in before} == before
