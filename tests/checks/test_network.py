"""The network and clock checks against real servers on 127.0.0.1 and ::1, made by the tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time

import pytest

from prelaunch.checks import network
from prelaunch.net import cache as netcache
from prelaunch.ui import report
from tests.helpers.netconfig import configure
from tests.helpers.netservers import Certificates, Server, refused_url


def run_check(config, table=False):
    return network.start(config, table=table).collect()


def attention(findings):
    """What the dialog gathers: the findings at warning or above."""
    return report.needs_attention(findings)


def reachability(findings):
    titles = ("Sign-in servers reachable", "sign-in servers cannot be reached", "seem to be down",
              "You seem to be offline", "endpoints have a mistake")
    return next(f for f in findings if f.check == "network" and any(t in f.title for t in titles))


def by_title(findings, text):
    return [f for f in findings if text in f.title]


def words(findings):
    """Everything a player reads of these findings."""
    return "\n".join(" ".join((f.title, f.detail, *f.fixes)) for f in findings)


# --- healthy, cached -----------------------------------------------------------------------------------------

def test_healthy_is_ok_cached_and_quick(home, certs, servers):
    urls = [servers(cert=certs.good(), delay=0.1).url() for _ in range(5)]
    config = configure(home, urls, ca_bundle=certs.bundle)
    findings = run_check(config)
    assert reachability(findings).severity == "ok" and "5 of 5" in reachability(findings).title
    assert [f.severity for f in findings if f.check == "clock"] == ["ok"]
    assert all(f.severity == "ok" for f in findings)
    assert not [f for f in findings if f.title.startswith("127.0.0.1:")], "host rows are doctor's"
    assert netcache.load(network._cache_key(config), 600) is not None


def test_cache_answers_when_the_servers_are_gone(home, certs):
    server = Server(cert=certs.good())
    config = configure(home, [server.url()], ca_bundle=certs.bundle)
    assert reachability(run_check(config)).severity == "ok"
    server.stop()
    assert reachability(network.run(None, config)).severity == "ok"
    config.network.cache_minutes = 0
    assert reachability(run_check(config)).severity == "warning"


def test_bad_result_is_never_cached_and_drops_a_good_one(home, certs, servers):
    good = servers(cert=certs.good()).url()
    config = configure(home, [good], ca_bundle=certs.bundle)
    run_check(config)
    assert netcache.load(network._cache_key(config), 600) is not None
    config = configure(home, [refused_url()], ca_bundle=certs.bundle)
    assert reachability(run_check(config)).severity == "warning"
    assert netcache.load(network._cache_key(config), 600) is None
    assert not (home / ".cache" / "prelaunch" / "network.json").exists()


def test_a_remembered_result_is_judged_with_todays_hosts_file(home, certs):
    server = Server(cert=certs.good())
    config = configure(home, [server.url()], ca_bundle=certs.bundle)
    run_check(config)
    server.stop()
    (home / "hosts").write_text("0.0.0.0 sessionserver.mojang.com\n", encoding="utf-8")
    findings = network.run(None, config)
    assert reachability(findings).severity == "ok"  # from the cache: the server is gone
    assert by_title(findings, "The hosts file sends Minecraft's sign-in elsewhere")


# --- connection failures -------------------------------------------------------------------------------------

def test_refused_port(home, certs, servers):
    good = servers(cert=certs.good()).url()
    config = configure(home, [good, refused_url()], ca_bundle=certs.bundle)
    found = reachability(run_check(config))
    assert found.severity == "warning" and found.title == "1 of 2 sign-in servers cannot be reached"
    assert "127.0.0.1: the connection is refused" in found.detail


def test_listener_that_never_answers_is_bounded(home, certs, servers):
    urls = [servers(behaviour="silent").url().replace("http://", "https://") for _ in range(5)]
    findings = run_check(configure(home, urls, ca_bundle=certs.bundle))
    found = reachability(findings)
    assert found.title == "You seem to be offline"
    assert found.detail == "No sign-in server answers (127.0.0.1: no answer)."


def test_a_probe_that_never_finishes_is_abandoned_at_the_deadline(home, certs, servers):
    """The server sends a byte every 0.2 s forever: no read ever times out, so only the deadline ends it (any
    wait for the probe itself would never end; the bound only tells that apart)."""
    config = configure(home, [servers(behaviour="drip").url(), servers().url()], deadline=1.0, timeout=1.0)
    started = time.monotonic()
    findings = network.start(config, table=True).collect()
    assert time.monotonic() - started < 1.0 + 2.0
    rows = [f for f in findings if f.title.startswith("127.0.0.1:")]
    assert [r.detail for r in rows if "deadline" in r.detail] == ["timeout; no answer within the 1 s deadline"]
    assert reachability(findings).title == "1 of 2 sign-in servers cannot be reached"


@pytest.mark.parametrize("value", ["inf", "1e300", "nan"])
def test_huge_deadline_and_timeout_are_held_to_a_bound(home, certs, value):
    config = configure(home, [refused_url()], ca_bundle=certs.bundle, deadline=value, timeout=value)
    assert network.limits(config) == (3.0, 2.5)  # refused by the config's ranges: the defaults apply
    assert any("[network] deadline" in problem for problem in config.problems)
    findings = network.start(config).collect()
    assert "the connection is refused" in reachability(findings).detail


def test_half_an_answer(home, certs, servers):
    findings = run_check(configure(home, [servers(cert=certs.good(), behaviour="half").url()],
                                   ca_bundle=certs.bundle))
    assert "127.0.0.1: a broken answer" in reachability(findings).detail


def test_rate_limited_is_up_but_said(home, certs, servers):
    findings = run_check(configure(home, [servers(cert=certs.good(), status=429).url()], ca_bundle=certs.bundle))
    assert reachability(findings).severity == "ok"
    found = by_title(findings, "127.0.0.1 asks this computer to slow down")
    assert found[0].severity == "info" and "429" not in words(found)


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_while_other_sites_answer_are_an_outage(home, certs, servers, status):
    urls = [servers(cert=certs.good(), status=status).url() for _ in range(3)]
    control = servers(cert=certs.good(), status=204).url()
    findings = run_check(configure(home, urls, control=control, ca_bundle=certs.bundle))
    found = reachability(findings)
    assert found.title == "Mojang's and Microsoft's sign-in servers seem to be down"
    assert found.detail.count("an error on their side") == 1 and "while other sites do" in found.detail
    assert "Wait a few minutes" in found.fixes[0]
    assert f"HTTP {status}" not in words(attention(findings))


def test_everything_down_with_the_other_site_too_is_offline(home, certs):
    found = reachability(run_check(configure(home, [refused_url()], control=refused_url(), ca_bundle=certs.bundle)))
    assert found.title == "You seem to be offline"
    assert "neither does a site outside Mojang and Microsoft" in found.detail


def test_an_intercepted_other_site_still_answers(home, certs, servers):
    """The other site answers through an antivirus: the network is up, so silent sign-in servers are down."""
    urls = [servers(behaviour="silent").url() for _ in range(2)]
    control = servers(cert=Certificates.antivirus()).url()
    found = reachability(run_check(configure(home, urls, control=control, ca_bundle=certs.bundle, timeout=0.5)))
    assert found.title == "Mojang's and Microsoft's sign-in servers seem to be down"


def test_4xx_means_reachable(home, certs, servers):
    urls = [servers(cert=certs.good(), status=code).url() for code in (204, 401, 404, 301)]
    assert reachability(run_check(configure(home, urls, ca_bundle=certs.bundle))).severity == "ok"


def test_name_that_does_not_resolve(home, certs):
    findings = run_check(configure(home, ["https://sessionserver.prelaunch-test.invalid/"], ca_bundle=certs.bundle))
    assert "its name cannot be looked up (DNS)" in reachability(findings).detail


def test_empty_endpoint_list_and_malformed_url(home, certs):
    findings = run_check(configure(home, [], ca_bundle=certs.bundle))
    assert [f.title for f in findings] == ["No sign-in endpoints configured: [network] endpoints is empty"]
    findings = run_check(configure(home, ["not a url", "ftp://x/", "https://127.0.0.1:99999/"],
                                   ca_bundle=certs.bundle))
    assert reachability(findings).title == "prelaunch's [network] endpoints have a mistake"


def test_ipv6_loopback(home, certs, servers):
    try:
        server = servers(cert=certs.good(), family=socket.AF_INET6)
    except OSError:
        pytest.fail("::1 is not available on this machine")
    assert reachability(run_check(configure(home, [server.url()], ca_bundle=certs.bundle))).severity == "ok"


# --- certificates: interception is never an outage ------------------------------------------------------------

def test_antivirus_on_every_sign_in_server_is_one_interception_finding_not_an_outage(home, certs, servers):
    """Every sign-in host presents a certificate from an antivirus root the game does not trust; another site
    answers fine. The player reads one finding, naming the product, its setting first."""
    urls = [servers(cert=Certificates.antivirus()).url() for _ in range(5)]
    control = servers(cert=certs.good()).url()
    findings = run_check(configure(home, urls, control=control, ca_bundle=certs.bundle))
    shown = attention(findings)
    assert [f.title for f in shown] == ["Avast is blocking Minecraft's sign-in"]
    avast = shown[0]
    assert avast.fixes[0] == "In Avast, turn off the scanning of secure (HTTPS) connections, then launch again."
    assert avast.fixes[1].startswith("Where: Menu → Settings") and "HTTPS scanning" in avast.fixes[1]
    assert "Every sign-in server answered with a certificate issued by 'Avast Web/Mail Shield Root" in avast.detail
    assert "Failed to log in: Invalid session" in avast.detail
    text = words(findings)
    for wrong in ("down", "outage", "Wait a few minutes", "an untrusted certificate", "cannot be reached"):
        assert wrong not in text, wrong


def test_antivirus_on_some_servers_and_others_refused(home, certs, servers):
    urls = [servers(cert=Certificates.antivirus()).url() for _ in range(3)] + [refused_url(), refused_url()]
    shown = attention(run_check(configure(home, urls, ca_bundle=certs.bundle)))
    assert [f.title for f in shown] == ["Avast is blocking Minecraft's sign-in",
                                        "2 of 5 sign-in servers cannot be reached"]
    assert "127.0.0.1 answered with a certificate" in shown[0].detail


def test_unknown_issuer_on_every_server_is_interception(home, certs, servers):
    stranger = Certificates(home)  # another CA, in no trust store
    urls = [servers(cert=stranger.good()).url() for _ in range(5)]
    shown = attention(run_check(configure(home, urls, control=servers(cert=certs.good()).url(),
                                          ca_bundle=certs.bundle)))
    assert [f.title for f in shown] == ["Something is blocking Minecraft's sign-in"]
    assert "is not a trusted authority" in shown[0].detail
    assert "Turn off HTTPS scanning" in shown[0].fixes[0]


def test_root_trusted_by_this_computer_but_not_by_the_game(cli, home, certs, servers):
    """SSL_CERT_FILE makes the test CA part of this computer's store; the game's roots (certifi) lack it."""
    configure(home, [servers(cert=certs.good()).url() for _ in range(2)])
    result = cli("doctor", "--json", env={"SSL_CERT_FILE": str(certs.bundle)})
    findings = [f for f in result.json()["findings"] if f["severity"] == "warning"]
    assert [f["title"] for f in findings] == [
        "Software on this computer is blocking Minecraft's sign-in"]
    assert "This computer trusts that issuer" in findings[0]["detail"]
    rows = [f for f in result.json()["findings"] if f["title"].startswith("127.0.0.1:")]
    assert len(rows) == 2 and all("; trusted by this computer's store" in r["detail"] for r in rows)


def test_this_computers_roots_from_a_hashed_directory(cli, home, certs, servers, tmp_path):
    """Roots found by hash in SSL_CERT_DIR (how Debian keeps them) count as this computer's store."""
    assert shutil.which("openssl"), "the openssl command is needed to name a root by its subject hash"
    subject_hash = subprocess.run(["openssl", "x509", "-hash", "-noout", "-in", str(certs.bundle)],
                                  capture_output=True, text=True, check=True).stdout.strip()
    hashed = tmp_path / "certs"
    hashed.mkdir()
    shutil.copy(certs.bundle, hashed / f"{subject_hash}.0")
    configure(home, [servers(cert=certs.good()).url()])
    result = cli("doctor", "--json", env={"SSL_CERT_DIR": str(hashed), "SSL_CERT_FILE": str(tmp_path / "none")})
    titles = [f["title"] for f in result.json()["findings"]]
    assert "Software on this computer is blocking Minecraft's sign-in" in titles
    result = cli("doctor", "--json", env={"SSL_CERT_DIR": str(tmp_path / "empty"),
                                          "SSL_CERT_FILE": str(tmp_path / "none")})
    titles = [f["title"] for f in result.json()["findings"]]
    assert "Something is blocking Minecraft's sign-in" in titles


