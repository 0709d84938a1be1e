"""Launch context of Prism Launcher and MultiMC instances, from the hook's environment or working dir."""

import json
import time
from pathlib import Path

import pytest

from prelaunch.launchers import detect as context
from tests.builders import FIXTURE_UUID, mint_jwt, prism_account, prism_instance, write_prism

OTHER_UUID = "fedcba9876543210fedcba9876543210"


def hook_env(instance: Path) -> dict:
    return {"INST_NAME": "x", "INST_ID": instance.name, "INST_DIR": str(instance),
            "INST_MC_DIR": str(instance / "minecraft")}


@pytest.fixture
def prism(home):
    exp = int(time.time()) + 20 * 3600
    return write_prism(home / ".local/share/PrismLauncher",
                       accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(exp), active=True),
                                 prism_account("Alex", OTHER_UUID, mint_jwt(exp + 60))],
                       instances={"vanilla": {"name": "Vanilla Plus"},
                                  "pinned": {"name": "Pinned", "InstanceAccountId": OTHER_UUID},
                                  "ghost": {"name": "Ghost", "InstanceAccountId": "ab" * 16}}), exp


def test_instance_and_default_account_from_environment(prism):
    data_dir, exp = prism
    ctx = context.detect(env=hook_env(prism_instance(data_dir, "vanilla")), cwd=Path("/"))
    assert ctx.launcher.kind == "prism" and ctx.launcher.data_dir == str(data_dir)
    assert (ctx.instance.id, ctx.instance.name) == ("vanilla", "Vanilla Plus")
    assert (ctx.account.name, ctx.account.uuid, ctx.account.type) == ("Steve", FIXTURE_UUID, "msa")
    assert ctx.account.token_expires_at == exp


def test_instance_account_id_wins(prism):
    data_dir, exp = prism
    ctx = context.detect(env=hook_env(prism_instance(data_dir, "pinned")), cwd=Path("/"))
    assert ctx.account.name == "Alex" and ctx.account.token_expires_at == exp + 60


def test_instance_account_id_that_matches_nothing_falls_back(prism):
    data_dir, _ = prism
    ctx = context.detect(env=hook_env(prism_instance(data_dir, "ghost")), cwd=Path("/"))
    assert ctx.account.name == "Steve"
    assert any("not signed in" in n.title for n in ctx.notes)


def test_working_directory_is_enough(prism):
    data_dir, _ = prism
    for cwd in (prism_instance(data_dir, "vanilla") / "minecraft", prism_instance(data_dir, "vanilla")):
        ctx = context.detect(env={}, cwd=cwd)
        assert ctx.instance.id == "vanilla" and ctx.account.name == "Steve"


def test_dot_minecraft_game_root(prism):
    data_dir, _ = prism
    inst = prism_instance(data_dir, "vanilla")
    (inst / "minecraft").rename(inst / ".minecraft")
    ctx = context.detect(env={}, cwd=inst / ".minecraft")
    assert ctx.instance.id == "vanilla"


def test_instance_dir_elsewhere_is_found_through_known_locations(home, tmp_path):
    elsewhere = tmp_path / "big disk" / "mc instances"
    data_dir = write_prism(home / ".local/share/PrismLauncher", instance_dir=str(elsewhere),
                           accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(2_000_000_000), active=True)],
                           instances={"far": {"name": "Far Away"}})
    ctx = context.detect(env=hook_env(elsewhere / "far"), cwd=Path("/"))
    assert ctx.launcher.data_dir == str(data_dir) and ctx.instance.name == "Far Away"
    assert ctx.account.name == "Steve"


def test_data_dir_from_prismlauncher_data_dir_variable(home, tmp_path, monkeypatch):
    elsewhere = tmp_path / "portable-data"
    data_dir = write_prism(tmp_path / "portable", instance_dir=str(elsewhere),
                           accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(2_000_000_000), active=True)],
                           instances={"p": {"name": "P"}})
    monkeypatch.setenv("PRISMLAUNCHER_DATA_DIR", str(data_dir))
    assert context.detect(env=hook_env(elsewhere / "p"), cwd=Path("/")).launcher.data_dir == str(data_dir)


