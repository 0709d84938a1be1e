"""The public interface, end to end in real subprocesses: check and doctor on each launcher's instance."""

import fcntl
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from prelaunch.cli import exit_status, main
from prelaunch.session import lock
from tests.helpers.broken import raising
from tests.helpers.builders import (
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
    assert cli("frobnicate").code == 2
    assert cli("status", "--ui", "sideways").code == 2


def test_check_json_names_prism_instance_and_expired_token(cli, home):
    expired_at = int(time.time() - 7200)
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"vanilla": {"name": "Vanilla Plus"}},
                           accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(expired_at), active=True)])
    inst = prism_instance(data_dir, "vanilla")
    result = cli("check", "--ui", "none", "--json", env=prism_env(inst), cwd=inst / "minecraft")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["version"] == 1
    assert doc["launcher"]["name"] == "prism" and doc["instance"]["name"] == "Vanilla Plus"
    assert doc["account"] == {"name": "Steve", "uuid": FIXTURE_UUID, "type": "msa",
                              "token_expires_at": expired_at}  # the JWT's own `exp`
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
        "network._probe_and_judge = lambda *args: time.sleep(600)\n")
    (home / "prelaunch.toml").write_text('[network]\nendpoints = ["https://127.0.0.1:9/"]\ndeadline = 1.0\n'
                                         'cache_minutes = 0\n')
    started = time.monotonic()
    result = cli("check", "--ui", "none", env={"PYTHONPATH": str(shim)})
    assert time.monotonic() - started < 10
    assert result.code == 0 and "The network check did not finish within 1 s" in result.out


# --- the last instruction: the exit code survives whatever other threads do --------------------------------

_THREADS_IN_SSL = """
import ssl, sys, threading
bundle = sys.argv[1]

def load_roots():  # OpenSSL parses the bundle with the GIL released: the thread is inside ssl at any moment
    while True:
        ssl.create_default_context(cafile=bundle)

threading.Thread(target=load_roots, daemon=True).start()
if sys.argv[2] == "broken":
    import prelaunch.checks.runner

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    prelaunch.checks.runner.diagnose = broken
sys.argv[1:] = sys.argv[3:]
from prelaunch.cli import main
sys.exit(main())
"""


def test_the_exit_code_holds_while_threads_are_inside_ssl(cli, home, tmp_path):
    """The program ends with the command's exit code even while daemon threads work inside OpenSSL (as the
    network check's probes can, abandoned at the deadline). Letting the interpreter shut down under them
    crashed 12-18 % of these runs (SIGSEGV, SIGABRT; 5-7 of 40, measured 3 times). 50 runs here: such a return
    passes them all about once in 3,000 times (0.85 ** 50)."""
    import certifi

    bundle = tmp_path / "roots.pem"
    bundle.write_text(Path(certifi.where()).read_text(encoding="ascii") * 40, encoding="ascii")  # about 9 MB
    marker = "then-ran"
    kinds = {  # argv after the script: (state, command...), and the exit code each must end with
        "check": ((["ok", "check", "--ui", "none", "--then", sys.executable, "-c", f"print({marker!r})"]), 0),
        "check, internal error": ((["broken", "check", "--ui", "none", "--then", sys.executable, "-c",
                                    f"print({marker!r})"]), 0),
        "doctor": ((["ok", "doctor"]), 0),
        "status": ((["ok", "status"]), 0),
        "wrap, game not found": ((["ok", "wrap", "--", str(tmp_path / "no-such-java")]), 127),
    }
    env = dict(os.environ)

    def run(argv: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", _THREADS_IN_SSL, str(bundle), *argv], capture_output=True,
                              text=True, env=env, cwd=home, timeout=60, stdin=subprocess.DEVNULL)

    jobs = [(name, argv, code) for name, (argv, code) in kinds.items() for _ in range(10)]
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        done = list(pool.map(lambda job: run(job[1]), jobs))
    wrong = [f"{name}: exit {proc.returncode}, wanted {code}\n{proc.stdout}{proc.stderr}"
             for (name, _argv, code), proc in zip(jobs, done) if proc.returncode != code]
    assert not wrong, f"{len(wrong)} of {len(jobs)} runs:\n" + "\n".join(wrong)
    for (name, _argv, _code), proc in zip(jobs, done):
        assert "Traceback" not in proc.stdout + proc.stderr
        if name.startswith("check"):
            assert proc.stdout.splitlines()[-1] == marker
        if name == "check, internal error":
            assert "internal error in `check` (RuntimeError" in proc.stdout


def test_main_with_arguments_returns_the_code_to_its_caller(home):
    """In-process callers (the installer runs `doctor` this way) get the code back; the process goes on."""
    assert main(["status"]) == 0
    assert main(["explain", "no such message, surely"]) == 1


def test_exit_status_keeps_a_windows_exit_codes_bits():
    assert exit_status(0) == 0 and exit_status(127) == 127 and exit_status(-1) == -1
    assert exit_status(0xC0000005) == -1073741819  # STATUS_ACCESS_VIOLATION as the C int os._exit takes
    assert exit_status(0xFFFFFFFF) == -1


# --- a console that is gone is not an error ---------------------------------------------------------------

