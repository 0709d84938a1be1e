"""Fixtures built by code: launcher data dirs of every kind and era, and minted (fake) tokens."""

from __future__ import annotations

import base64
import json
import secrets
import sqlite3
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
  not_after INTEGER NOT NULL, token TEXT NOT NULL, display_claims JSONB NOT NULL, PRIMARY KEY (id));"""
_SETTINGS = """CREATE TABLE settings (id INTEGER NOT NULL CHECK (id = 0), max_concurrent_downloads INTEGER NOT NULL
  DEFAULT 10, theme TEXT NOT NULL DEFAULT 'oled', extra_launch_args JSONB NOT NULL, custom_env_vars JSONB NOT NULL,
  mc_memory_max INTEGER NOT NULL DEFAULT 2048, hook_pre_launch TEXT NULL, hook_wrapper TEXT NULL,
  hook_post_exit TEXT NULL, custom_dir TEXT NULL, prev_custom_dir TEXT NULL, migrated INTEGER NOT NULL DEFAULT FALSE,
  {extra} PRIMARY KEY (id));
INSERT INTO settings (id, extra_launch_args, custom_env_vars) VALUES (0, '[]', '[]');"""
_PROFILES = """CREATE TABLE profiles (path TEXT NOT NULL, install_stage TEXT NOT NULL, name TEXT NOT NULL,
  icon_path TEXT NULL, game_version TEXT NOT NULL, mod_loader TEXT NOT NULL, mod_loader_version TEXT NULL,
  groups JSONB NOT NULL, created INTEGER NOT NULL, modified INTEGER NOT NULL,
  override_extra_launch_args JSONB NOT NULL, override_custom_env_vars JSONB NOT NULL,
  override_hook_pre_launch TEXT NULL, override_hook_wrapper TEXT NULL, override_hook_post_exit TEXT NULL,
  {extra} PRIMARY KEY (path));"""
_INSTANCES = """CREATE TABLE instances (id TEXT NOT NULL, path TEXT NOT NULL, install_stage TEXT NOT NULL,
  launcher_feature_version TEXT NOT NULL, name TEXT NOT NULL, icon_path TEXT NULL, created INTEGER NOT NULL,
  modified INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (path));
{overrides}
CREATE TABLE app_metadata (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO app_metadata (key, value) VALUES ('app_version', '0.18.2');"""

MODRINTH_ERAS = ("0.8-0.10.15", "0.10.16-0.14", "0.15+")
# 0.15 to 0.18 keep instance overrides in one JSONB document (reference); newer schemas use TEXT columns
OVERRIDES_JSONB = """CREATE TABLE instance_launch_overrides (instance_id TEXT NOT NULL PRIMARY KEY REFERENCES
  instances(id) ON DELETE CASCADE, overrides JSONB NOT NULL);"""
OVERRIDES_COLUMNS = """CREATE TABLE instance_launch_overrides (instance_id TEXT NOT NULL, java_path TEXT NULL,
  extra_launch_args JSONB NULL, custom_env_vars JSONB NULL, memory INTEGER NULL, force_fullscreen INTEGER NULL,
  game_resolution_x INTEGER NULL, game_resolution_y INTEGER NULL, hook_pre_launch TEXT NULL,
  hook_wrapper TEXT NULL, hook_post_exit TEXT NULL, PRIMARY KEY (instance_id),
  FOREIGN KEY (instance_id) REFERENCES instances(id) ON DELETE CASCADE);"""


def write_modrinth(root: Path, era: str, users: list[tuple[str, str, str, bool]],
                   instances: dict[str, str] | None = None, overrides: str = OVERRIDES_JSONB) -> Path:
    """An app.db of one schema era; users are (uuid with dashes, name, access token, active)."""
    (root / "profiles").mkdir(parents=True, exist_ok=True)
    script = [_SQLX, _USERS]
    if era == "0.8-0.10.15":
        script += [_SETTINGS.format(extra=""), _PROFILES.format(extra="")]
    elif era == "0.10.16-0.14":
        script += [_SETTINGS.format(extra="version INTEGER NOT NULL DEFAULT 1,"),
                   _PROFILES.format(extra="launcher_feature_version TEXT NOT NULL DEFAULT 'none',")]
    elif era == "0.15+":
        script += [_SETTINGS.format(extra="version INTEGER NOT NULL DEFAULT 3,"),
                   _INSTANCES.format(overrides=overrides)]
    else:
        raise ValueError(era)
    db = sqlite3.connect(root / "app.db")
    db.executescript("\n".join(script))
    now = int(time.time())
    for uuid, name, token, active in users:
        db.execute("INSERT INTO minecraft_users VALUES (?, ?, ?, ?, ?, ?)",
                   (uuid, int(active), name, token, secret("refresh-"), now + 3600))
    for path, name in (instances or {}).items():
        (root / "profiles" / path).mkdir(parents=True, exist_ok=True)
        if era == "0.15+":
            instance_id = f"legacy:{path}"
            db.execute("INSERT INTO instances VALUES (?, ?, 'installed', 'none', ?, NULL, ?, ?)",
                       (instance_id, path, name, now, now))
            if overrides == OVERRIDES_COLUMNS:
                db.execute("INSERT INTO instance_launch_overrides (instance_id) VALUES (?)", (instance_id,))
        else:
            db.execute("INSERT INTO profiles (path, install_stage, name, game_version, mod_loader, groups, created, "
                       "modified, override_extra_launch_args, override_custom_env_vars) "
                       "VALUES (?, 'installed', ?, '1.21.1', 'vanilla', '[]', ?, ?, '[]', '[]')",
                       (path, name, now, now))
    db.commit()
    db.close()
    return root


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