def test_expired_and_not_yet_valid_certificates_point_at_the_clock(home, certs, servers):
    for cert, state in ((certs.expired(), "expired"), (certs.not_yet_valid(), "not valid yet")):
        shown = attention(run_check(configure(home, [servers(cert=cert).url() for _ in range(2)],
                                              ca_bundle=certs.bundle)))
        assert [f.title for f in shown] == ["Your clock may be wrong"] and f"look {state}." in shown[0].summary
        assert time.strftime("%Y-%m-%d") in shown[0].detail  # the clock's own date, for the player to compare
        assert "timedatectl" in " ".join(shown[0].fixes) or sys.platform != "linux"


def test_certificate_for_another_host(home, certs, servers):
    shown = attention(run_check(configure(home, [servers(cert=certs.wrong_host()).url()], ca_bundle=certs.bundle)))
    assert [f.title for f in shown] == ["Something else answers in the place of the sign-in servers"]
    assert "login.example.invalid" not in shown[0].detail and "127.0.0.1 presented" in shown[0].detail


def test_unreadable_ca_bundle_is_said_and_the_probes_go_on(home, certs, servers, tmp_path):
    findings = run_check(configure(home, [servers(cert=certs.good()).url()], ca_bundle=tmp_path / "missing.pem"))
    assert by_title(findings, "prelaunch's [network] ca_bundle setting cannot be read")
    assert by_title(findings, "Something is blocking Minecraft's sign-in")  # the test CA is not in certifi


