"""The network and clock checks against real servers on 127.0.0.1 and ::1, made by the tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from prelaunch import config as config_module
from prelaunch.checks import network
from prelaunch.net import cache as netcache
from tests.netservers import Certificates, Server, refused_url

DEADLINE = 2.0


@pytest.fixture
def certs(tmp_path):
    return Certificates(tmp_path)


@pytest.fixture
def servers():
    started: list[Server] = []

    def make(**kwargs) -> Server:
        started.append(Server(**kwargs))
        return started[-1]

    yield make
    for server in started:
        server.stop()


def configure(home, endpoints, control="", ca_bundle="", extra=""):
    text = (f"[network]\nendpoints = {json.dumps(endpoints)}\ncontrol = {json.dumps(control)}\n"
            f"ca_bundle = {json.dumps(str(ca_bundle))}\ndeadline = {DEADLINE}\ntimeout = 1.5\n"
            f"hosts_file = {json.dumps(str(home / 'hosts'))}\n{extra}")
    (home / "prelaunch.toml").write_text(text, encoding="utf-8")
    (home / "hosts").write_text("127.0.0.1 localhost\n::1 localhost ip6-localhost\n", encoding="utf-8")
    return config_module.load()


def run_timed(config):
    started = time.monotonic()
    findings = network.run(None, config)
    elapsed = time.monotonic() - started
    assert elapsed <= config.network.deadline + 0.25, elapsed
    return findings


def verdict(findings):
    return next(f for f in findings if f.check == "network" and ":" not in f.title.split(" ")[0])


def by_title(findings, text):
    return [f for f in findings if text in f.title]


def test_healthy_is_ok_cached_and_quick(home, certs, servers):
    urls = [servers(cert=certs.good(), delay=0.1).url() for _ in range(5)]
    config = configure(home, urls, ca_bundle=certs.bundle)
    findings = run_timed(config)
    assert verdict(findings).severity == "ok" and "5 of 5" in verdict(findings).title
    assert [f.severity for f in findings if f.check == "clock"] == ["ok"]
    assert all(f.severity == "ok" for f in findings)
    rows = [f for f in findings if f.title.startswith("127.0.0.1: HTTP 200")]
    assert len(rows) == 5 and all("tls" in r.detail and "issuer" in r.detail for r in rows)
    assert netcache.load(network._cache_key(config), 600) is not None


def test_cache_answers_when_the_servers_are_gone(home, certs):
    server = Server(cert=certs.good())
    config = configure(home, [server.url()], ca_bundle=certs.bundle)
    assert verdict(run_timed(config)).severity == "ok"
    server.stop()
    started = time.monotonic()
    assert verdict(network.run(None, config)).severity == "ok"
    assert time.monotonic() - started < 0.5
    config.network.cache_minutes = 0
    assert verdict(run_timed(config)).severity == "warning"


def test_bad_result_is_never_cached(home, certs, servers):
    config = configure(home, [refused_url()], ca_bundle=certs.bundle)
    assert verdict(run_timed(config)).severity == "warning"
    assert netcache.load(network._cache_key(config), 600) is None


def test_refused_port(home, certs, servers):
    good = servers(cert=certs.good()).url()
    config = configure(home, [good, refused_url()], ca_bundle=certs.bundle)
    found = verdict(run_timed(config))
    assert found.severity == "warning" and found.title == "1 of 2 sign-in servers cannot be reached"
    assert "the connection is refused" in found.detail


def test_listener_that_never_answers_is_bounded(home, certs, servers):
    urls = [servers(behaviour="silent").url().replace("http://", "https://") for _ in range(5)]
    config = configure(home, urls, ca_bundle=certs.bundle)
    findings = run_timed(config)
    assert verdict(findings).title == "You seem to be offline"
    assert all("stopped at tls" in f.detail for f in findings if f.title.startswith("127.0.0.1:"))


def test_half_an_answer(home, certs, servers):
    config = configure(home, [servers(cert=certs.good(), behaviour="half").url()], ca_bundle=certs.bundle)
    findings = run_timed(config)
    assert "a broken answer" in verdict(findings).detail


def test_rate_limited_is_up_but_said(home, certs, servers):
    findings = run_timed(configure(home, [servers(cert=certs.good(), status=429).url()], ca_bundle=certs.bundle))
    assert verdict(findings).severity == "ok"
    assert by_title(findings, "Rate limited by 127.0.0.1 (HTTP 429)")[0].severity == "info"


@pytest.mark.parametrize("status,reason", [(500, "server error"), (503, "server error")])
def test_server_errors_with_a_healthy_control_host_are_an_outage(home, certs, servers, status, reason):
    urls = [servers(cert=certs.good(), status=status).url() for _ in range(3)]
    control = servers(cert=certs.good(), status=204).url()
    found = verdict(run_timed(configure(home, urls, control=control, ca_bundle=certs.bundle)))
    assert found.title == "Mojang's and Microsoft's sign-in servers seem to be down"
    assert f"{reason} (HTTP {status})" in found.detail and "Wait a few minutes" in found.fixes[0]


def test_everything_down_with_the_control_host_too_is_offline(home, certs):
    found = verdict(run_timed(configure(home, [refused_url()], control=refused_url(), ca_bundle=certs.bundle)))
    assert found.title == "You seem to be offline"


def test_4xx_means_reachable(home, certs, servers):
    urls = [servers(cert=certs.good(), status=code).url() for code in (204, 401, 404, 301)]
    assert verdict(run_timed(configure(home, urls, ca_bundle=certs.bundle))).severity == "ok"


@pytest.mark.parametrize("date,expected", [("+10min", "warning"), (None, None), ("yesterday-ish", None),
                                           ("Mon, 99 Foo 2024 99:99:99 GMT", None)])
def test_clock_from_the_date_header(home, certs, servers, date, expected):
    urls = [servers(cert=certs.good(), date=date).url() for _ in range(3)]
    findings = run_timed(configure(home, urls, ca_bundle=certs.bundle))
    clock = [f for f in findings if f.check == "clock"]
    if expected is None:
        assert clock == []
    else:
        assert clock[0].severity == "warning" and clock[0].title == "Your clock is 10 min slow"
        assert "Set time automatically" in clock[0].fixes[0]


def test_clock_threshold_is_configurable(home, certs, servers):
    urls = [servers(cert=certs.good(), date="+10min").url()]
    config = configure(home, urls, ca_bundle=certs.bundle, extra="[clock]\nthreshold_seconds = 900\n")
    assert [f.severity for f in run_timed(config) if f.check == "clock"] == ["ok"]


def test_expired_and_not_yet_valid_certificates(home, certs, servers):
    for cert, words in ((certs.expired(), "is expired"), (certs.not_yet_valid(), "is not valid yet")):
        netcache.forget()
        findings = run_timed(configure(home, [servers(cert=cert).url()], ca_bundle=certs.bundle))
        assert by_title(findings, words), [f.title for f in findings]
        assert "clock" in by_title(findings, words)[0].detail


def test_certificate_for_another_host(home, certs, servers):
    findings = run_timed(configure(home, [servers(cert=certs.wrong_host()).url()], ca_bundle=certs.bundle))
    assert by_title(findings, "Something else answers in the place of 127.0.0.1")


def test_antivirus_interception_is_named(home, certs, servers):
    url = servers(cert=Certificates.antivirus()).url()
    findings = run_timed(configure(home, [url], ca_bundle=certs.bundle))
    found = by_title(findings, "Avast intercepts the connection to the sign-in servers")
    assert found and "Avast Web/Mail Shield Root" in found[0].detail
    assert "authentication servers are currently not reachable" in found[0].detail
    assert "HTTPS scanning" in found[0].fixes[0]


def test_root_trusted_by_the_system_but_not_by_mozilla(cli, home, certs, servers):
    """SSL_CERT_FILE makes the test CA part of this process's system store; certifi does not know it."""
    url = servers(cert=certs.good()).url()
    configure(home, [url])
    result = cli("doctor", "--json", env={"SSL_CERT_FILE": str(certs.bundle)})
    titles = [f["title"] for f in result.json()["findings"]]
    assert "The connection to 127.0.0.1 is signed by a root added to this computer" in titles


