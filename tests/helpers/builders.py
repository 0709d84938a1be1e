"""Fixtures built by code: launcher data dirs of every kind and era, and minted (fake) tokens."""

from __future__ import annotations

import base64
import json
import secrets
import time
from pathlib import Path

# one per test run: another run of the suite on the same machine (its fake games hold their account) never
# shares an account with this one
FIXTURE_UUID = secrets.token_hex(16)
MINTED_SECRETS: set[str] = set()  # every token and token signature a fixture ever held


def secret(prefix: str) -> str:
    value = prefix + secrets.token_hex(16)
    MINTED_SECRETS.add(value)
    return value


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mint_jwt(exp: float | None, iat: float | None = None) -> str:
    """A token shaped like a Minecraft JWT with a chosen expiry and a random signature (never a real token)."""
    claims = {"xuid": "0", "sub": "fixture", "iss": "authentication", "auth": "XBOX",
              "iat": int(iat if iat is not None else time.time())}
    if exp is not None:
        claims["exp"] = int(exp)
    header = _b64(json.dumps({"kid": "fixture", "alg": "RS256"}).encode())
    signature = _b64(secrets.token_bytes(48))
    token = f"{header}.{_b64(json.dumps(claims).encode())}.{signature}"
    MINTED_SECRETS.update((token, signature))
    return token


def dashed(uuid: str) -> str:
    return f"{uuid[:8]}-{uuid[8:12]}-{uuid[12:16]}-{uuid[16:20]}-{uuid[20:]}"


# --- Prism Launcher and MultiMC ---------------------------------------------------------------------------

def prism_account(name: str, uuid: str, token: str, active: bool = False, kind: str = "MSA",
                  ygg_exp: int | None = None) -> dict:
    now = int(time.time())
    account = {"type": kind, "msa-client-id": "00000000-0000-0000-0000-000000000000",
               "msa": {"iat": now, "exp": now + 3600, "token": secret("msa-"),
                       "refresh_token": secret("refresh-")},
               "ygg": {"iat": now, "token": token},
               "profile": {"id": uuid, "name": name, "skin": {"id": "s", "url": "u", "variant": "CLASSIC"},
                           "capes": []},
               "entitlement": {"ownsMinecraft": True, "canPlayMinecraft": True}}
    if kind == "Offline":
        account = {"type": "Offline", "ygg": {"iat": now, "token": "0",
                                             "extra": {"userName": name, "clientToken": secret("client-")}},
                   "profile": {"id": uuid, "name": name, "capes": []}}
    if ygg_exp is not None:
        account["ygg"]["exp"] = ygg_exp
    if active:
        account["active"] = True
    return account


def write_prism(root: Path, accounts: list[dict] | None = None, instances: dict[str, dict] | None = None,
                kind: str = "prism", config_version: bool = True, instance_dir: str | None = None,
                format_version: int = 3) -> Path:
    """A Prism Launcher (or MultiMC) data dir; `instances` maps folder name to instance.cfg keys."""
    root.mkdir(parents=True, exist_ok=True)
    cfg_name = "prismlauncher.cfg" if kind == "prism" else "multimc.cfg"
    lines = ["[General]", "ConfigVersion=1.2"] if config_version else []
    if instance_dir:
        lines.append(f"InstanceDir={instance_dir}")
    lines.append("Language=en_US")
    (root / cfg_name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    if accounts is not None:
        (root / "accounts.json").write_text(json.dumps({"formatVersion": format_version, "accounts": accounts}),
                                            encoding="utf-8")
    base = Path(instance_dir) if instance_dir and Path(instance_dir).is_absolute() else \
        root / (instance_dir or "instances")
    for folder, keys in (instances or {}).items():
        inst = base / folder
        (inst / "minecraft").mkdir(parents=True, exist_ok=True)
        body = (["[General]", "ConfigVersion=1.2"] if config_version else [])
        body += ["InstanceType=OneSix"] + [f"{k}={v}" for k, v in keys.items()]
        (inst / "instance.cfg").write_text("\n".join(body) + "\n", encoding="utf-8")
    return root


def prism_instance(data_dir: Path, folder: str) -> Path:
    return data_dir / "instances" / folder


def prism_with_steve(home: Path, name: str, token_left_s: float = 9e4) -> Path:
    """Prism's default data dir holding one instance `v` named `name`, and Steve as the default account;
    returns the instance folder."""
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": name}},
                           accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() + token_left_s),
                                                   active=True)])
    return prism_instance(data_dir, "v")