# --- the hosts file --------------------------------------------------------------------------------------------

def test_hosts_file_lines_are_one_finding(home, certs, servers):
    hosts = ("127.0.0.1 localhost\n# 1.2.3.4 sessionserver.mojang.com\n"
             "93.184.216.34   sessionserver.mojang.com  # alt tool\n0.0.0.0 authserver.mojang.com\n")
    findings = run_check(configure(home, [servers(cert=certs.good()).url()], ca_bundle=certs.bundle, hosts=hosts))
    shown = attention(findings)
    assert [f.title for f in shown] == ["The hosts file sends Minecraft's sign-in elsewhere"]
    assert shown[0].summary.startswith("Lines 3 and 4 there, often left by an alt-account tool, stop ")
    assert "sessionserver.mojang.com and authserver.mojang.com" in shown[0].detail
    if sys.platform != "win32":
        assert shown[0].fixes[0] == "Delete those lines from the hosts file, then restart the launcher."
        assert shown[0].fixes[1].startswith(f"How: run `sudo nano {home / 'hosts'}` in a terminal")


def test_a_host_redirected_by_the_hosts_file_is_explained_by_it(home, certs):
    """The failing host is named in the hosts file: one finding says both, no separate reachability one."""
    url = "https://sessionserver.prelaunch-test.invalid/"  # a name that never resolves: nothing is contacted
    hosts = "127.0.0.1 localhost\n0.0.0.0 sessionserver.prelaunch-test.invalid\n"
    shown = attention(run_check(configure(home, [url], ca_bundle=certs.bundle, hosts=hosts)))
    assert [f.title for f in shown] == ["The hosts file sends Minecraft's sign-in elsewhere"]
    assert shown[0].summary.startswith("Line 2 there")
    assert "That is why sessionserver.prelaunch-test.invalid cannot be reached." in shown[0].detail


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]", "ip6-localhost"])
def test_this_computers_own_names_in_the_hosts_file_are_no_redirect(home, certs, host):
    """An endpoint on this computer (a test's, a proxy's) is not sent elsewhere by `127.0.0.1 localhost`: no
    advice to delete that line."""
    url = refused_url().replace("127.0.0.1", host)
    hosts = "127.0.0.1 localhost\n::1 ip6-localhost ip6-loopback\n"
    shown = attention(run_check(configure(home, [url], ca_bundle=certs.bundle, hosts=hosts)))
    assert [f.title for f in shown] == ["You seem to be offline"]
    assert "hosts" not in words(shown)


