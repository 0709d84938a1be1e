"""One HTTP(S) request to one endpoint, phase by phase (DNS, TCP, TLS, HTTP), each classified and timed.

The standard library's socket and ssl give exact phases and the presented certificate, which a client
library hides; see the README's design notes.
"""

from __future__ import annotations

import os
import socket
import ssl
import sys
import time

from prelaunch.net import interceptors, x509
from prelaunch.net.result import Probe

USER_AGENT = "prelaunch (sign-in reachability check)"
MAX_HEADER_BYTES = 65536

# X509_V_ERR_* codes of OpenSSL that say why a certificate was refused
_NOT_YET_VALID, _EXPIRED, _HOSTNAME, _IP_ADDRESS = 9, 10, 62, 64


def tls_context(ca_bundle: str = "") -> ssl.SSLContext:
    """The system's trust store (what the OS and browsers trust), plus the configured bundle.

    Where the system keeps its roots in a hashed directory (Debian, Ubuntu, Arch...), only that directory is
    named: OpenSSL then reads a root when a chain needs it, instead of parsing the whole bundle file up
    front, which costs more than a probe's round trip here.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    hashed = _hashed_root_dir()
    if hashed:
        context.load_verify_locations(capath=hashed)
    else:
        context.load_default_certs()
    if ca_bundle:
        context.load_verify_locations(cafile=ca_bundle)
    return context


def _hashed_root_dir() -> str | None:
    """The hashed roots directory, unless SSL_CERT_FILE names a file outside it (then that file rules)."""
    if not sys.platform.startswith("linux"):
        return None
    capath = ssl.get_default_verify_paths().capath
    cert_file = os.environ.get("SSL_CERT_FILE")
    if cert_file and (not capath or os.path.dirname(os.path.realpath(cert_file)) != os.path.realpath(capath)):
        return None
    try:
        return capath if capath and any(name.endswith(".0") and len(name) == 10 for name in os.listdir(capath)) \
            else None
    except OSError:
        return None


def mozilla_context() -> ssl.SSLContext | None:
    """Mozilla's roots alone (certifi): close to what Java ships. None when certifi is missing."""
    try:
        import certifi
    except ImportError:
        return None
    return ssl.create_default_context(cafile=certifi.where())


