"""The network verdict kept fresh while a game runs, probed in a process of its own against real loopback
servers: healthy is remembered (the next launch waits on nothing), bad forgets the remembered result."""

from __future__ import annotations

import time

from prelaunch.checks import network, verdict
from prelaunch.net import cache as netcache
from prelaunch.session import fresh_verdict
from tests.helpers.netconfig import configure
from tests.helpers.netservers import Server, refused_url


def probed() -> fresh_verdict.Verdict | None:
    """The verdict of the real probing process, read as the watchdog reads it."""
    out, _ = fresh_verdict.start_child().communicate(timeout=fresh_verdict.CHILD_WAIT_S)
    return fresh_verdict.read(out)


def test_a_healthy_verdict_is_remembered_for_the_next_launch(cli, home, certs, servers):
    server = Server(cert=certs.good())
    config = configure(home, [server.url()], ca_bundle=certs.bundle)
    fresh = probed()
    assert fresh["ok"] is True and fresh["problems"] == [] and abs(fresh["at"] - time.time()) < 60
    assert netcache.load(network._cache_key(config), 600) is not None
    server.stop()  # the next launch asks nobody: it has the watchdog's result
    started = time.monotonic()
    checked = cli("check", "--json", "--ui", "none").json()
    assert time.monotonic() - started < 10
    assert [f["severity"] for f in checked["findings"] if f["check"] == "network"] == ["ok"]


def test_an_outage_while_playing_forgets_the_remembered_result(home, certs, servers):
    good = servers(cert=certs.good()).url()
    configure(home, [good], ca_bundle=certs.bundle)
    assert probed()["ok"] is True
    config = configure(home, [refused_url()], ca_bundle=certs.bundle)
    bad = probed()
    assert bad["ok"] is False and bad["problems"]
    assert netcache.load(network._cache_key(config), 600) is None


def test_a_clock_that_jumped_is_a_bad_verdict(home, certs, servers):
    configure(home, [servers(cert=certs.good(), date="+10min").url()], ca_bundle=certs.bundle)
    found = probed()
    assert found["ok"] is False and found["problems"] == ["Your clock is 10 min slow"]


def test_silent_servers_take_checks_own_deadline(home, certs, servers):
    silent = servers(cert=certs.good(), behaviour="silent").url()
    config = configure(home, [silent], ca_bundle=certs.bundle, deadline=1.0, timeout=1.0)
    started = time.monotonic()
    found = verdict.refresh(config)
    assert time.monotonic() - started < 1.0 + network.JUDGING_S + 0.5
    assert found["ok"] is False


def test_no_verdict_when_the_network_check_is_off(home):
    assert probed() is None  # the test HOME's configuration turns it off