def test_hosts_file_steps_for_each_system():
    from prelaunch.net.hostsfile import Redirect

    lines = [Redirect(3, "1.2.3.4 sessionserver.mojang.com", ("sessionserver.mojang.com",))]
    windows = network.hosts_file_findings(lines, [], r"C:\Windows\System32\drivers\etc\hosts", "win32")[0]
    first = "Delete that line from the hosts file, then restart the launcher."
    assert windows.fixes == (first, r"How: open Notepad as administrator, open "
                                    r"C:\Windows\System32\drivers\etc\hosts, delete that line and save.")
    linux = network.hosts_file_findings(lines, [], "/etc/hosts", "linux")[0]
    assert linux.fixes[0] == first and "sudo nano /etc/hosts" in linux.fixes[1]
    assert "Notepad" not in words([linux])


# --- words -----------------------------------------------------------------------------------------------------

def test_what_a_player_reads_has_no_technical_words(home, certs, servers):
    """Across failures of every kind: no per-host status lines, phases, timings or the words of the design."""
    urls = [servers(cert=certs.good(), status=503).url(), refused_url(), servers(behaviour="silent").url(),
            servers(cert=Certificates.antivirus()).url(), servers(cert=certs.expired()).url(),
            servers(cert=certs.good(), behaviour="half").url()]
    findings = run_check(configure(home, urls, control=refused_url(), ca_bundle=certs.bundle))
    text = words([f for f in findings if f.severity != "ok"])
    for wrong in ("control host", "HTTP 5", "ms:", " ms", "stopped at", "below", "above", "msa", "session token"):
        assert wrong not in text, wrong
    if sys.platform == "linux":
        assert "java.exe" not in text and "Windows" not in text and "macOS" not in text
    assert len(attention(findings)) == 3  # Avast, the clock-or-certificate dates, the servers that do not answer