# --- Modrinth App ---------------------------------------------------------------------------------------------

# The app's own table and column names (modrinth/code packages/app-lib/migrations): 20240711194701_init.sql for
# settings, accounts and profiles; 20250428171350 adds profiles.launcher_feature_version (0.9.5),
# 20251002173041 settings.version (0.10.16), 20260529120000 profiles.preferred_update_channel (0.14.6);
# 20260611120000_instances-content-foundation.sql makes instances and instance_launch_overrides (0.15.0),
# 20260619120000 drops profiles, 20260623120000 adds app_metadata. Built with apsw's SQLite (JSONB), in WAL
# mode as the app runs it (state/db.rs).
_SQLX = """CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL,
  installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL, checksum BLOB NOT NULL,
  execution_time BIGINT NOT NULL);
INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
  VALUES (20240711194701, 'init', 1, x'00', 1);"""
_USERS = """CREATE TABLE minecraft_users (uuid TEXT NOT NULL, active INTEGER NOT NULL DEFAULT FALSE,
  username TEXT NOT NULL, access_token TEXT NOT NULL, refresh_token TEXT NOT NULL, expires INTEGER NOT NULL,
  PRIMARY KEY (uuid));
CREATE TABLE minecraft_device_tokens (id INTEGER NOT NULL CHECK (id = 0), uuid TEXT NOT NULL,
  private_key TEXT NOT NULL, x TEXT NOT NULL, y TEXT NOT NULL, issue_instant INTEGER NOT NULL,
  not_after INTEGER NOT NULL, token TEXT NOT NULL, display_claims JSONB NOT NULL, PRIMARY KEY (id));
CREATE TABLE modrinth_users (id TEXT NOT NULL, active INTEGER NOT NULL DEFAULT FALSE, session_id TEXT NOT NULL,
  expires INTEGER NOT NULL, PRIMARY KEY (id));"""
_SETTINGS = """CREATE TABLE settings (id INTEGER NOT NULL CHECK (id = 0),
  max_concurrent_downloads INTEGER NOT NULL DEFAULT 10, max_concurrent_writes INTEGER NOT NULL DEFAULT 10,
  theme TEXT NOT NULL DEFAULT 'dark', default_page TEXT NOT NULL DEFAULT 'home',
  collapsed_navigation INTEGER NOT NULL DEFAULT TRUE, advanced_rendering INTEGER NOT NULL DEFAULT TRUE,
  native_decorations INTEGER NOT NULL DEFAULT FALSE, telemetry INTEGER NOT NULL DEFAULT TRUE,
  discord_rpc INTEGER NOT NULL DEFAULT TRUE, developer_mode INTEGER NOT NULL DEFAULT FALSE,
  onboarded INTEGER NOT NULL DEFAULT FALSE, extra_launch_args JSONB NOT NULL, custom_env_vars JSONB NOT NULL,
  mc_memory_max INTEGER NOT NULL DEFAULT 2048, mc_force_fullscreen INTEGER NOT NULL DEFAULT FALSE,
  mc_game_resolution_x INTEGER NOT NULL DEFAULT 854, mc_game_resolution_y INTEGER NOT NULL DEFAULT 480,
  hide_on_process_start INTEGER NOT NULL DEFAULT FALSE, hook_pre_launch TEXT NULL, hook_wrapper TEXT NULL,
  hook_post_exit TEXT NULL, custom_dir TEXT NULL, prev_custom_dir TEXT NULL, migrated INTEGER NOT NULL DEFAULT FALSE,
  PRIMARY KEY (id));
INSERT INTO settings (id, extra_launch_args, custom_env_vars) VALUES (0, jsonb_array(), jsonb_array());"""
_PROFILES = """CREATE TABLE profiles (path TEXT NOT NULL, install_stage TEXT NOT NULL, name TEXT NOT NULL,
  icon_path TEXT NULL, game_version TEXT NOT NULL, mod_loader TEXT NOT NULL, mod_loader_version TEXT NULL,
  groups JSONB NOT NULL, linked_project_id TEXT NULL, linked_version_id TEXT NULL, locked INTEGER NULL,
  created INTEGER NOT NULL, modified INTEGER NOT NULL, last_played INTEGER NULL,
  submitted_time_played INTEGER NOT NULL DEFAULT 0, recent_time_played INTEGER NOT NULL DEFAULT 0,
  override_java_path TEXT NULL, override_extra_launch_args JSONB NOT NULL, override_custom_env_vars JSONB NOT NULL,
  override_mc_memory_max INTEGER NULL, override_mc_force_fullscreen INTEGER NULL,
  override_mc_game_resolution_x INTEGER NULL, override_mc_game_resolution_y INTEGER NULL,
  override_hook_pre_launch TEXT NULL, override_hook_wrapper TEXT NULL, override_hook_post_exit TEXT NULL,
  PRIMARY KEY (path));"""
