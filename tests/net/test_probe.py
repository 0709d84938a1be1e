"""One probe against real loopback servers: every outcome classified from requests' exception chain."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
import time

import pytest
import requests
from cryptography import x509 as cx509
from cryptography.x509.oid import NameOID
from urllib3.exceptions import MaxRetryError, NewConnectionError

from prelaunch.net import probe as netprobe
from tests.helpers.netservers import Certificates, refused_url


@pytest.fixture
def session(certs):
    context, problem = netprobe.game_context(str(certs.bundle))
    assert problem == ""
    with netprobe.new_session(context) as made:
        yield made


def probe(session, url, timeout=1.5):
    return netprobe.run(session, url, timeout, time.monotonic() + 5)


def test_an_answer_with_its_date_and_times(session, certs, servers):
    before = time.time()
    found = probe(session, servers(cert=certs.good()).url())
    assert (found.outcome, found.status, found.host, found.detail) == ("ok", 200, "127.0.0.1", "HTTP 200")
    assert found.date and before <= found.sent_at <= found.received_at <= time.time()
    assert found.elapsed_ms is not None and found.issuer == {}


@pytest.mark.parametrize("status,outcome", [(204, "ok"), (301, "ok"), (404, "ok"), (429, "rate-limited"),
                                            (500, "server-error"), (503, "server-error")])
def test_status(session, certs, servers, status, outcome):
    found = probe(session, servers(cert=certs.good(), status=status).url())
    assert (found.outcome, found.status) == (outcome, status)


def test_refused(session):
    found = probe(session, refused_url())
    assert (found.outcome, found.detail) == ("refused", "the connection was refused")


def test_name_that_does_not_resolve(session):
    assert probe(session, "https://sessionserver.prelaunch-test.invalid/").outcome == "dns"


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_silence_is_a_timeout(session, servers, scheme):
    found = probe(session, servers(behaviour="silent").url().replace("http:", f"{scheme}:"), timeout=0.5)
    assert (found.outcome, found.detail) == ("timeout", "no answer")


def test_a_broken_answer(session, certs, servers):
    found = probe(session, servers(cert=certs.good(), behaviour="half").url())
    assert found.outcome == "protocol" and found.detail.startswith("the connection broke")


@pytest.mark.parametrize("kind,outcome", [("expired", "tls-expired"), ("not_yet_valid", "tls-not-yet-valid"),
                                          ("wrong_host", "tls-hostname")])
def test_refused_certificates_and_their_issuer(session, certs, servers, kind, outcome):
    found = probe(session, servers(cert=getattr(certs, kind)()).url())
    assert found.outcome == outcome and found.certificate_refused
    ca = cx509.load_pem_x509_certificate(certs.ca.cert_pem.bytes()).subject
    assert found.issuer["O"] == ca.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    assert found.system_trusted is None  # only an untrusted issuer asks this computer's store


def test_untrusted_issuer_is_read_and_this_computers_store_asked(session, servers):
    found = probe(session, servers(cert=Certificates.antivirus()).url())
    assert found.outcome == "tls-untrusted" and found.detail == "unable to get local issuer certificate"
    assert found.issuer["O"] == "Avast Web/Mail Shield Root" and found.system_trusted is False


def test_the_game_roots_are_certifis_not_this_computers(certs, servers, monkeypatch):
    """A root this computer trusts (SSL_CERT_FILE) but certifi lacks is refused, as the game's Java refuses it."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certs.bundle))
    context, _ = netprobe.game_context()
    with netprobe.new_session(context) as session:
        found = probe(session, servers(cert=certs.good()).url())
    assert found.outcome == "tls-untrusted"


def test_proxy_variables_are_not_used(session, certs, servers, monkeypatch):
    """The game's Java connects directly; so does the probe, even with a proxy that would refuse."""
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy"):
        monkeypatch.setenv(name, refused_url("http"))
    assert probe(session, servers(cert=certs.good()).url()).outcome == "ok"


def test_a_url_without_a_host(session):
    assert probe(session, "https:///nothing").outcome == "bad-url"


def test_unreachable_from_the_os_error_urllib3_wraps():
    """No route to a host cannot be made on loopback: the chain is built as urllib3 2 builds it."""
    try:
        raise OSError(errno.ENETUNREACH, "Network is unreachable")
    except OSError as cause:
        try:
            raise NewConnectionError(None, f"Failed to establish a new connection: {cause}") from cause
        except NewConnectionError as reason:
            error = requests.ConnectionError(MaxRetryError(None, "https://x/", reason))
    assert netprobe.classify(error) == ("unreachable", "Network is unreachable")


def test_a_remembered_result_imports_no_requests(home, certs, servers):
    """A second check answered from the cache loads neither requests, urllib3 nor ssl."""
    url = servers(cert=certs.good()).url()
    (home / "prelaunch.toml").write_text(f"[network]\nendpoints = {json.dumps([url])}\ncontrol = ''\n"
                                         f"ca_bundle = {json.dumps(str(certs.bundle))}\n", encoding="utf-8")
    script = ("import sys\nfrom prelaunch import config\nfrom prelaunch.checks import network\n"
              "found = network.start(config.load()).collect()\n"
              "print(found[0].title, sorted(m for m in ('requests', 'urllib3', 'ssl') if m in sys.modules))")
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    second = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert first.startswith("Sign-in servers reachable") and "'requests'" in first
    assert second.startswith("Sign-in servers reachable") and second.rstrip().endswith("[]")
