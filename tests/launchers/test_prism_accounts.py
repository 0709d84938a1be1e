"""accounts.json as Prism Launcher and MultiMC load it, and the account a Prism hook sees."""

import json
import time
from pathlib import Path

from prelaunch.launchers import detect as context
from tests.builders import FIXTURE_UUID, dashed, mint_jwt, prism_account, prism_instance, write_prism

OTHER_UUID = "fedcba9876543210fedcba9876543210"


def _accounts_dir(home: Path, accounts: list, kind: str = "prism", fmt: int = 3, cfg: dict | None = None,
                  root_extra: dict | None = None) -> Path:
    data_dir = write_prism(home / kind, kind=kind, config_version=kind == "prism", instances={"i": cfg or {}})
    doc = {"formatVersion": fmt, "accounts": accounts, **(root_extra or {})}
    (data_dir / "accounts.json").write_text(json.dumps(doc), encoding="utf-8")
    return prism_instance(data_dir, "i")


def test_instance_account_id_is_matched_exactly(home):
    """AccountList::findAccountByProfileId compares the strings: no case or dash folding."""
    exp = int(time.time()) + 20 * 3600
    accounts = [prism_account("Steve", FIXTURE_UUID, mint_jwt(exp), active=True),
                prism_account("Alex", OTHER_UUID, mint_jwt(exp))]
    for written, name in ((OTHER_UUID, "Alex"), (OTHER_UUID.upper(), "Steve"), (dashed(OTHER_UUID), "Steve"),
                          ("", "Steve")):
        inst = _accounts_dir(home / written[:4], accounts, cfg={"InstanceAccountId": written} if written else {})
        assert context.detect(env={}, cwd=inst).account.name == name, written


def test_the_last_active_account_is_the_default(home):
    exp = int(time.time()) + 20 * 3600
    accounts = [prism_account("Steve", FIXTURE_UUID, mint_jwt(exp), active=True),
                prism_account("Alex", OTHER_UUID, mint_jwt(exp), active=True),
                prism_account("Sam", "ab" * 16, mint_jwt(exp))]
    assert context.detect(env={}, cwd=_accounts_dir(home, accounts)).account.name == "Alex"


def test_prism_drops_mojang_entries_and_duplicate_profiles(home):
    exp = int(time.time()) + 20 * 3600
    mojang = prism_account("Old", "cd" * 16, "legacy-token", active=True, kind="Mojang")
    first = prism_account("Steve", FIXTURE_UUID, mint_jwt(exp), active=False)
    duplicate = prism_account("Steve again", FIXTURE_UUID, mint_jwt(exp), active=True)
    inst = _accounts_dir(home, [first, mojang, duplicate], cfg={"InstanceAccountId": "cd" * 16})
    ctx = context.detect(env={}, cwd=inst)
    # the Mojang entry is not loaded (so not the instance's account), the duplicate is skipped with its flag
    assert ctx.account is None
    assert any("not signed in" in n.title for n in ctx.notes)
    only_mojang = _accounts_dir(home / "m", [mojang])
    assert context.detect(env={}, cwd=only_mojang).account is None


def test_multimc_keeps_mojang_accounts(home):
    mojang = prism_account("Old", "cd" * 16, "legacy-token", active=True, kind="Mojang")
    ctx = context.detect(env={}, cwd=_accounts_dir(home, [mojang], kind="multimc"))
    assert (ctx.account.name, ctx.account.type) == ("Old", "mojang")


def test_multimc_reads_format_version_2(home):
    """MultiMC's loadV2: Mojang accounts with profiles; the default is the root's `activeAccount` username."""
    v2 = [{"username": "old@example.org", "clientToken": "c", "accessToken": "not-a-jwt",
           "profiles": [{"id": "cd" * 16, "name": "Notch", "legacy": False}], "activeProfile": "cd" * 16},
          {"username": "other@example.org", "accessToken": "x", "profiles": [{"id": "ef" * 16, "name": "Jeb"}]}]
    inst = _accounts_dir(home, v2, kind="multimc", fmt=2, root_extra={"activeAccount": "other@example.org"})
    ctx = context.detect(env={}, cwd=inst)
    assert (ctx.account.name, ctx.account.uuid, ctx.account.type) == ("Jeb", "ef" * 16, "mojang")
    prism_inst = _accounts_dir(home / "p", v2, fmt=2, root_extra={"activeAccount": "other@example.org"})
    ctx = context.detect(env={}, cwd=prism_inst)
    assert ctx.account is None and any("unknown format" in n.title for n in ctx.notes)  # Prism reads 3 only


def test_expiry_falls_back_to_issue_time_plus_a_day(home):
    account = prism_account("Steve", FIXTURE_UUID, "not-a-jwt", active=True)
    account["ygg"]["iat"] = 1_800_000_000
    ctx = context.detect(env={}, cwd=_accounts_dir(home, [account]))
    assert ctx.account.token_expires_at == 1_800_000_000 + 24 * 3600


def test_an_expired_token_at_a_prism_hook_says_what_to_do(home):
    """Read from a real accounts.json: the finding says how to get a fresh token, not how Prism renews (that
    changed between versions)."""
    from prelaunch.checks import token
    from prelaunch.config import Config

    account = prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() - 3600), active=True)
    found = token.run(context.detect(env={}, cwd=_accounts_dir(home, [account])), Config())
    assert found[0].severity == "warning" and "expired" in found[0].title
    assert "renew" not in found[0].detail
    assert "online" in found[0].fixes[0] and "remove the account" in found[0].fixes[1]
    multimc = token.run(context.detect(env={}, cwd=_accounts_dir(home / "m", [account], kind="multimc")), Config())
    assert "MultiMC" in multimc[0].fixes[0] and "renew" not in multimc[0].detail
