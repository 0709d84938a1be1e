"""The scenarios whose results hang on what else runs, beside programs that are not the test's: a Prism
Launcher and a Modrinth App working on someone else's data folders, and a game of another account, as any
machine may run them (another copy of the suite starts the same). None of them may change a result: the
session check looks for this account's games and this instance's, and an install is held up only by a
launcher working on the folders it changes."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prelaunch.checks import session
from prelaunch.config import Config
from prelaunch.installer import running
from prelaunch.model import AccountInfo, InstanceInfo, LaunchContext, LauncherInfo
from tests.helpers.builders import dashed, mint_jwt, prism_account, write_modrinth, write_prism
from tests.helpers.launch import java
from tests.helpers.session import OWN_UUID, prism_with_own_steve


@pytest.fixture
def strangers(tmp_path_factory) -> list[subprocess.Popen]:
    """Programs of someone else on this machine: their own HOME, data folders and account."""
    elsewhere = tmp_path_factory.mktemp("someone-else")
    env = {"HOME": str(elsewhere), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    prism = write_prism(elsewhere / ".local/share/PrismLauncher", instances={"v": {"name": "V"}})
    write_modrinth(elsewhere / ".local/share/ModrinthApp", "0.15+", [])
    commands = []
    for name, cwd in (("prismlauncher", prism), ("ModrinthApp", elsewhere), ("modrinth-app-wrapped", elsewhere)):
        fake = elsewhere / "bin" / name
        fake.parent.mkdir(exist_ok=True)
        shutil.copy("/bin/sleep", fake)
        commands.append(([str(fake), "120"], cwd))
    other_account = ["net.minecraft.client.main.Main", "--username", "Alex", "--uuid", dashed(secrets.token_hex(16)),
                     "--accessToken", mint_jwt(time.time() + 3600)]
    commands.append(([java(), "-c", "import time; time.sleep(120)", *other_account], prism / "instances" / "v"))
    started = [subprocess.Popen(argv, cwd=cwd, env=env) for argv, cwd in commands]
    yield started
    for proc in started:
        proc.kill()
        proc.wait()


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "prelaunch", *args], capture_output=True, text=True, cwd=cwd,
                          stdin=subprocess.DEVNULL, timeout=120)


def test_the_session_check_sees_none_of_them(home, tmp_path, strangers):
    context = LaunchContext(launcher=LauncherInfo("prism", Path("/d"), "x"),
                            instance=InstanceInfo("v", "V", tmp_path / "inst"),
                            account=AccountInfo("Steve", OWN_UUID, "msa", None))
    found = session.run(context, Config())  # every process of the machine, the strangers' among them
    assert [(f.severity, f.title) for f in found] == [("ok", "'Steve' is not playing anywhere else on this computer")]
    result = run_cli("check", "--ui", "none", cwd=prism_with_own_steve(home, "V") / "minecraft")
    assert result.returncode == 0 and "already playing" not in result.stdout, result.stdout + result.stderr


def test_install_and_uninstall_go_on_beside_them(home, strangers):
    data = Path(os.environ["XDG_DATA_HOME"])
    prism = write_prism(data / "PrismLauncher", instances={"v": {"name": "V"}},
                        accounts=[prism_account("Steve", OWN_UUID, mint_jwt(time.time() + 9e4), active=True)])
    modrinth = write_modrinth(data / "ModrinthApp", "0.15+", [(dashed(OWN_UUID), "Steve", mint_jwt(2e9), True)])
    ours = [("prism", str(prism / "prismlauncher.cfg")), ("modrinth", str(modrinth / "app.db"))]
    assert running.in_the_way(ours) == []  # every process of the machine
    before = (prism / "prismlauncher.cfg").read_bytes()
    result = run_cli("install", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is running" not in result.stdout and (prism / "prismlauncher.cfg").read_bytes() != before
    assert f"changed: {modrinth / 'app.db'}" in result.stdout
    result = run_cli("uninstall", "--yes")
    assert result.returncode == 0 and "is running" not in result.stdout, result.stdout + result.stderr
    assert (prism / "prismlauncher.cfg").read_bytes() == before
