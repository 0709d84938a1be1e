"""The bounded reader: only regular files, never more than the cap, never a wait. Cases that would hang or
eat memory if the bound were missing run in a child process under a subprocess timeout."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from prelaunch import readfile

CHILD_TIMEOUT_S = 60  # a bound for a child that would otherwise wait forever (a FIFO) or fill memory


def in_child(code: str, *args: str) -> dict:
    """Run `code` with `args` in a fresh interpreter; it prints one JSON document, returned here."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=CHILD_TIMEOUT_S, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


_READ = """
import json, sys
from prelaunch import readfile
try:
    data = readfile.read(sys.argv[1], int(sys.argv[2]))
    print(json.dumps({"read": len(data)}))
except OSError as exc:
    print(json.dumps({"error": type(exc).__name__, "errno": exc.errno, "strerror": exc.strerror}))
"""


def test_a_regular_file_is_read_whole_up_to_the_cap(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert readfile.read(path, 100) == b"x" * 100
    assert readfile.read(str(path), 1000) == b"x" * 100
    path.write_bytes(b"")
    assert readfile.read(path, 0) == b""


def test_one_byte_over_the_cap_is_refused_and_says_so(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"x" * (readfile.KIB + 1))
    with pytest.raises(readfile.Skipped) as caught:
        readfile.read(path, readfile.KIB)
    assert caught.value.errno == errno.EFBIG
    assert caught.value.strerror == "skipped: larger than 1 KiB, the most prelaunch reads of this file"
    assert caught.value.filename == str(path)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_a_file_longer_than_its_stated_size_is_still_read_no_further_than_the_cap():
    """/proc files state a size of 0 and hold more: the read itself is bounded, not only the size check."""
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(readfile.Skipped) as caught:
        readfile.read("/proc/self/status", 16)
    assert caught.value.errno == errno.EFBIG
    assert len(readfile.read("/proc/self/status", readfile.MIB)) > 16


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(readfile.Skipped) as caught:
        readfile.read(tmp_path, readfile.MIB)
    assert caught.value.errno == errno.EISDIR
    assert caught.value.strerror == "skipped: it is a folder, not a regular file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert in_child(_READ, str(fifo), str(readfile.MIB)) == {
        "error": "Skipped", "errno": errno.EINVAL, "strerror": "skipped: it is a FIFO (named pipe), not a regular file"}


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_behind_a_symlink_is_refused(tmp_path):
    link = tmp_path / "accounts.json"
    link.symlink_to("/dev/zero")
    assert in_child(_READ, str(link), str(readfile.MIB)) == {
        "error": "Skipped", "errno": errno.EINVAL, "strerror": "skipped: it is a device, not a regular file"}


def test_a_symlink_loop_is_an_os_error(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(OSError) as caught:
        readfile.read(loop, readfile.MIB)
    assert caught.value.errno == errno.ELOOP


def test_a_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        readfile.read(tmp_path / "absent", readfile.MIB)


def test_symlinks_are_followed_unless_asked_not_to(tmp_path):
    target = tmp_path / "target"
    target.write_bytes(b"{}")
    link = tmp_path / "link"
    link.symlink_to(target)
    assert readfile.read(link, readfile.MIB) == b"{}"
    with pytest.raises(OSError) as caught:
        readfile.read(link, readfile.MIB, follow_symlinks=False)
    assert caught.value.errno == errno.ELOOP
    assert readfile.read(target, readfile.MIB, follow_symlinks=False) == b"{}"


_EVERY_READER = """
import json, os, sys
from prelaunch import config, readfile
from prelaunch.launchers import ini, prism_accounts, modrinth
from prelaunch.model import LaunchContext
from prelaunch.net import cache as netcache, hostsfile
from prelaunch.session import consent, lock

uuid, bad = sys.argv[1], sys.argv[2]
found = {}
try:
    ini.read(bad, "prism")
except OSError as exc:
    found["ini"] = exc.strerror
context = LaunchContext()
found["accounts"] = prism_accounts.read(bad, "prism", context)
found["accounts_note"] = [n.detail for n in context.notes]
try:
    modrinth._read_json(bad)
except OSError as exc:
    found["modrinth_json"] = exc.strerror
found["config"] = config.load(bad).problems
found["hosts"] = hostsfile.redirects(bad, ("sessionserver.mojang.com",))
found["cache"] = netcache.load([], 600)
found["holder"] = lock.read_holder(uuid)
found["consent"] = consent.take(uuid, "")
print(json.dumps(found))
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "huge"])
def test_every_reader_of_a_file_goes_through_the_bound(home, kind):
    """Each module that reads a file refuses a FIFO (it would wait forever) and a file far past its cap, in
    the way it already treats an unreadable file."""
    uuid = "0123456789abcdef0123456789abcdef"
    state = home / ".local/state/prelaunch"
    placed = [home / "bad", state / "locks" / f"{uuid}.json", state / "consent" / f"{uuid}.json",
              home / ".cache/prelaunch/network.json"]
    for path in placed:
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "fifo":
            os.mkfifo(path)
        else:
            with open(path, "wb") as handle:
                handle.truncate(64 * readfile.MIB)  # sparse: costs no disk
    found = in_child(_EVERY_READER, uuid, str(home / "bad"))
    def reason(cap: str) -> str:
        return ("skipped: it is a FIFO (named pipe), not a regular file" if kind == "fifo"
                else f"skipped: larger than {cap}, the most prelaunch reads of this file")

    assert found["ini"] == reason("256 KiB")
    assert found["accounts"] is None and found["accounts_note"] == [f"{home / 'bad'}: {reason('4 MiB')}"]
    assert found["modrinth_json"] == reason("4 MiB")
    assert found["config"] == [f"{home / 'bad'} was not read ({reason('256 KiB')}); using defaults"]
    assert found["hosts"] == [] and found["cache"] is None and found["holder"] is None
    assert found["consent"] is False
