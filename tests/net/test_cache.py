"""The remembered network result: owner-only, written under a FileLock, never read through a link, and a damaged
file is no file."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time

import pytest
from filelock import FileLock

from prelaunch.net import cache
from prelaunch.net.result import Probe
from tests.builders import prism_with_steve
from tests.faketime import Clock

KEY = [["https://127.0.0.1:1/"], "", "", 2.5]


def probe(outcome: str = "ok") -> Probe:
    """A probe whose every field differs from a new Probe's."""
    found = Probe("https://127.0.0.1:1/", "127.0.0.1")
    found.detail, found.system_trusted = "HTTP 200", True
    found.outcome, found.status, found.elapsed_ms, found.date = outcome, 200, 12.5, "Tue, 01 Dec 2026 10:00:00 GMT"
    found.sent_at, found.received_at, found.issuer = 1.0, 2.0, {"CN": "Root"}
    return found


def test_round_trip_and_owner_only(home):
    cache.save(KEY, [probe()])
    loaded = cache.load(KEY, 600)
    assert [vars(p) for p in loaded] == [vars(probe())]  # every field kept
    assert stat.S_IMODE(os.stat(cache.path()).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(cache.path())).st_mode) == 0o700


def test_other_settings_or_an_old_result_are_not_used(home):
    cache.save(KEY, [probe()])
    assert cache.load(KEY[:3] + [1.0], 600) is None
    document = json.loads(open(cache.path(), "rb").read())
    document["at"] = time.time() - 700
    open(cache.path(), "w").write(json.dumps(document))
    assert cache.load(KEY, 600) is None
    document["at"] = time.time() + 700  # written "in the future" by a clock since set right
    open(cache.path(), "w").write(json.dumps(document))
    assert cache.load(KEY, 600) is None


def _rewrite(change) -> None:
    document = json.loads(open(cache.path(), "rb").read())
    change(document)
    open(cache.path(), "w").write(json.dumps(document))


def test_a_result_old_by_the_boot_clock_is_not_used(home):
    """Old by both clocks (taken 700 s ago), or by the boot clock alone: measured again."""
    cache.save(KEY, [probe()])

    def older(document, wall=700, boot=700):
        document["at"] -= wall
        document["boot"][1] -= boot

    _rewrite(older)
    assert cache.load(KEY, 600) is None
    cache.save(KEY, [probe()])
    _rewrite(lambda document: older(document, wall=0))
    assert cache.load(KEY, 600) is None


@pytest.mark.parametrize("moved", [-300, -5, 5, 300, 3 * 86400])
def test_a_wall_clock_moved_since_measures_again(home, moved):
    """The wall clock went forward or back against the boot clock since the result was taken: the answers'
    times no longer vouch for it, even when the result is young by either clock."""
    cache.save(KEY, [probe()])
    assert cache.load(KEY, 600) is not None
    _rewrite(lambda document: document.update(at=document["at"] - moved))
    assert cache.load(KEY, 600) is None


def test_a_wall_clock_that_keeps_pace_is_used(home):
    """Taken 100 s ago by both clocks, within the drift time synchronisation gives them: used."""
    cache.save(KEY, [probe()])

    def earlier(document):
        document["at"] -= 100.5
        document["boot"][1] -= 100

    _rewrite(earlier)
    assert cache.load(KEY, 600) is not None


def test_a_result_of_another_boot_is_not_used(home):
    cache.save(KEY, [probe()])
    _rewrite(lambda document: document["boot"].__setitem__(0, "another boot"))
    assert cache.load(KEY, 600) is None


def test_a_link_is_not_followed(home, tmp_path):
    cache.save(KEY, [probe()])
    elsewhere = tmp_path / "elsewhere.json"
    os.replace(cache.path(), elsewhere)
    os.symlink(elsewhere, cache.path())
    assert cache.load(KEY, 600) is None
    before = elsewhere.read_bytes()
    cache.save(KEY, [probe("rate-limited")])
    assert elsewhere.read_bytes() == before and not os.path.islink(cache.path())
    assert cache.load(KEY, 600)[0].outcome == "rate-limited"


def _valid_document() -> dict:
    return {"key": KEY, "at": time.time(), "boot": list(cache.boot_clock()), "probes": [probe().as_dict()]}


def _damaged(change) -> bytes:
    document = _valid_document()
    change(document)
    return json.dumps(document).encode()