def test_untrusted_issuer(home, certs, servers):
    stranger = Certificates(home)  # another CA, not in the bundle
    findings = run_timed(configure(home, [servers(cert=stranger.good()).url()], ca_bundle=certs.bundle))
    assert by_title(findings, "The connection to 127.0.0.1 is intercepted")


def test_name_that_does_not_resolve(home, certs):
    findings = run_timed(configure(home, ["https://sessionserver.prelaunch-test.invalid/"], ca_bundle=certs.bundle))
    assert "its name does not resolve (DNS)" in verdict(findings).detail


def test_hosts_file_redirect_is_named(home, certs, servers):
    config = configure(home, [servers(cert=certs.good()).url()], ca_bundle=certs.bundle)
    (home / "hosts").write_text("127.0.0.1 localhost\n# 1.2.3.4 sessionserver.mojang.com\n"
                                "93.184.216.34   sessionserver.mojang.com  # alt tool\n", encoding="utf-8")
    found = by_title(run_timed(config), "The hosts file redirects a sign-in host (line 3)")
    assert found and "sessionserver.mojang.com" in found[0].detail


def test_empty_endpoint_list_and_malformed_url(home, certs):
    findings = run_timed(configure(home, [], ca_bundle=certs.bundle))
    assert [f.title for f in findings] == ["No sign-in endpoints configured: [network] endpoints is empty"]
    findings = run_timed(configure(home, ["not a url", "ftp://x/", "https://127.0.0.1:99999/"],
                                   ca_bundle=certs.bundle))
    assert verdict(findings).title == "Some configured endpoints are not valid URLs"