def test_expiry_falls_back_to_stored_ygg_exp(home):
    data_dir = write_prism(home / "p", accounts=[prism_account("Steve", FIXTURE_UUID, "not-a-jwt", active=True,
                                                               ygg_exp=1_800_000_000)], instances={"i": {}})
    ctx = context.detect(env={}, cwd=prism_instance(data_dir, "i"))
    assert ctx.account.token_expires_at == 1_800_000_000


def test_offline_account(home):
    data_dir = write_prism(home / "p", accounts=[prism_account("Alex", OTHER_UUID, "", active=True, kind="Offline")],
                           instances={"i": {}})
    ctx = context.detect(env={}, cwd=prism_instance(data_dir, "i"))
    assert ctx.account.type == "offline" and ctx.account.name == "Alex" and ctx.account.token_expires_at is None


def test_multimc_uses_the_active_account_and_its_own_format(home):
    data_dir = write_prism(home / "MultiMC", kind="multimc", config_version=False,
                           accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(1_900_000_000)),
                                     prism_account("Alex", OTHER_UUID, mint_jwt(1_900_000_100), active=True)],
                           instances={"mm": {"name": "Semi\\;colon", "InstanceAccountId": FIXTURE_UUID}})
    ctx = context.detect(env=hook_env(prism_instance(data_dir, "mm")), cwd=Path("/"))
    assert ctx.launcher.kind == "multimc"
    assert ctx.instance.name == "Semi;colon"
    assert ctx.account.name == "Alex"  # MultiMC has no per-instance account


@pytest.mark.parametrize("content,title", [
    ('{"formatVersion": 3, "accounts": [', "damaged"),
    ("not json at all", "damaged"),
    ('{"formatVersion": 99, "accounts": []}', "unknown format"),
    ('{"formatVersion": 3}', "unexpected shape"),
    ("[1, 2]", "unexpected shape"),
])
def test_bad_accounts_file_is_a_note(home, content, title):
    data_dir = write_prism(home / "p", instances={"i": {}})
    (data_dir / "accounts.json").write_text(content, encoding="utf-8")
    ctx = context.detect(env={}, cwd=prism_instance(data_dir, "i"))
    assert ctx.instance.id == "i" and ctx.account is None
    assert any(title in n.title for n in ctx.notes)


def test_unreadable_accounts_file_as_a_directory(home):
    """A directory where the file should be cannot be read by anyone, root included."""
    data_dir = write_prism(home / "p", instances={"i": {}})
    (data_dir / "accounts.json").mkdir()
    ctx = context.detect(env={}, cwd=prism_instance(data_dir, "i"))
    assert ctx.account is None and any("could not be read" in n.title for n in ctx.notes)


def test_no_instance_in_working_directory(home, tmp_path):
    ctx = context.detect(env={}, cwd=tmp_path)
    assert ctx.launcher is None and ctx.instance is None
    assert any("No launcher instance found" in n.title for n in ctx.notes)


def test_instance_without_a_data_dir(tmp_path, home):
    inst = tmp_path / "lonely"
    inst.mkdir()
    (inst / "instance.cfg").write_text("name=Lonely\n")
    ctx = context.detect(env={}, cwd=inst)
    assert ctx.instance.id == "lonely" and ctx.launcher is None
    assert any("not its launcher" in n.title for n in ctx.notes)


def test_accounts_json_shape_from_reference_is_accepted(home):
    doc = {"formatVersion": 3, "accounts": [prism_account("Steve", FIXTURE_UUID, mint_jwt(1_900_000_000),
                                                          active=True)]}
    data_dir = write_prism(home / "p", instances={"i": {}})
    (data_dir / "accounts.json").write_text(json.dumps(doc, indent=4))
    assert context.detect(env={}, cwd=prism_instance(data_dir, "i")).account.name == "Steve"