@pytest.mark.parametrize("content", [
    b"", b"{", b"\xff\xfe", b"[]", b"null", b'"text"', b"[" * 100000 + b"]" * 100000,
    _damaged(lambda d: d.pop("at")), _damaged(lambda d: d.pop("boot")), _damaged(lambda d: d.update(boot=None)),
    _damaged(lambda d: d.update(boot=[d["boot"][0]])), _damaged(lambda d: d.update(boot=[d["boot"][0], "x"])),
    _damaged(lambda d: d.update(boot=[d["boot"][0], float("nan")])), _damaged(lambda d: d.update(at="soon")),
    _damaged(lambda d: d.update(at=None)),
    _damaged(lambda d: d.update(probes=None)), _damaged(lambda d: d.update(probes={"a": 1})),
    _damaged(lambda d: d.update(probes=[1])), _damaged(lambda d: d["probes"][0].update(issuer=["CN"])),
    _damaged(lambda d: d["probes"][0].update(issuer={"CN": 5})),
    _damaged(lambda d: d["probes"][0].update(status="200")),
    _damaged(lambda d: d["probes"][0].update(status=True)), _damaged(lambda d: d["probes"][0].update(outcome="fine")),
    _damaged(lambda d: d["probes"][0].update(sent_at=[])), _damaged(lambda d: d["probes"][0].pop("url")),
], ids=lambda content: content[:40].decode("latin-1"))
def test_a_damaged_cache_is_a_missing_cache(home, content):
    cache.save(KEY, [probe()])
    with open(cache.path(), "wb") as handle:
        handle.write(content)
    assert cache.load(KEY, 600) is None


def test_save_waits_for_another_writer_only_so_long(home):
    """A FileLock held by another process on the cache's lock file: save gives up, the file stays as it was."""
    cache.save(KEY, [probe()])
    before = open(cache.path(), "rb").read()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom filelock import FileLock\n"
                               f"lock = FileLock({cache.path() + '.lock'!r})\nlock.acquire()\n"
                               "print('held', flush=True)\ntime.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        cache.save(KEY, [probe("rate-limited")])
        cache.forget()
        assert open(cache.path(), "rb").read() == before
    finally:
        holder.kill()
        holder.wait()
    cache.save(KEY, [probe("rate-limited")])
    assert cache.load(KEY, 600)[0].outcome == "rate-limited"


def test_two_writers_at_once_leave_a_whole_file(home):
    """Two processes save over and over while this one reads: every read is a whole document."""
    writer = ("import sys\nfrom prelaunch.net import cache\nfrom prelaunch.net.result import Probe\n"
              "for n in range(60):\n"
              "    p = Probe('https://127.0.0.1:1/', '127.0.0.1'); p.outcome = 'ok'; p.detail = sys.argv[1] * 2000\n"
              f"    cache.save({KEY!r}, [p])\n")
    writers = [subprocess.Popen([sys.executable, "-c", writer, letter]) for letter in "ab"]
    while any(w.poll() is None for w in writers):
        loaded = cache.load(KEY, 600)
        if loaded is not None:
            assert loaded[0].detail in ("a" * 2000, "b" * 2000)
    assert [w.wait() for w in writers] == [0, 0]
    assert cache.load(KEY, 600)[0].detail in ("a" * 2000, "b" * 2000)
    leftovers = [name for name in os.listdir(os.path.dirname(cache.path())) if name.endswith(".tmp")]
    assert leftovers == []


def test_forget(home):
    cache.forget()  # nothing to forget: no error, nothing created
    assert not os.path.exists(os.path.dirname(cache.path())) or not os.path.exists(cache.path())
    cache.save(KEY, [probe()])
    cache.forget()
    assert cache.load(KEY, 600) is None


def test_the_lock_interoperates_with_filelock(home):
    """While this process holds the same FileLock, save in another process does not write."""
    cache.save(KEY, [probe()])
    before = open(cache.path(), "rb").read()
    with FileLock(cache.path() + ".lock"):
        code = ("from prelaunch.net import cache\nfrom prelaunch.net.result import Probe\n"
                f"cache.save({KEY!r}, [Probe('https://127.0.0.1:1/')])")
        subprocess.run([sys.executable, "-c", code], check=True)
        assert open(cache.path(), "rb").read() == before


# --- a real `check`, its wall clock moved with libfaketime ------------------------------------------------------

@pytest.mark.parametrize("moved,said", [("+5m", "Your clock is 5 min fast"), ("-5m", "Your clock is 5 min slow")])
def test_check_measures_again_after_the_clock_moved(cli, home, certs, servers, tmp_path, moved, said):
    """A healthy result is remembered, and answers the next launch (the servers are failing by then); once the
    wall clock has moved 5 minutes, the remembered answers no longer vouch for it: `check` measures again and
    says the clock is off instead of "all good (..., clock)"."""
    server = servers(cert=certs.good())
    instance = prism_with_steve(home, "V")
    (home / "prelaunch.toml").write_text(
        f'[network]\nendpoints = ["{server.url()}"]\ncontrol = ""\nca_bundle = "{certs.bundle}"\n'
        'deadline = 30\ntimeout = 15\n[ui]\nmode = "none"\n', encoding="utf-8")  # a busy machine is no failure
    clock = Clock(tmp_path)

    def check() -> str:
        result = cli("check", cwd=instance / "minecraft", env=clock.env())
        assert result.code == 0, result.out + result.err
        return result.out

    healthy = "!![Info]!prelaunch: all good (account, token, session, sign-in servers, clock)"
    out = check()
    assert out.splitlines()[0] == healthy, out
    server.status = 503
    out = check()
    assert out.splitlines()[0] == healthy, out  # remembered: the failing servers were not asked
    server.status = 200
    clock.move(moved)
    out = check()
    assert f"!![Warning]!prelaunch: {said}" in out.splitlines(), out
    assert "all good" not in out