_FEATURE_VERSION = "ALTER TABLE profiles ADD COLUMN launcher_feature_version TEXT NOT NULL DEFAULT 'none';"
_SETTINGS_VERSION = "ALTER TABLE settings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
_UPDATE_CHANNEL = "ALTER TABLE profiles ADD COLUMN preferred_update_channel TEXT NOT NULL DEFAULT 'release';"
_INSTANCES = """CREATE TABLE instances (id TEXT NOT NULL, path TEXT NOT NULL, applied_content_set_id TEXT NULL,
  install_stage TEXT NOT NULL, launcher_feature_version TEXT NOT NULL, update_channel TEXT NOT NULL DEFAULT 'release',
  name TEXT NOT NULL, icon_path TEXT NULL, created INTEGER NOT NULL, modified INTEGER NOT NULL,
  last_played INTEGER NULL, submitted_time_played INTEGER NOT NULL DEFAULT 0,
  recent_time_played INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (id), UNIQUE (path));
CREATE TABLE instance_launch_overrides (instance_id TEXT NOT NULL, overrides JSONB NOT NULL,
  PRIMARY KEY (instance_id), FOREIGN KEY (instance_id) REFERENCES instances(id) ON DELETE CASCADE);"""
_APP_METADATA = """CREATE TABLE app_metadata (key TEXT NOT NULL, value TEXT NOT NULL,
  updated_at INTEGER NOT NULL DEFAULT (unixepoch()), PRIMARY KEY (key));
INSERT INTO app_metadata (key, value) VALUES ('app_version', '0.18.2');"""

MODRINTH_ERAS = ("0.8-0.10.15", "0.10.16-0.14", "0.15+")
NEW_INSTANCE_OVERRIDES = '{"hooks": {"pre_launch": null, "wrapper": null, "post_exit": null}}'  # create_instance.rs


def apsw_db(path: Path):
    import apsw

    return apsw.Connection(str(path))


