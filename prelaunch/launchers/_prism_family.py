"""What Prism Launcher and MultiMC share: the data dir layout, instance.cfg and accounts.json."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from prelaunch import jwt
from prelaunch.launchers import _ini
from prelaunch.model import AccountInfo, InstanceInfo, LaunchContext, LauncherInfo
from prelaunch.uuids import normalise as normalise_uuid

INSTANCE_FILE = "instance.cfg"
ACCOUNTS_FILE = "accounts.json"
KNOWN_ACCOUNTS_FORMAT = 3
_MAX_WALK_UP = 8


def instance_root(path: str) -> str | None:
    """The instance folder for an instance root or its game root (`minecraft` or `.minecraft`)."""
    for candidate in (path, os.path.dirname(path)):
        if os.path.isfile(os.path.join(candidate, INSTANCE_FILE)):
            return candidate
    return None


def instances_dir(data_dir: str, cfg_name: str) -> str:
    """The folder that holds the instances: the global `InstanceDir` key, relative to the data dir."""
    try:
        configured = _ini.read(os.path.join(data_dir, cfg_name)).get("InstanceDir", "") or "instances"
    except OSError:
        configured = "instances"
    return os.path.realpath(os.path.join(data_dir, configured))


def _ancestors(path: str) -> list[str]:
    """The folders above `path`, nearest first, at most _MAX_WALK_UP of them."""
    found = []
    while len(found) < _MAX_WALK_UP and os.path.dirname(path) != path:
        path = os.path.dirname(path)
        found.append(path)
    return found


def locate(path: str, cfg_name: str, known_data_dirs: Callable[[], list[str]]) -> tuple[str, str] | None:
    """The instance at `path` and the data dir whose cfg is `cfg_name` and whose InstanceDir holds it."""
    root = instance_root(path)
    if root is None:
        return None
    real_root = os.path.realpath(root)
    parent = os.path.dirname(real_root)
    ancestors = [a for a in _ancestors(real_root) if os.path.isfile(os.path.join(a, cfg_name))]
    for data_dir in ancestors:
        if instances_dir(data_dir, cfg_name) == parent:
            return data_dir, root
    for data_dir in known_data_dirs():  # InstanceDir may point anywhere, away from the data dir
        if os.path.isfile(os.path.join(data_dir, cfg_name)) and instances_dir(data_dir, cfg_name) == parent:
            return data_dir, root
    if ancestors:
        return ancestors[0], root
    return None


def load(kind: str, cfg_name: str, data_dir: str, instance_dir: str | None,
         per_instance_account: bool) -> LaunchContext:
    context = LaunchContext(launcher=LauncherInfo(kind, data_dir, cfg_name))
    instance_cfg: dict[str, str] = {}
    if instance_dir is not None:
        try:
            instance_cfg = _ini.read(os.path.join(instance_dir, INSTANCE_FILE), prism_unquote=kind == "prism")
        except OSError as exc:
            context.note("info", "instance.cfg could not be read", f"{instance_dir}: {exc.strerror or exc}")
        folder = os.path.basename(instance_dir)
        context.instance = InstanceInfo(folder, instance_cfg.get("name") or folder, instance_dir)
    wanted = normalise_uuid(instance_cfg.get("InstanceAccountId")) if per_instance_account else None
    accounts = _read_accounts(os.path.join(data_dir, ACCOUNTS_FILE), context)
    if accounts is None:
        return context
    chosen = None
    if wanted:
        chosen = next((a for a in accounts if normalise_uuid(_profile(a).get("id")) == wanted), None)
        if chosen is None:
            context.note("info", "This instance names an account that is not signed in",
                         "Its InstanceAccountId matches no account in accounts.json, so the launcher uses the "
                         "default account.")
    if chosen is None:
        chosen = next((a for a in accounts if a.get("active") is True), None)
    if chosen is not None:
        context.account = account_info(chosen)
    return context


def _read_accounts(path: str, context: LaunchContext) -> list[dict] | None:
    try:
        with open(path, "rb") as handle:
            doc = json.loads(handle.read())
    except FileNotFoundError:
        context.note("info", "No accounts.json", f"{path} does not exist: no account has been added yet.")
        return None
    except OSError as exc:
        context.note("warning", "accounts.json could not be read", f"{path}: {exc.strerror or exc}",
                     ("Check that your user can read the launcher's data folder.",))
        return None
    except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
        context.note("warning", "accounts.json is damaged", f"{path} is not valid JSON (truncated or edited).",
                     ("Open the launcher: it rewrites the file when you sign in again.",))
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("accounts"), list):
        context.note("warning", "accounts.json has an unexpected shape", f"{path} holds no account list.")
        return None
    version = doc.get("formatVersion")
    if version != KNOWN_ACCOUNTS_FORMAT:
        context.note("warning", "accounts.json has an unknown format",
                     f"formatVersion is {version!r}; prelaunch knows {KNOWN_ACCOUNTS_FORMAT}, so it does not guess.",
                     ("Update prelaunch, or sign in again in the launcher.",))
        return None
    return [a for a in doc["accounts"] if isinstance(a, dict)]


def _profile(account: dict) -> dict:
    profile = account.get("profile")
    return profile if isinstance(profile, dict) else {}


def account_info(account: dict) -> AccountInfo:
    """Name, UUID, type and token expiry of one accounts.json entry; the token is read for its expiry only."""
    profile = _profile(account)
    ygg = account.get("ygg") if isinstance(account.get("ygg"), dict) else {}
    kind = str(account.get("type", "")).lower()
    token_type = {"msa": "msa", "offline": "offline", "mojang": "mojang"}.get(kind, kind or "unknown")
    extra = ygg.get("extra") if isinstance(ygg.get("extra"), dict) else {}
    name = profile.get("name") or extra.get("userName") or ""
    expires, source = jwt.expiry(ygg.get("token")), "jwt"
    if expires is None and token_type != "offline":
        stored = ygg.get("exp")
        expires, source = (jwt.epoch_seconds(stored), "launcher") if jwt.epoch_seconds(stored) else (None, None)
    if token_type == "offline":
        expires, source = None, None
    return AccountInfo(str(name), normalise_uuid(profile.get("id")) or "", token_type, expires, source)
