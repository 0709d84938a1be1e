"""accounts.json of Prism Launcher and MultiMC, read the way each launcher loads it, and the account a launch
uses. Tokens are read for their expiry only."""

from __future__ import annotations

import json
from dataclasses import dataclass

from prelaunch import jwt, readfile
from prelaunch.model import AccountInfo, LaunchContext
from prelaunch.uuids import normalise as normalise_uuid

FILE = "accounts.json"
# formatVersion -> account types loaded; anything else is dropped with the entry
# (Prism AccountList.cpp:463-476 and AccountData.cpp:289-295; MultiMC AccountList.cpp:469-486, AccountData.cpp:313-320)
FORMATS = {"prism": {3: {"MSA": "msa", "Offline": "offline"}},
           "multimc": {2: {}, 3: {"MSA": "msa", "Mojang": "mojang"}}}
TOKEN_LIFETIME_S = 24 * 3600  # Prism and MultiMC take iat + 24 h when `ygg.exp` is missing


@dataclass
class Account:
    """One loaded entry: the profile id exactly as stored, the name, the type, and its `ygg` token object."""

    profile_id: str
    name: str
    kind: str
    ygg: dict


def read(path: str, launcher: str, context: LaunchContext) -> tuple[list[Account], Account | None] | None:
    """(the accounts the launcher loads, its default account), or None with a note in `context` when the
    file cannot be used."""
    try:
        doc = json.loads(readfile.read(path, readfile.LAUNCHER_JSON))
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
    version = _format_version(doc.get("formatVersion"))
    known = FORMATS[launcher]
    if version not in known:
        context.note("warning", "accounts.json has an unknown format",
                     f"formatVersion is {doc.get('formatVersion')!r}; this launcher reads "
                     f"{' and '.join(map(str, sorted(known)))}, so prelaunch does not guess.",
                     ("Update prelaunch, or sign in again in the launcher.",))
        return None
    if version == 2:
        return _load_v2(doc)
    return _load_v3(doc, known[version])


def _format_version(value: object) -> int | None:
    """`QJsonValue::toVariant().toInt()`: a whole number, or a string holding one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return int(value)
    return None


def _profile_id(profile: object) -> tuple[str, str]:
    """(id, name) of a `profile` object; both empty when it lacks either (AccountData.cpp:150-166)."""
    if isinstance(profile, dict) and isinstance(profile.get("id"), str) and isinstance(profile.get("name"), str):
        return profile["id"], profile["name"]
    return "", ""


def _load_v3(doc: dict, types: dict[str, str]) -> tuple[list[Account], Account | None]:
    """AccountList::loadV3 (Prism AccountList.cpp:478-504): entries of a known type, the first of each profile
    id; the **last** loaded entry with `"active": true` is the default."""
    loaded: list[Account] = []
    default = None
    for entry in doc["accounts"]:
        if not isinstance(entry, dict) or entry.get("type") not in types:
            continue
        profile_id, name = _profile_id(entry.get("profile"))
        if profile_id and any(a.profile_id == profile_id for a in loaded):
            continue
        ygg = entry.get("ygg")
        ygg = ygg if isinstance(ygg, dict) else {}
        extra = ygg.get("extra")
        extra = extra if isinstance(extra, dict) else {}
        account = Account(profile_id, name or str(extra.get("userName") or ""), types[entry["type"]], ygg)
        loaded.append(account)
        if entry.get("active") is True:
            default = account
    return loaded, default


def _load_v2(doc: dict) -> tuple[list[Account], Account | None]:
    """MultiMC's AccountList::loadV2 (AccountList.cpp:489-520, AccountData.cpp:241-304): Mojang accounts with a
    `username` and profiles; the default is the one whose username is the root's `activeAccount`."""
    active = doc.get("activeAccount") if isinstance(doc.get("activeAccount"), str) else ""
    loaded: list[Account] = []
    default = None
    for entry in doc["accounts"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("username"), str):
            continue
        profiles = entry.get("profiles")
        usable: list[tuple[str, str]] = [
            (p["id"], p["name"]) for p in (profiles if isinstance(profiles, list) else []) if isinstance(p, dict)
            and isinstance(p.get("id"), str) and isinstance(p.get("name"), str) and p["id"] and p["name"]]
        if not usable:
            continue
        current = next((p for p in usable if p[0] == entry.get("activeProfile")), usable[0])
        if any(a.profile_id == current[0] for a in loaded):
            continue
        account = Account(current[0], current[1], "mojang", {})
        loaded.append(account)
        if active and entry["username"] == active:
            default = account
    return loaded, default


def choose(accounts: list[Account], default: Account | None, instance_account_id: str | None,
           context: LaunchContext) -> Account | None:
    """Prism's choice (LaunchController.cpp:107-114): the instance's `InstanceAccountId` when it equals a loaded
    profile id exactly (AccountList.cpp:69-78: no case or dash folding), else the default account."""
    if instance_account_id:
        chosen = next((a for a in accounts if a.profile_id == instance_account_id), None)
        if chosen is not None:
            return chosen
        context.note("info", "This instance names an account that is not signed in",
                     "Its InstanceAccountId matches no account in accounts.json, so the launcher uses the "
                     "default account.")
    return default


def account_info(account: Account) -> AccountInfo:
    """Name, UUID, type and token expiry: the token's own `exp`, else the stored `ygg.exp`, else `ygg.iat` + 24 h
    (MinecraftAccount.cpp:223-229)."""
    ygg = account.ygg
    expires = None
    if account.kind not in ("offline", "mojang"):
        expires = jwt.expiry(ygg.get("token"))
        if expires is None:
            expires = _stored_expiry(ygg)
    return AccountInfo(account.name, normalise_uuid(account.profile_id) or "", account.kind, expires)


def _stored_expiry(ygg: dict) -> int | None:
    for key, add in (("exp", 0), ("iat", TOKEN_LIFETIME_S)):
        value = jwt.epoch_seconds(ygg.get(key))
        if value is not None:
            return value + add
    return None
