"""One GET to one sign-in endpoint with requests, classified from requests' exception chain.

Verification uses Mozilla's roots (certifi), which are close to the roots the game's Java ships: what is refused
here is what the game refuses. The environment's proxy settings are not used (`trust_env = False`): the game's
Java ignores them too. For a refused certificate the standard library's `ssl` learns what requests hides: who
issued it (a second, unverified handshake, read by `x509.issuer`) and whether this computer's own trust store
accepts it (a root an antivirus or a company added to the system, which the game does not know).
"""

from __future__ import annotations

import copy
import errno
import socket
import ssl
import threading
import time
from typing import Any

import certifi
import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError, ProtocolError

from prelaunch.net import x509
from prelaunch.net.result import Probe, endpoint_host

USER_AGENT = "prelaunch (sign-in reachability check)"

# X509_V_ERR_* codes of OpenSSL (ssl.SSLCertVerificationError.verify_code) that say why a certificate was refused
_VERIFY_OUTCOMES = {9: "tls-not-yet-valid", 10: "tls-expired", 62: "tls-hostname", 64: "tls-hostname"}
_UNREACHABLE_ERRNOS = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, getattr(errno, "EHOSTDOWN", -1)}


class _Adapter(HTTPAdapter):
    """An adapter whose every connection verifies with one SSL context, built once with the game's roots."""

    def __init__(self, context: ssl.SSLContext) -> None:
        self._context = context  # before HTTPAdapter.__init__, which builds the pool manager
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._context
        super().init_poolmanager(*args, **kwargs)

    def cert_verify(self, conn: Any, url: str, verify: object, cert: object) -> None:
        """Verification stays on; the roots are in the context already (requests would name its bundle file,
        and each new connection would parse it again)."""
        conn.cert_reqs = "CERT_REQUIRED"
        conn.ca_certs = conn.ca_cert_dir = None


def game_context(ca_bundle: str = "") -> tuple[ssl.SSLContext, str]:
    """(Mozilla's roots plus the configured bundle, the roots the player added to the game's Java; why the
    bundle could not be read, or "")."""
    context = ssl.create_default_context(cafile=certifi.where())
    if ca_bundle:
        try:
            context.load_verify_locations(cafile=ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            return context, f"{ca_bundle}: {getattr(exc, 'strerror', None) or exc}"
    return context, ""


def new_session(context: ssl.SSLContext) -> requests.Session:
    """The one session every probe of a check shares."""
    session = requests.Session()
    session.trust_env = False
    session.headers["User-Agent"] = USER_AGENT
    adapter = _Adapter(context)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def run(session: requests.Session, url: str, timeout: float, end: float, probe: Probe | None = None) -> Probe:
    """Probe `url`, no wait longer than `timeout` nor past the monotonic time `end`. Pass `probe` to have it
    filled in (another thread may then read it once this returns)."""
    probe = probe or Probe(url)
    probe.host = endpoint_host(url)
    if not probe.host:
        probe.outcome, probe.detail = "bad-url", "not an http(s) URL with a host"
        return probe
    limit = _budget(timeout, end)
    started, sent_at = time.monotonic(), time.time()
    try:
        with session.get(url, timeout=(limit, limit), stream=True, allow_redirects=False) as response:
            received_at = time.time()
            probe.status = response.status_code
            probe.date = response.headers.get("Date")
    except requests.RequestException as exc:
        probe.outcome, probe.detail = classify(exc)
        probe.elapsed_ms = _since(started)
        if probe.certificate_refused:
            _inspect_refused(probe, url, timeout, end)
        return probe
    probe.elapsed_ms = _since(started)
    probe.sent_at, probe.received_at = sent_at, received_at
    probe.outcome = ("rate-limited" if probe.status == 429 else "server-error" if probe.status >= 500 else "ok")
    probe.detail = f"HTTP {probe.status}"
    return probe


def run_all(urls: list[str], ca_bundle: str, timeout: float, deadline: float,
            end: float) -> tuple[list[Probe], str]:
    """(every URL probed at once, one thread each, in one session; why `ca_bundle` was not used, or "").
    A probe not finished at the monotonic time `end` is abandoned: it counts as no answer within `deadline`."""
    context, bundle_problem = game_context(ca_bundle)
    session = new_session(context)
    probes = [Probe(url) for url in urls]

    def guarded(url: str, probe: Probe) -> None:
        try:
            run(session, url, timeout, end, probe)
        except Exception as exc:  # noqa: BLE001 - a probe that fails is a failed connection, not a failed check
            probe.outcome, probe.detail = "protocol", f"the probe failed ({type(exc).__name__})"

    threads = [threading.Thread(target=guarded, args=(url, probe), daemon=True, name="probe")
               for url, probe in zip(urls, probes)]
    for thread in threads:
        thread.start()
    finished = []
    for thread, probe in zip(threads, probes):
        thread.join(max(0.0, end - time.monotonic()))
        snapshot = copy.copy(probe)  # a late thread must not change what is judged
        if thread.is_alive():
            snapshot.host = endpoint_host(snapshot.url)
            snapshot.outcome, snapshot.detail = "timeout", f"no answer within the {deadline:g} s deadline"
        finished.append(snapshot)
    session.close()  # idle connections; an abandoned probe keeps its own until it ends
    return finished, bundle_problem


def _budget(timeout: float, end: float) -> float:
    return max(0.05, min(timeout, end - time.monotonic()))


def _since(started: float) -> float:
    return round((time.monotonic() - started) * 1000, 1)


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and everything it wraps: urllib3's `reason`, causes, contexts, exceptions in args."""
    found: list[BaseException] = []
    stack: list[object] = [exc]
    while stack:
        item = stack.pop()
        if not isinstance(item, BaseException) or any(item is seen for seen in found):
            continue
        found.append(item)
        stack += [getattr(item, "reason", None), item.__cause__, item.__context__, *item.args]
    return found


def classify(exc: requests.RequestException) -> tuple[str, str]:
    """(outcome, technical detail) of a request that raised."""
    chain = _chain(exc)
    verify = next((e for e in chain if isinstance(e, ssl.SSLCertVerificationError)), None)
    if verify is not None:
        code = getattr(verify, "verify_code", 0)
        return _VERIFY_OUTCOMES.get(code, "tls-untrusted"), getattr(verify, "verify_message", "") or str(verify)
    if isinstance(exc, requests.exceptions.SSLError):
        tls = next((e for e in chain if isinstance(e, ssl.SSLError)), exc)
        return "tls-other", getattr(tls, "reason", None) or str(tls)
    if isinstance(exc, requests.ConnectTimeout):
        return "timeout", "no answer to the connection"
    if isinstance(exc, requests.ReadTimeout):
        return "timeout", "no answer"
    if any(isinstance(e, NewConnectionError) for e in chain):
        return _connection_failure(chain)
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                        requests.exceptions.InvalidSchema)):
        return "bad-url", str(exc)
    broken = next((e for e in chain if isinstance(e, ProtocolError)), exc)
    return "protocol", f"the connection broke ({_reason(broken)})"