def split_url(url: str) -> tuple[str, str, int, str] | None:
    """(scheme, host, port, path with query) of an http(s) URL with a host; None for anything else."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


def run(url: str, timeout: float, end: float, context: ssl.SSLContext, probe: Probe | None = None,
        cross_check: ssl.SSLContext | None = None) -> Probe:
    """Probe `url`, no phase waiting past `timeout` nor past the monotonic time `end`.

    Pass `probe` to watch progress from another thread: it is filled in as the phases finish. With
    `cross_check`, a certificate from an issuer that is neither the auth hosts' own nor a known interceptor
    is verified once more against those roots alone: trusted by the system but not by them means a private
    root was added, which is how interception looks.
    """
    split = split_url(url)
    probe = probe or Probe(url)
    if split is None:
        probe.outcome, probe.phase, probe.detail = "bad-url", "url", "not an http(s) URL with a host"
        return probe
    scheme, host, port, path = split
    probe.host = host

    def budget() -> float:
        return max(0.01, min(timeout, end - time.monotonic()))

    started = time.monotonic()
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        probe.outcome, probe.detail = "dns", str(getattr(exc, "strerror", "") or exc)
        return probe
    probe.ms["dns"] = _since(started)
    probe.phase = "connect"
    sock = _connect(addresses, budget, probe)
    if sock is None:
        return probe
    if scheme == "https":
        probe.phase = "tls"
        started = time.monotonic()
        sock = _handshake(sock, host, context, budget, probe, addresses)  # closes the socket when it fails
        if sock is None:
            return probe
        probe.ms["tls"] = _since(started)
        if cross_check is not None and not interceptors.genuine(probe.issuer) \
                and interceptors.identify(probe.issuer) is None:
            probe.mozilla_trusted = _verifies(host, addresses, cross_check, budget)
    probe.phase = "http"
    try:
        _request(sock, host, path, budget, probe)
    finally:
        sock.close()
    return probe


def _since(started: float) -> float:
    return round((time.monotonic() - started) * 1000, 1)


def _connect(addresses: list, budget, probe: Probe) -> socket.socket | None:
    started = time.monotonic()
    for family, kind, proto, _, address in addresses:
        sock = socket.socket(family, kind, proto)
        sock.settimeout(budget())
        try:
            sock.connect(address)
            probe.ms["connect"] = _since(started)
            return sock
        except (ConnectionRefusedError, ConnectionResetError):  # a reset at connect is a refusal too (firewalls)
            probe.outcome, probe.detail = "refused", f"{address[0]} port {address[1]} refused the connection"
        except socket.timeout:
            probe.outcome, probe.detail = "timeout", "no answer to the connection"
        except OSError as exc:
            probe.outcome, probe.detail = "unreachable", exc.strerror or str(exc)
        sock.close()
    return None


def _handshake(sock: socket.socket, host: str, context: ssl.SSLContext, budget, probe: Probe,
               addresses: list) -> ssl.SSLSocket | None:
    sock.settimeout(budget())
    try:
        secure = context.wrap_socket(sock, server_hostname=host)
    except ssl.SSLCertVerificationError as exc:
        sock.close()
        code = getattr(exc, "verify_code", 0)
        probe.outcome = {_EXPIRED: "tls-expired", _NOT_YET_VALID: "tls-not-yet-valid",
                         _HOSTNAME: "tls-hostname", _IP_ADDRESS: "tls-hostname"}.get(code, "tls-untrusted")
        probe.detail = getattr(exc, "verify_message", "") or str(exc)
        probe.issuer = _presented_issuer(host, addresses, budget)
        return None
    except socket.timeout:
        sock.close()
        probe.outcome, probe.detail = "timeout", "no answer to the TLS handshake"
        return None
    except (ssl.SSLError, OSError) as exc:
        sock.close()
        probe.outcome, probe.detail = "tls-other", getattr(exc, "reason", None) or str(exc)
        return None
    der = secure.getpeercert(binary_form=True)
    probe.issuer = x509.issuer(der) if der else {}
    return secure


def _presented_issuer(host: str, addresses: list, budget) -> dict[str, str]:
    """Who issued the certificate a server presents, learnt by a second, unverified handshake."""
    unverified = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    unverified.check_hostname = False
    unverified.verify_mode = ssl.CERT_NONE
    try:
        der = _handshake_again(host, addresses, unverified, budget)
    except (ssl.SSLError, OSError):
        return {}
    return x509.issuer(der) if der else {}


def _verifies(host: str, addresses: list, context: ssl.SSLContext, budget) -> bool | None:
    """Whether the server's chain verifies with `context`; None when that could not be learnt."""
    try:
        return None if _handshake_again(host, addresses, context, budget) is None else True
    except ssl.SSLCertVerificationError:
        return False
    except (ssl.SSLError, OSError):
        return None


def _handshake_again(host: str, addresses: list, context: ssl.SSLContext, budget) -> bytes | None:
    """A TLS handshake with `context` on a new connection: the certificate the server presents (DER; empty
    when none), or None when no connection was made. Raises what the handshake raises."""
    sock = _connect(addresses, budget, Probe(""))
    if sock is None:
        return None
    try:
        sock.settimeout(budget())
        with context.wrap_socket(sock, server_hostname=host) as secure:
            return secure.getpeercert(binary_form=True) or b""
    finally:
        sock.close()


def _request(sock: socket.socket, host: str, path: str, budget, probe: Probe) -> None:
    started = time.monotonic()
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: {USER_AGENT}\r\nAccept: */*\r\n"
               "Connection: close\r\n\r\n").encode("ascii", "replace")
    head = b""
    try:
        sock.settimeout(budget())
        probe.sent_at = time.time()
        sock.sendall(request)
        while b"\r\n\r\n" not in head and len(head) < MAX_HEADER_BYTES:
            sock.settimeout(budget())
            chunk = sock.recv(4096)
            if not chunk:
                break
            head += chunk
        probe.received_at = time.time()
    except socket.timeout:
        probe.outcome, probe.detail = "timeout", "no HTTP answer in time"
        return
    except OSError as exc:
        probe.outcome, probe.detail = "protocol", f"the connection broke ({exc.strerror or exc})"
        return
    probe.ms["http"] = _since(started)
    lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if b"\r\n\r\n" not in head or len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        probe.outcome, probe.detail = "protocol", "the server sent no complete HTTP answer"
        return
    probe.status = int(parts[1])
    probe.outcome = ("rate-limited" if probe.status == 429 else "server-error" if probe.status >= 500 else "ok")
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "date":
            probe.date = value.strip()