def test_doctor_shows_one_technical_row_per_host_and_check_does_not(cli, home, certs, servers):
    configure(home, [servers(cert=certs.good()).url(), refused_url()], ca_bundle=certs.bundle)
    doctor = cli("doctor").out
    assert "[ok]      network: 127.0.0.1: HTTP 200" in doctor and "ok; " in doctor
    assert "[info]    network: 127.0.0.1: the connection is refused" in doctor
    assert "refused; " in doctor and "the connection was refused" in doctor
    check = cli("check", "--ui", "none").out
    assert "127.0.0.1: the connection is refused" in check
    assert "prelaunch: 127.0.0.1:" not in check and "refused; " not in check


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


def test_proxy_variables_are_reported_without_their_password(home, certs, servers, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://player:hunter2@proxy.example:3128")
    findings = run_check(configure(home, [servers(cert=certs.good()).url()], ca_bundle=certs.bundle))
    found = by_title(findings, "A proxy is configured on this computer")
    assert found and found[0].severity == "info"
    assert "HTTPS_PROXY=http://…@proxy.example:3128" in found[0].detail and "hunter2" not in found[0].detail
    assert reachability(findings).severity == "ok"  # the probes go direct, as the game's Java does


# --- the clock, from the same answers --------------------------------------------------------------------------

@pytest.mark.parametrize("date,expected", [("+10min", "warning"), (None, None), ("yesterday-ish", None),
                                           ("Mon, 99 Foo 2024 99:99:99 GMT", None)])
def test_clock_from_the_date_header(home, certs, servers, date, expected):
    urls = [servers(cert=certs.good(), date=date).url() for _ in range(3)]
    findings = run_check(configure(home, urls, ca_bundle=certs.bundle))
    clock = [f for f in findings if f.check == "clock"]
    if expected is None:
        assert clock == []
    else:
        assert clock[0].severity == "warning" and clock[0].title == "Your clock is 10 min slow"
        assert len(clock[0].fixes) == (3 if sys.platform.startswith("linux") else 2)


def test_clock_threshold_is_configurable(home, certs, servers):
    urls = [servers(cert=certs.good(), date="+10min").url()]
    config = configure(home, urls, ca_bundle=certs.bundle, extra="[clock]\nthreshold_seconds = 900\n")
    assert [f.severity for f in run_check(config) if f.check == "clock"] == ["ok"]