def _connection_failure(chain: list[BaseException]) -> tuple[str, str]:
    """Why a connection could not be made, from the OS error under urllib3's NewConnectionError."""
    if any(isinstance(e, socket.gaierror) for e in chain):
        error = next(e for e in chain if isinstance(e, socket.gaierror))
        return "dns", error.strerror or str(error)
    os_error = next((e for e in chain if type(e) is not NewConnectionError and isinstance(e, OSError)
                     and getattr(e, "errno", None)), None)
    if isinstance(os_error, (ConnectionRefusedError, ConnectionResetError)):  # a reset at connect: firewalls
        return "refused", "the connection was refused"
    if isinstance(os_error, TimeoutError):
        return "timeout", "no answer to the connection"
    if os_error is not None and os_error.errno in _UNREACHABLE_ERRNOS:
        return "unreachable", os_error.strerror or str(os_error)
    return "unreachable", (os_error.strerror if os_error is not None else "") or "no connection could be made"


def _reason(exc: BaseException) -> str:
    inner = next((a for a in getattr(exc, "args", ()) if isinstance(a, BaseException)), None)
    return f"{type(inner).__name__}: {inner}" if inner is not None else str(exc)


# --- the refused certificate, seen with the standard library --------------------------------------------------

_system_lock = threading.Lock()
_system: list[ssl.SSLContext] = []


def system_context() -> ssl.SSLContext:
    """This computer's trust store as OpenSSL and Python find it (on Windows: the system's root stores),
    asking only about the chain, not the name. Built once per process, on first need."""
    with _system_lock:
        if not _system:
            context = ssl.create_default_context()
            context.check_hostname = False
            _system.append(context)
        return _system[0]


def _unverified_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _inspect_refused(probe: Probe, url: str, timeout: float, end: float) -> None:
    """Fill in the issuer of the certificate that was refused and, for an untrusted issuer, whether this
    computer's own store trusts it. Nothing when the server cannot be reached again in time."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    address = (probe.host, parts.port or (443 if parts.scheme == "https" else 80))
    der = None
    if probe.outcome == "tls-untrusted":
        try:
            der = presented_certificate(address, system_context(), _budget(timeout, end))
            probe.system_trusted = True
        except ssl.SSLCertVerificationError:
            probe.system_trusted = False
        except (OSError, ssl.SSLError):
            pass
    if der is None:
        try:
            der = presented_certificate(address, _unverified_context(), _budget(timeout, end))
        except (OSError, ssl.SSLError):
            return
    probe.issuer = x509.issuer(der) if der else {}


def presented_certificate(address: tuple[str, int], context: ssl.SSLContext, timeout: float) -> bytes:
    """The certificate (DER; empty when none) a server presents in a TLS handshake with `context` on a new
    connection. Raises what connecting and the handshake raise."""
    with socket.create_connection(address, timeout=timeout) as sock:
        sock.settimeout(timeout)
        with context.wrap_socket(sock, server_hostname=address[0]) as secure:
            return secure.getpeercert(binary_form=True) or b""
