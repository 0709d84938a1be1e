"""Launch context of Modrinth App instances, for every storage era, from INST_* or the working dir."""

import sqlite3
import time
from pathlib import Path

import pytest

from prelaunch.launchers import detect as context
from prelaunch.launchers import modrinth_db, modrinth_hooks
from tests.helpers.builders import FIXTURE_UUID, MODRINTH_ERAS, dashed, mint_jwt, write_modrinth, write_modrinth_legacy

OTHER = "fedcba9876543210fedcba9876543210"


@pytest.fixture
def exp():
    return int(time.time()) + 3 * 3600


@pytest.mark.parametrize("era", MODRINTH_ERAS)
def test_each_database_era(home, era, exp):
    data_dir = write_modrinth(home / ".local/share/ModrinthApp", era,
                              users=[(dashed(OTHER), "Alex", mint_jwt(exp + 99), False),
                                     (dashed(FIXTURE_UUID), "Steve", mint_jwt(exp), True)],
                              instances={"Fabulously Optimized": "Fabulously Optimized 6.4"})
    inst = data_dir / "profiles" / "Fabulously Optimized"
    for env, cwd in (({}, inst), ({"INST_ID": inst.name, "INST_DIR": str(inst), "INST_MC_DIR": str(inst)}, Path("/"))):
        ctx = context.detect(env=env, cwd=cwd)
        assert ctx.launcher.kind == "modrinth" and ctx.launcher.storage == f"app.db ({era})"
        assert ctx.instance.name == "Fabulously Optimized 6.4" and ctx.instance.id == "Fabulously Optimized"
        assert (ctx.account.name, ctx.account.uuid) == ("Steve", FIXTURE_UUID)
        assert ctx.account.token_expires_at == exp  # the JWT's exp, not the stored Microsoft `expires`


def test_first_active_row_wins_when_several_are_active(home, exp):
    data_dir = write_modrinth(home / "m", "0.15+", users=[(dashed(FIXTURE_UUID), "First", mint_jwt(exp), True),
                                                          (dashed(OTHER), "Second", mint_jwt(exp), True)],
                              instances={"i": "I"})
    assert context.detect(env={}, cwd=data_dir / "profiles" / "i").account.name == "First"


def test_theseus_config_dir_and_custom_dir(home, tmp_path, monkeypatch, exp):
    settings_dir = write_modrinth(tmp_path / "settings", "0.10.16-0.14",
                                  users=[(dashed(FIXTURE_UUID), "Steve", mint_jwt(exp), True)])
    custom = tmp_path / "games"
    (custom / "profiles" / "i").mkdir(parents=True)
    with sqlite3.connect(settings_dir / "app.db") as db:
        db.execute("UPDATE settings SET custom_dir = ?", (str(custom),))
    monkeypatch.setenv("THESEUS_CONFIG_DIR", str(settings_dir))
    ctx = context.detect(env={}, cwd=custom / "profiles" / "i")
    assert ctx.launcher.data_dir == str(settings_dir) and ctx.account.name == "Steve"


def test_legacy_json_era(home, exp):
    data_dir = write_modrinth_legacy(home / ".config/com.modrinth.theseus",
                                     users=[(dashed(OTHER), "Alex", mint_jwt(exp + 5)),
                                            (dashed(FIXTURE_UUID), "Steve", mint_jwt(exp))],
                                     default=dashed(FIXTURE_UUID), instances={"old": "Old Pack"})
    ctx = context.detect(env={}, cwd=data_dir / "profiles" / "old")
    assert ctx.launcher.storage.startswith("json") and ctx.instance.name == "Old Pack"
    assert ctx.account.name == "Steve" and ctx.account.token_expires_at == exp


def test_legacy_without_default_takes_the_first(home, exp):
    data_dir = write_modrinth_legacy(home / "m", users=[(dashed(OTHER), "Alex", mint_jwt(exp))], default=None,
                                     instances={"old": "Old"})
    assert context.detect(env={}, cwd=data_dir / "profiles" / "old").account.name == "Alex"


def test_missing_database_falls_back_to_nothing(home, tmp_path):
    inst = tmp_path / "x" / "profiles" / "i"
    inst.mkdir(parents=True)
    ctx = context.detect(env={}, cwd=inst)
    assert ctx.launcher is None and ctx.account is None


def test_corrupt_database(home):
    data_dir = home / "m"
    (data_dir / "profiles" / "i").mkdir(parents=True)
    (data_dir / "app.db").write_bytes(b"this is not a database at all" * 100)
    ctx = context.detect(env={}, cwd=data_dir / "profiles" / "i")
    assert ctx.launcher.kind == "modrinth" and ctx.account is None
    assert any("unreadable or damaged" in n.title for n in ctx.notes)


def test_unknown_schema(home):
    data_dir = home / "m"
    (data_dir / "profiles" / "i").mkdir(parents=True)
    with sqlite3.connect(data_dir / "app.db") as db:
        db.execute("CREATE TABLE something_else (x)")
    ctx = context.detect(env={}, cwd=data_dir / "profiles" / "i")
    assert any("layout prelaunch does not know" in n.title for n in ctx.notes)