def write_modrinth(root: Path, era: str, users: list[tuple[str, str, str, bool]],
                   instances: dict[str, str] | None = None) -> Path:
    """An app.db of one schema era, as the app leaves it after running (0.10.16-0.14: settings version 3 and
    every profile re-quoted); users are (uuid with dashes, name, access token, active). 0.15+ instances are
    new ones (`local:` ids, every hook null); `upgrade_modrinth_to_0_15` makes migrated ones."""
    (root / "profiles").mkdir(parents=True, exist_ok=True)
    script = [_SQLX, _USERS, _SETTINGS]
    if era == "0.8-0.10.15":
        script += [_PROFILES, _FEATURE_VERSION]
    elif era == "0.10.16-0.14":
        script += [_PROFILES, _FEATURE_VERSION, _SETTINGS_VERSION, _UPDATE_CHANNEL,
                   "UPDATE settings SET version = 3;"]
    elif era == "0.15+":
        script += [_SETTINGS_VERSION, "UPDATE settings SET version = 3;", _INSTANCES, _APP_METADATA]
    else:
        raise ValueError(era)
    db = apsw_db(root / "app.db")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("\n".join(script))
    now = int(time.time())
    for uuid, name, token, active in users:
        db.execute("INSERT INTO minecraft_users VALUES (?, ?, ?, ?, ?, ?)",
                   (uuid, int(active), name, token, secret("refresh-"), now + 3600))
    for path, name in (instances or {}).items():
        (root / "profiles" / path).mkdir(parents=True, exist_ok=True)
        if era == "0.15+":
            instance_id = f"local:{secrets.token_hex(8)}"
            db.execute("INSERT INTO instances (id, path, install_stage, launcher_feature_version, name, created, "
                       "modified) VALUES (?, ?, 'installed', 'migrated_launch_hooks', ?, ?, ?)",
                       (instance_id, path, name, now, now))
            db.execute("INSERT INTO instance_launch_overrides VALUES (?, jsonb(?))",
                       (instance_id, NEW_INSTANCE_OVERRIDES))
        else:
            db.execute("INSERT INTO profiles (path, install_stage, name, game_version, mod_loader, groups, created, "
                       "modified, override_extra_launch_args, override_custom_env_vars) "
                       "VALUES (?, 'installed', ?, '1.21.1', 'vanilla', jsonb_array(), ?, ?, jsonb_array(), "
                       "jsonb_array())", (path, name, now, now))
            if era == "0.10.16-0.14":
                db.execute("UPDATE profiles SET launcher_feature_version = 'migrated_launch_hooks' WHERE path = ?",
                           (path,))
            else:
                db.execute("UPDATE profiles SET launcher_feature_version = 'migrated_server_last_play_time' "
                           "WHERE path = ?", (path,))
    db.close()
    return root


def _requote_pre(value):
    import shlex

    return None if value is None else " ".join(shlex.quote(word) for word in value.split(" "))


def _requote_wrapper(value):
    import shlex

    return None if value is None else shlex.quote(value)


def _requote_settings(db) -> None:
    """Settings version 1 to 2 at start-up (settings.rs:287-311, still so in 0.18.2)."""
    for version, hook_pre, hook_wrapper, hook_post in db.execute(
            "SELECT version, hook_pre_launch, hook_wrapper, hook_post_exit FROM settings").fetchall():
        if version == 1:
            db.execute("UPDATE settings SET hook_pre_launch = ?, hook_wrapper = ?, hook_post_exit = ?, version = 3",
                       (_requote_pre(hook_pre), _requote_wrapper(hook_wrapper), _requote_pre(hook_post)))


def requote_modrinth(root: Path) -> None:
    """What 0.10.16-0.14 do to app.db at start-up (reference: launchers.md section 10): the global hooks while
    `settings.version` is 1 (settings.rs:287-311), each profile's while its `launcher_feature_version` is
    older than `migrated_launch_hooks` (profiles.rs:791-814): pre-launch and post-exit become
    `join(split(' '))`, the wrapper is quoted whole. shlex.quote stands for the app's shlex::Quoter: both give
    back the word under POSIX shlex, which is what the tests compare."""
    db = apsw_db(root / "app.db")
    try:
        columns = {row[1] for row in db.execute("PRAGMA table_info(settings)")}
        if "version" not in columns:
            db.execute(_SETTINGS_VERSION)
        _requote_settings(db)
        for path, hook_pre, hook_wrapper, hook_post in db.execute(
                "SELECT path, override_hook_pre_launch, override_hook_wrapper, override_hook_post_exit FROM profiles "
                "WHERE launcher_feature_version != 'migrated_launch_hooks'").fetchall():
            db.execute("UPDATE profiles SET override_hook_pre_launch = ?, override_hook_wrapper = ?, "
                       "override_hook_post_exit = ?, launcher_feature_version = 'migrated_launch_hooks' "
                       "WHERE path = ?", (_requote_pre(hook_pre), _requote_wrapper(hook_wrapper),
                                          _requote_pre(hook_post), path))
    finally:
        db.close()