def test_ipv6_loopback(home, certs, servers):
    try:
        server = servers(cert=certs.good(), family=socket.AF_INET6)
    except OSError:
        pytest.fail("::1 is not available on this machine")
    assert verdict(run_timed(configure(home, [server.url()], ca_bundle=certs.bundle))).severity == "ok"


def test_proxy_variables_are_reported(home, certs, servers, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    findings = run_timed(configure(home, [servers(cert=certs.good()).url()], ca_bundle=certs.bundle))
    found = by_title(findings, "A proxy is configured on this computer")
    assert found and "HTTPS_PROXY=http://proxy.example:3128" in found[0].detail


def test_doctor_shows_a_table_of_hosts(cli, home, certs, servers):
    configure(home, [servers(cert=certs.good()).url(), refused_url()], ca_bundle=certs.bundle)
    out = cli("doctor").out
    assert "[ok]      network: 127.0.0.1: HTTP 200" in out and "ok; ms: dns" in out
    assert "[info]    network: 127.0.0.1: the connection is refused" in out


def test_doctor_probes_afresh_while_check_uses_the_cache(cli, home, certs):
    server = Server(cert=certs.good())
    configure(home, [server.url()], ca_bundle=certs.bundle)
    assert "sign-in servers" in cli("check", "--ui", "none").out
    server.stop()
    assert "all good" in cli("check", "--ui", "none").out  # remembered for cache_minutes
    with pytest.raises(OSError):
        socket.create_connection((server.host, server.port), timeout=1).close()
    doctor = cli("doctor")
    assert doctor.code == 1 and "network: 127.0.0.1: the connection is refused" in doctor.out, doctor.out


def test_system_roots_from_a_hashed_directory(home, certs, servers, monkeypatch, tmp_path):
    """Roots found by hash in SSL_CERT_DIR (how Debian keeps them), read only when a chain needs one."""
    import shutil

    assert shutil.which("openssl"), "the openssl command is needed to name a root by its subject hash"
    subject_hash = subprocess.run(["openssl", "x509", "-hash", "-noout", "-in", str(certs.bundle)],
                                  capture_output=True, text=True, check=True).stdout.strip()
    hashed = tmp_path / "certs"
    hashed.mkdir()
    shutil.copy(certs.bundle, hashed / f"{subject_hash}.0")
    monkeypatch.setenv("SSL_CERT_DIR", str(hashed))
    monkeypatch.setenv("SSL_CERT_FILE", str(hashed / "bundle.crt"))  # a bundle beside the hashed roots
    from prelaunch.net import probe as netprobe

    assert netprobe._hashed_root_dir() == str(hashed)
    findings = run_timed(configure(home, [servers(cert=certs.good()).url()]))  # no ca_bundle
    assert verdict(findings).severity == "ok"