def test_database_locked_by_a_writer_is_bounded(home, exp):
    """A writer holding app.db in exclusive locking mode (WAL, as the app runs it): the read gives up after the
    one-second busy timeout and says why."""
    data_dir = write_modrinth(home / "m", "0.15+", users=[(dashed(FIXTURE_UUID), "Steve", mint_jwt(exp), True)],
                              instances={"i": "I"})
    writer = sqlite3.connect(data_dir / "app.db", isolation_level=None)
    writer.execute("PRAGMA locking_mode = EXCLUSIVE")
    writer.execute("BEGIN EXCLUSIVE")
    writer.execute("UPDATE settings SET theme = 'light'")
    try:
        ctx = context.detect(env={}, cwd=data_dir / "profiles" / "i")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert ctx.account is None and any("busy" in n.title for n in ctx.notes)


def test_wal_database_in_use_is_read(home, exp):
    data_dir = write_modrinth(home / "m", "0.15+", users=[(dashed(FIXTURE_UUID), "Steve", mint_jwt(exp), True)],
                              instances={"i": "I"})
    app = sqlite3.connect(data_dir / "app.db", isolation_level=None, check_same_thread=False)
    app.execute("PRAGMA journal_mode=WAL")
    app.execute("BEGIN IMMEDIATE")
    app.execute("UPDATE settings SET theme = 'dark'")
    try:
        ctx = context.detect(env={}, cwd=data_dir / "profiles" / "i")
    finally:
        app.execute("COMMIT")
        app.close()
    assert ctx.account.name == "Steve"


def test_database_is_never_written(home, exp):
    data_dir = write_modrinth(home / "m", "0.15+", users=[(dashed(FIXTURE_UUID), "Steve", mint_jwt(exp), True)],
                              instances={"i": "I"})
    before = (data_dir / "app.db").read_bytes()
    context.detect(env={}, cwd=data_dir / "profiles" / "i")
    assert (data_dir / "app.db").read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["app.db", "profiles"]


def test_era_detection_names(home):
    for era in MODRINTH_ERAS:
        data_dir = write_modrinth(home / era, era, users=[])
        assert modrinth_db.read(data_dir / "app.db", modrinth_db.storage_era) == era


def test_overrides_in_columns_are_not_a_known_layout(home):
    """A column per override in `instance_launch_overrides` existed only in unreleased development builds of
    0.15 (no release up to 0.18.2 has it): read as a layout prelaunch does not know."""
    data_dir = write_modrinth(home / "m", "0.15+", users=[])
    db = sqlite3.connect(data_dir / "app.db")
    db.executescript("DROP TABLE instance_launch_overrides; CREATE TABLE instance_launch_overrides "
                     "(instance_id TEXT NOT NULL PRIMARY KEY, java_path TEXT NULL, hook_pre_launch TEXT NULL, "
                     "hook_wrapper TEXT NULL, hook_post_exit TEXT NULL);")
    db.close()
    assert modrinth_db.read(data_dir / "app.db", modrinth_db.storage_era) is None


def beside(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.iterdir())


@pytest.mark.parametrize("era", MODRINTH_ERAS)
def test_reading_a_closed_wal_database_leaves_no_file_beside_it(home, exp, era):
    """The app runs app.db in WAL mode; a read-only open would leave app.db-wal and app.db-shm behind. With
    the app closed, reading the launch context and the hooks creates nothing."""
    data_dir = write_modrinth(home / "m", era, users=[(dashed(FIXTURE_UUID), "Steve", mint_jwt(exp), True)],
                              instances={"i": "I"})
    with open(data_dir / "app.db", "rb") as handle:
        assert handle.read(20)[18:20] == b"\x02\x02"  # WAL, as the app leaves it
    before = beside(data_dir)
    assert before == ["app.db", "profiles"]
    ctx = context.detect(env={}, cwd=data_dir / "profiles" / "i")
    state = modrinth_hooks.read(str(data_dir / "app.db"))
    assert ctx.account.name == "Steve" and state.era == era and [p.path for p in state.instances] == ["i"]
    assert beside(data_dir) == before


def test_the_app_starting_during_a_read_is_read_again(home, exp):
    """The first read (immutable: no lock, no side files) is thrown away when the app opens the database
    meanwhile; the second, ordinary read sees what the app wrote."""
    data_dir = write_modrinth(home / "m", "0.15+", users=[(dashed(FIXTURE_UUID), "Steve", mint_jwt(exp), True)])
    reads = []
    app = []

    def work(db):
        reads.append(db.execute("SELECT theme FROM settings").fetchone()[0])
        if not app:  # the app starts, and writes, while the first read runs
            app.append(sqlite3.connect(data_dir / "app.db", isolation_level=None))
            app[0].execute("UPDATE settings SET theme = 'light'")
        return reads[-1]

    try:
        assert modrinth_db.read(data_dir / "app.db", work) == "light"
    finally:
        app[0].close()
    assert reads == ["dark", "light"]


def test_a_running_app_is_read_through_its_wal(home, exp):
    """With the app running (its -wal and -shm present), the read sees what is committed in the WAL and
    creates no other file."""
    data_dir = write_modrinth(home / "m", "0.10.16-0.14", users=[], instances={"i": "I"})
    app = sqlite3.connect(data_dir / "app.db", isolation_level=None)
    app.execute("UPDATE profiles SET override_hook_pre_launch = 'echo app'")
    try:
        present = beside(data_dir)
        state = modrinth_hooks.read(str(data_dir / "app.db"))
        assert beside(data_dir) == present == ["app.db", "app.db-shm", "app.db-wal", "profiles"]
    finally:
        app.close()
    assert state.instances[0].hooks["pre_launch"] == "echo app"