def upgrade_modrinth_to_0_15(root: Path) -> None:
    """The 0.15 migration's effect on app.db (reference: launchers.md section 10): each profile becomes an
    instance `legacy:<path>` whose JSONB overrides hold `COALESCE(override_hook_*, '')`
    (instances-content-foundation.sql:336-376), then `profiles` is dropped (finish-instance-profile-migration.sql:129).
    A 0.8-0.10.15 database gets the columns the migrations in between add; at its first start the new version
    re-quotes the global hooks of settings version 1, and never an instance's (refresh_instances.rs:13-31)."""
    db = apsw_db(root / "app.db")
    try:
        settings = {row[1] for row in db.execute("PRAGMA table_info(settings)")}
        profiles = {row[1] for row in db.execute("PRAGMA table_info(profiles)")}
        script = [] if "version" in settings else [_SETTINGS_VERSION]
        script += [] if "launcher_feature_version" in profiles else [_FEATURE_VERSION]
        script += [] if "preferred_update_channel" in profiles else [_UPDATE_CHANNEL]
        script += [_INSTANCES, """
INSERT INTO instances (id, path, applied_content_set_id, install_stage, launcher_feature_version, update_channel,
  name, icon_path, created, modified, last_played, submitted_time_played, recent_time_played)
SELECT 'legacy:' || path, path, 'legacy:' || path || ':default', install_stage, launcher_feature_version,
  preferred_update_channel, name, icon_path, created, modified, last_played, submitted_time_played,
  recent_time_played FROM profiles;
INSERT INTO instance_launch_overrides (instance_id, overrides)
SELECT 'legacy:' || path, jsonb(json_object(
  'java_path', override_java_path,
  'extra_launch_args', json(CASE WHEN json_type(override_extra_launch_args) = 'null' THEN 'null'
                                 ELSE json(override_extra_launch_args) END),
  'custom_env_vars', json(CASE WHEN json_type(override_custom_env_vars) = 'null' THEN 'null'
                               ELSE json(override_custom_env_vars) END),
  'memory', json(CASE WHEN override_mc_memory_max IS NULL THEN 'null'
                      ELSE json_object('maximum', override_mc_memory_max) END),
  'force_fullscreen', json(CASE WHEN override_mc_force_fullscreen IS NULL THEN 'null'
                                WHEN override_mc_force_fullscreen = 0 THEN 'false' ELSE 'true' END),
  'game_resolution', json(CASE WHEN override_mc_game_resolution_x IS NULL OR override_mc_game_resolution_y IS NULL
                               THEN 'null' ELSE json_array(override_mc_game_resolution_x,
                                                           override_mc_game_resolution_y) END),
  'hooks', json_object('pre_launch', COALESCE(override_hook_pre_launch, ''),
                       'wrapper', COALESCE(override_hook_wrapper, ''),
                       'post_exit', COALESCE(override_hook_post_exit, ''))))
FROM profiles;
DROP TABLE profiles;""", _APP_METADATA]
        db.execute("\n".join(script))
        _requote_settings(db)
    finally:
        db.close()


def write_modrinth_legacy(root: Path, users: list[tuple[str, str, str]], default: str | None,
                          instances: dict[str, str] | None = None) -> Path:
    """A Modrinth App 0.7 settings dir; users are (uuid with dashes, name, access token)."""
    auth = root / "caches" / "metadata" / "minecraft_auth.json"
    auth.parent.mkdir(parents=True, exist_ok=True)
    doc = {"users": {u: {"id": u, "username": n, "access_token": t, "refresh_token": secret("refresh-"),
                         "expires": "2026-01-01T00:00:00Z"} for u, n, t in users},
           "token": None, "default_user": default}
    auth.write_text(json.dumps(doc), encoding="utf-8")
    (root / "settings.json").write_text(json.dumps({"hooks": {}}), encoding="utf-8")
    for path, name in (instances or {}).items():
        folder = root / "profiles" / path
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "profile.json").write_text(json.dumps({"metadata": {"name": name}}), encoding="utf-8")
    return root
