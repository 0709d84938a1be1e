"""A Modrinth App's app.db for the installer tests: made in one era, its hooks set and read back as the app
reads them, and `prelaunch install`/`uninstall` run over it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.helpers.builders import (
    FIXTURE_UUID,
    apsw_db,
    dashed,
    mint_jwt,
    write_modrinth,
)
from tests.helpers.installs import run_cli
from tests.helpers.parsers import modrinth_old_split, modrinth_shlex

HOOKS = ("pre_launch", "wrapper", "post_exit")
NONE3 = (None, None, None)


def make(era: str, global_hooks=NONE3, instances: dict[str, tuple] | None = None, version: int | None = None
         ) -> Path:
    """app.db of one era in the default place, with the global hooks and each instance's (pre, wrapper,
    post-exit) as given; `version`: settings.version in 0.10.16-0.14."""
    data = write_modrinth(Path(os.environ["XDG_DATA_HOME"]) / "ModrinthApp", era,
                          [(dashed(FIXTURE_UUID), "Steve", mint_jwt(2e9), True)],
                          instances={path: path for path in instances or {}})
    db = data / "app.db"
    set_global(db, *global_hooks)
    for path, hooks in (instances or {}).items():
        set_instance(db, path, *hooks)
    if version is not None:
        with_db(db, lambda c: c.execute("UPDATE settings SET version = ?", (version,)))
    return db


def with_db(db: Path, work):
    connection = apsw_db(db)
    try:
        return work(connection)
    finally:
        connection.close()


def set_global(db: Path, pre, wrapper, post) -> None:
    with_db(db, lambda c: c.execute("UPDATE settings SET hook_pre_launch = ?, hook_wrapper = ?, hook_post_exit = ?",
                                    (pre, wrapper, post)))


def tables(c) -> set[str]:
    return {row[0] for row in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def set_instance(db: Path, path: str, pre, wrapper, post, feature_version: str | None = None) -> None:
    def work(c):
        if "profiles" in tables(c):
            c.execute("UPDATE profiles SET override_hook_pre_launch = ?, override_hook_wrapper = ?, "
                      "override_hook_post_exit = ? WHERE path = ?", (pre, wrapper, post, path))
            if feature_version:
                c.execute("UPDATE profiles SET launcher_feature_version = ? WHERE path = ?", (feature_version, path))
        else:
            c.execute("UPDATE instance_launch_overrides SET overrides = jsonb_set(overrides, '$.hooks', json(?)) "
                      "WHERE instance_id = (SELECT id FROM instances WHERE path = ?)",
                      (json.dumps(dict(zip(HOOKS, (pre, wrapper, post)))), path))
    with_db(db, work)


def global_hooks(db: Path) -> tuple:
    return with_db(db, lambda c: c.execute("SELECT hook_pre_launch, hook_wrapper, hook_post_exit FROM settings"
                                           ).fetchone())


def instance_hooks(db: Path, path: str) -> tuple:
    def work(c):
        if "profiles" in tables(c):
            return c.execute("SELECT override_hook_pre_launch, override_hook_wrapper, override_hook_post_exit "
                             "FROM profiles WHERE path = ?", (path,)).fetchone()
        doc = c.execute("SELECT json(o.overrides) FROM instances i JOIN instance_launch_overrides o "
                        "ON o.instance_id = i.id WHERE i.path = ?", (path,)).fetchone()[0]
        hooks = json.loads(doc).get("hooks") or {}
        return tuple(hooks.get(hook) for hook in HOOKS)
    return with_db(db, work)


def _old_syntax(c, path: str | None) -> bool:
    """Whether a place's hooks are split on spaces (0.8-0.10.15, or not yet re-quoted by 0.10.16-0.14)."""
    settings = {row[1] for row in c.execute("PRAGMA table_info(settings)")}
    if "profiles" not in tables(c):
        return False
    if "version" not in settings:
        return True
    if path is None:
        return c.execute("SELECT version FROM settings").fetchone()[0] == 1
    return c.execute("SELECT launcher_feature_version FROM profiles WHERE path = ?", (path,)
                     ).fetchone()[0] != "migrated_launch_hooks"


def app_runs(db: Path, path: str) -> dict[str, list[str] | None]:
    """What the app runs for each hook of instance `path`: the program and its arguments, or None."""
    own, glob = instance_hooks(db, path), global_hooks(db)
    old_here, old_global = with_db(db, lambda c: (_old_syntax(c, path), _old_syntax(c, None)))
    runs = {}
    for hook, mine, theirs in zip(HOOKS, own, glob):
        value, old = (mine, old_here) if mine is not None else (theirs, old_global)
        if not value:
            runs[hook] = None
        elif old:
            runs[hook] = [value] if hook == "wrapper" else modrinth_old_split(value)
        else:
            runs[hook] = modrinth_shlex(value)
    return runs


def names_prelaunch(db: Path) -> bool:
    return "prelaunch-" in json.dumps([global_hooks(db)] + with_db(db, lambda c: [
        list(row) for row in (c.execute("SELECT override_hook_pre_launch, override_hook_wrapper FROM profiles")
                              if "profiles" in tables(c) else c.execute("SELECT json(overrides) FROM "
                                                                         "instance_launch_overrides"))]))


def hook_findings(result) -> list[dict]:
    """The `hooks` findings of `check --json` or `doctor --json` (check may print a line after its JSON)."""
    document, _ = json.JSONDecoder().raw_decode(result.stdout)
    return [f for f in document["findings"] if f["check"] == "hooks"]


def install(*args: str) -> str:
    result = run_cli("install", "--yes", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def uninstall() -> str:
    result = run_cli("uninstall", "--yes")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stdout + result.stderr
    return result.stdout