def run_with_closed_stdout(args: list[str], cwd: Path, env: dict | None = None) -> tuple[int, str]:
    """Run prelaunch with a stdout whose reader has already gone (as after `| head -1` has its line)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([sys.executable, "-m", "prelaunch", *args], stdout=write_end, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, text=True, cwd=cwd, env=dict(os.environ, **(env or {})),
                              timeout=60)
    finally:
        os.close(write_end)
    return proc.returncode, proc.stderr


def test_status_into_a_closed_pipe_is_quiet_and_exits_0(home):
    assert run_with_closed_stdout(["status"], home) == (0, "")
    assert run_with_closed_stdout(["status", "--json"], home) == (0, "")


def test_status_piped_to_head_says_no_error(home):
    """The shell pipeline itself, with more output than a pipe holds, so status still writes after head has
    its line and is gone."""
    held = []
    for number in range(40):  # held by this process, each with a long instance name: about 80 kB of output
        uuid = f"{number:032x}"
        held.append(lock.acquire(uuid))
        lock.write_holder(uuid, lock.Holder.for_this_process(account_name=f"Player{number}",
                                                             instance_name="Long " * 400))
    try:
        proc = subprocess.run(["bash", "-c", f"set -o pipefail; '{sys.executable}' -m prelaunch status | head -1"],
                              capture_output=True, text=True, cwd=home, timeout=120, stdin=subprocess.DEVNULL)
    finally:
        for fd in held:
            os.close(fd)
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.startswith("Player0: instance 'Long Long") and proc.stdout.count("\n") == 1


@pytest.mark.parametrize("args", [["doctor"], ["explain", "Failed to log in: Invalid session"],
                                  ["--help"], ["check", "--help"]])
def test_other_commands_into_a_closed_pipe_are_quiet(home, args):
    code, err = run_with_closed_stdout(args, home)
    assert err == "" and code in (0, 1)


def test_check_into_a_closed_pipe_still_decides_and_runs_then(home, tmp_path):
    marker = tmp_path / "then-ran"
    code, err = run_with_closed_stdout(["check", "--ui", "none", "--then", sys.executable, "-c",
                                        f"open({str(marker)!r}, 'w').close()"], home)
    assert (code, err) == (0, "") and marker.exists()


# --- each command its own words for an internal error ---------------------------------------------------

@pytest.mark.parametrize(("args", "target", "aftermath"), [
    (["doctor"], "prelaunch.checks.runner.diagnose", "the diagnosis stopped before its end"),
    (["status"], "prelaunch.session.lock.held_accounts", "the accounts playing now could not be listed"),
    (["explain", "x"], "prelaunch.ui.known_errors.render", "the text could not be looked up"),
    (["install", "--dry-run"], "prelaunch.installer.data_dirs",
     "the install stopped before changing any launcher file"),
])
def test_other_commands_have_their_own_words_for_an_internal_error(cli, home, tmp_path, args, target, aftermath):
    result = cli(*args, env=raising(tmp_path, target))
    log = home / ".local/state/prelaunch/log/prelaunch.log"
    assert result.code == 1 and result.out == ""
    assert result.err.startswith(f"prelaunch: internal error in `{args[0]}` (RuntimeError at sitecustomize.py:3): ")
    assert result.err.endswith(f": {aftermath}. Where it happened is in {log}.\n")
    assert result.err.count("\n") == 1 and "the launch goes on" not in result.err
    assert "eyJxxx" not in result.err + log.read_text()


# --- modes of everything a run writes -----------------------------------------------------------------------

def test_every_file_check_doctor_and_status_write_is_private(cli, home, tmp_path):
    """Under a umask that would leave everything open (000), every file a run writes under HOME is 0600 and
    every folder it makes 0700: the network cache, the log, the consent, and the folders above them."""
    from tests.helpers.netservers import Certificates, Server

    certs = Certificates(tmp_path)
    server = Server(cert=certs.good())
    try:
        data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": "V"}},
                               accounts=[prism_account("Steve", FIXTURE_UUID, mint_jwt(time.time() + 9e4),
                                                       active=True)])
        inst = prism_instance(data_dir, "v")
        (home / "prelaunch.toml").write_text(
            f'[network]\nendpoints = ["{server.url()}"]\ncontrol = ""\nca_bundle = "{certs.bundle}"\n'
            '[ui]\nmode = "none"\n[session]\non_account_in_use = "warn"\n', encoding="utf-8")
        locks = home / ".local/state/prelaunch/locks"  # for the lock this test holds to say Steve plays
        for folder in (locks.parent, locks):
            folder.mkdir(mode=0o700)
        (locks / f"{FIXTURE_UUID}.lock").touch(mode=0o600)
        before = {p for p in home.rglob("*")}
        umask_000 = ["/bin/sh", "-c", 'umask 000 && exec "$@"', "sh", sys.executable, "-m", "prelaunch"]

        def run(*args: str, env: dict | None = None) -> int:
            return subprocess.run([*umask_000, *args], cwd=inst / "minecraft", capture_output=True, timeout=60,
                                  env=dict(os.environ, INST_DIR=str(inst), **(env or {})),
                                  stdin=subprocess.DEVNULL).returncode

        assert run("check") == 0  # healthy: the network result is remembered
        fd = os.open(locks / f"{FIXTURE_UUID}.lock", os.O_RDWR)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            assert run("check") == 0  # the account in use, "Launch anyway" by policy: a consent is written
            assert run("status") == 0
        finally:
            os.close(fd)
        assert run("doctor") in (0, 1)
        assert run("check", env=raising(tmp_path, "prelaunch.checks.runner.diagnose")) == 0  # the log
    finally:
        server.stop()
    written = sorted(p for p in home.rglob("*") if p not in before)
    names = {p.name for p in written}
    assert {"network.json", "prelaunch.log", f"{FIXTURE_UUID}.json", "consent"} <= names, names
    wrong = [f"{p.relative_to(home)}: {oct(p.stat().st_mode & 0o777)}" for p in written
             if p.stat().st_mode & 0o777 != (0o700 if p.is_dir() else 0o600)]
    assert not wrong, wrong
