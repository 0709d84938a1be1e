"""The public interface, end to end in real subprocesses: check and doctor on each launcher's instance."""

import time

import pytest

from tests.builders import (
    FIXTURE_UUID,
    MODRINTH_ERAS,
    dashed,
    mint_jwt,
    prism_account,
    prism_instance,
    write_modrinth,
    write_modrinth_legacy,
    write_prism,
)


def prism_env(inst):
    return {"INST_NAME": inst.name, "INST_ID": inst.name, "INST_DIR": str(inst), "INST_MC_DIR": str(inst / "minecraft")}


def test_version(cli):
    result = cli("--version")
    assert result.code == 0 and result.out.startswith("prelaunch ")


def test_usage_error_exits_2(cli):
    assert cli("check", "--ui", "sideways").code == 2
    assert cli("frobnicate").code == 2


def test_check_json_names_prism_instance_and_expired_token(cli, home):
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"vanilla": {"name": "Vanilla Plus"}},
                           accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() - 7200), active=True)])
    inst = prism_instance(data_dir, "vanilla")
    result = cli("check", "--ui", "none", "--json", env=prism_env(inst), cwd=inst / "minecraft")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["version"] == 1
    assert doc["launcher"]["name"] == "prism" and doc["instance"]["name"] == "Vanilla Plus"
    assert doc["account"] == {"name": "Steve", "uuid": FIXTURE_UUID, "type": "msa",
                              "token_expires_at": doc["account"]["token_expires_at"]}
    token = [f for f in doc["findings"] if f["check"] == "token"]
    assert token[0]["severity"] == "warning" and "expired" in token[0]["title"]


def test_check_json_names_multimc_instance(cli, home):
    data_dir = write_prism(home / "MultiMC", kind="multimc", config_version=False, instances={"mm": {"name": "MM"}},
                           accounts=[prism_account("Alex", FIXTURE_UUID, mint_jwt(time.time() + 3600), active=True)])
    inst = prism_instance(data_dir, "mm")
    doc = cli("check", "--ui", "none", "--json", env=prism_env(inst), cwd=inst / "minecraft").json()
    assert doc["launcher"]["name"] == "multimc" and doc["account"]["name"] == "Alex"
    assert any("expires in" in f["title"] for f in doc["findings"])


@pytest.mark.parametrize("era", [*MODRINTH_ERAS, "json"])
def test_check_json_names_modrinth_instance_from_working_dir(cli, home, era):
    users = [(dashed(FIXTURE_UUID), "Steve", mint_jwt(time.time() + 1800))]
    root = home / ".local/share/ModrinthApp"
    if era == "json":
        data_dir = write_modrinth_legacy(root, users, default=users[0][0], instances={"pack": "My Pack"})
    else:
        data_dir = write_modrinth(root, era, [(*users[0], True)], instances={"pack": "My Pack"})
    doc = cli("check", "--ui", "none", "--json", cwd=data_dir / "profiles" / "pack").json()
    assert doc["launcher"]["name"] == "modrinth"
    assert doc["instance"]["name"] == "My Pack" and doc["account"]["name"] == "Steve"
    assert any(f["check"] == "token" and "expires in" in f["title"] for f in doc["findings"])


def test_check_console_uses_prism_level_prefixes(cli, home):
    data_dir = write_prism(home / "p", instances={"i": {}},
                           accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() - 60), active=True)])
    result = cli("check", "--ui", "none", cwd=prism_instance(data_dir, "i") / "minecraft")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("!![Warning]!prelaunch: The sign-in of 'Steve' expired")
    assert any(line.startswith("!![Warning]!  1. ") for line in lines)


def test_check_healthy_is_one_line(cli, home):
    data_dir = write_prism(home / "p", instances={"i": {}},
                           accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() + 86000),
                                                   active=True)])
    result = cli("check", "--ui", "none", cwd=prism_instance(data_dir, "i") / "minecraft")
    assert result.code == 0 and result.out.splitlines() == ["!![Info]!prelaunch: all good (account, token, session)"]


def test_doctor_exit_codes_and_report(cli, home):
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"i": {"name": "Inst"}},
                           accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() - 60), active=True)])
    inst = prism_instance(data_dir, "i")
    result = cli("doctor", "--instance", str(inst))
    assert result.code == 1
    assert "Launcher: Prism Launcher" in result.out and "Instance: Inst" in result.out
    assert "Account:  Steve (msa" in result.out and "[warning]" in result.out
    assert cli("doctor", "--launcher", "prism", "--json").json()["account"]["name"] == "Steve"


def test_check_never_fails_on_damaged_files(cli, home):
    data_dir = write_prism(home / "p", instances={"i": {}})
    (data_dir / "accounts.json").write_bytes(b"\x00\xff{{{")
    (prism_instance(data_dir, "i") / "instance.cfg").write_bytes(b"\xff\xfe[General\n=\n==")
    result = cli("check", "--ui", "none", cwd=prism_instance(data_dir, "i"))
    assert result.code == 0 and "Traceback" not in result.out + result.err
    assert "accounts.json is damaged" in result.out


def test_internal_error_is_one_line_and_exit_0(cli, home, tmp_path):
    """A bug inside prelaunch (here: the check runner raises) must not stop a launch."""
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(
        "import prelaunch.checks.runner\n"
        "def broken(*args, **kwargs):\n    raise RuntimeError('boom with secret eyJxxx')\n"
        "prelaunch.checks.runner.run = broken\n")
    result = cli("check", "--ui", "none", env={"PYTHONPATH": str(shim)})
    assert result.code == 0
    lines = [line for line in result.out.splitlines() if line]
    assert len(lines) == 1 and "internal error" in lines[0] and "RuntimeError" in lines[0]
    assert "eyJxxx" not in result.out + result.err
    log = (home / ".local/state/prelaunch/log/prelaunch.log").read_text()
    assert "RuntimeError" in log and "eyJxxx" not in log


def test_a_hung_network_check_does_not_hold_the_launch(cli, home, tmp_path):
    """Whatever the network check waits on, check returns at its deadline and the launch goes on."""
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(
        "import time\nimport prelaunch.checks.network as network\n"
        "network._probe_and_judge = lambda config: time.sleep(600)\n")
    (home / "prelaunch.toml").write_text('[network]\nendpoints = ["https://127.0.0.1:9/"]\ndeadline = 1.0\n'
                                         'cache_minutes = 0\n')
    started = time.monotonic()
    result = cli("check", "--ui", "none", env={"PYTHONPATH": str(shim)})
    assert time.monotonic() - started < 10
    assert result.code == 0 and "The network check did not finish within 1.5 s" in result.out
