"""Can the sign-in servers be reached, and is anything in the way? Every endpoint is probed in parallel
under one deadline; the verdict is one finding a player understands, plus what TLS, the hosts file and the
proxy settings show. The clock is judged from the same answers."""

from __future__ import annotations

import os
import sys
import time

from prelaunch.checks import clock
from prelaunch.checks.failure import failed
from prelaunch.config import Config
from prelaunch.model import Finding
from prelaunch.net import cache as netcache
from prelaunch.net import hostsfile, interceptors, x509
from prelaunch.net.result import Probe

NAME = "network"
ROLES = {  # what stops working when a host cannot be reached (reference: auth.md section 6)
    "sessionserver.mojang.com": "joining online servers",
    "api.minecraftservices.com": "signing in and the game's profile and chat keys",
    "login.live.com": "signing in and renewing the token in the launcher",
    "login.microsoftonline.com": "signing in and renewing the token in the launcher",
    "user.auth.xboxlive.com": "signing in and renewing the token in the launcher",
    "xsts.auth.xboxlive.com": "signing in and renewing the token in the launcher",
}
_REASONS = {"dns": "its name does not resolve (DNS)", "refused": "the connection is refused",
            "unreachable": "no route to it", "timeout": "no answer", "server-error": "server error",
            "rate-limited": "rate limited", "protocol": "a broken answer", "bad-url": "not a valid URL",
            "tls-untrusted": "an untrusted certificate", "tls-expired": "an expired certificate",
            "tls-not-yet-valid": "a certificate not valid yet", "tls-hostname": "a certificate for another name",
            "tls-other": "a failed secure connection"}


def probe_all(urls: list[str], config: Config) -> list[Probe]:
    """Every URL probed at once; what is not finished at the deadline is a timeout at the phase it reached."""
    import threading

    from prelaunch.net import probe as netprobe

    settings = config.network
    context = netprobe.tls_context(settings.ca_bundle)
    cross_check = None if settings.ca_bundle else netprobe.mozilla_context()
    end = time.monotonic() + settings.deadline
    probes = [Probe(url) for url in urls]
    threads = [threading.Thread(target=netprobe.run, args=(url, settings.timeout, end, context, probe, cross_check),
                                daemon=True, name="probe") for url, probe in zip(urls, probes)]
    for thread in threads:
        thread.start()
    finished = []
    for thread, probe in zip(threads, probes):
        thread.join(max(0.0, end - time.monotonic()))
        snapshot = Probe.from_dict(probe.as_dict())  # a late thread must not change what we judged
        if thread.is_alive():
            snapshot.outcome = "timeout"
            snapshot.detail = f"no answer within the {settings.deadline:g} s deadline (at {snapshot.phase})"
        finished.append(snapshot)
    return finished


def _cache_key(config: Config) -> list:
    settings = config.network
    return [list(settings.endpoints), settings.control, settings.ca_bundle, settings.timeout]


class Pending:
    """The network check under way: `collect()` waits for it, never past the deadline."""

    def __init__(self, findings: list[Finding], thread=None, deadline_s: float = 0.0) -> None:
        self.findings, self.thread, self.deadline_s = findings, thread, deadline_s
        self.end = time.monotonic() + deadline_s
        self.result: list[Finding] | BaseException | None = None

    def collect(self) -> list[Finding]:
        if self.thread is None:
            return self.findings
        self.thread.join(max(0.0, self.end - time.monotonic()))
        if self.result is None:
            return self.findings + [Finding(NAME, "info", f"The network check did not finish within "
                                                          f"{self.deadline_s:g} s", "It was skipped so the "
                                                                                    "launch is not held up.")]
        if isinstance(self.result, BaseException):
            return self.findings + [failed(NAME, self.result)]
        return self.findings + self.result


def start(config: Config, use_cache: bool = True) -> Pending:
    """Begin the network check: a remembered healthy result answers at once (with use_cache); otherwise probing
    starts in a background thread (threading is imported only then: it costs a warm launch more than it saves)."""
    settings = config.network
    if not settings.enabled:
        return Pending([])
    if not settings.endpoints:
        return Pending(local_findings(config, ()) + [Finding(NAME, "info", "No sign-in endpoints configured: "
                                                                           "[network] endpoints is empty")])
    cached = netcache.load(_cache_key(config), settings.cache_minutes * 60) if use_cache else None
    if cached is not None:
        auth, control = cached[:len(settings.endpoints)], cached[len(settings.endpoints):]
        hosts = tuple(probe.host for probe in auth)  # as parsed when probed: urllib.parse costs a warm check 5 ms
        return Pending(local_findings(config, hosts) + judge(auth, control, config))
    import threading

    pending = Pending([], deadline_s=settings.deadline + 0.5)

    def work() -> None:
        try:
            pending.result = _probe_and_judge(config)
        except BaseException as exc:  # noqa: BLE001 - becomes a finding in collect()
            pending.result = exc

    pending.thread = threading.Thread(target=work, daemon=True, name="check-network")
    pending.thread.start()
    pending.findings = local_findings(config, endpoint_hosts(settings.endpoints))  # while the probes run
    return pending


def run(context, config: Config) -> list[Finding]:
    """The whole network check at once (for callers that have nothing to do meanwhile)."""
    return start(config).collect()


def _probe_and_judge(config: Config) -> list[Finding]:
    settings = config.network
    urls = list(settings.endpoints) + ([settings.control] if settings.control else [])
    probes = probe_all(urls, config)
    auth, control = probes[:len(settings.endpoints)], probes[len(settings.endpoints):]
    judged = judge(auth, control, config)
    if all(f.rank < 2 for f in judged):
        netcache.save(_cache_key(config), probes)
    else:
        netcache.forget()
    return judged


def judge(auth: list[Probe], control: list[Probe], config: Config) -> list[Finding]:
    """The verdict, TLS findings, the clock and one row per host (for doctor), from finished probes."""
    return [*verdict(auth, control), *tls_findings(auth), *clock.assess(auth, config.clock.threshold_seconds),
            *(table_row(p) for p in auth + control)]


def verdict(auth: list[Probe], control: list[Probe]) -> list[Finding]:
    down = [p for p in auth if not p.reachable]
    limited = [p.host for p in auth if p.outcome == "rate-limited"]
    notes = [Finding(NAME, "info", f"Rate limited by {', '.join(limited)} (HTTP 429)",
                     "Too many requests came from your address lately; the server is up. Sign-in may fail for a "
                     "few minutes: wait before retrying.")] if limited else []
    if not down:
        slowest = max((sum(p.ms.values()) for p in auth), default=0)
        return [Finding(NAME, "ok", f"Sign-in servers reachable ({len(auth)} of {len(auth)}, slowest "
                                    f"{slowest:.0f} ms)"), *notes]
    if all(p.outcome == "bad-url" for p in down):
        return [Finding(NAME, "warning", "Some configured endpoints are not valid URLs",
                        ", ".join(p.url for p in down), ("Fix [network] endpoints in the configuration file.",))]
    listing = "; ".join(f"{p.host or p.url}: {_REASONS.get(p.outcome, p.outcome)}"
                        + (f" (HTTP {p.status})" if p.status else "") for p in down)
    if len(down) < len(auth):
        broken = sorted({ROLES.get(p.host, "signing in") for p in down})
        return [Finding(NAME, "warning", f"{len(down)} of {len(auth)} sign-in servers cannot be reached",
                        f"{listing}. That breaks {' and '.join(broken)}.", _fixes(down))]
    if all(p.outcome == "server-error" for p in down) or (control and control[0].reachable):
        return [Finding(NAME, "warning", "Mojang's and Microsoft's sign-in servers seem to be down",
                        f"None of them answers properly ({listing}), while "
                        f"{control[0].host if control else 'the rest of the internet'} does. That is an outage "
                        "on their side, or something on this computer blocks only them.",
                        ("Wait a few minutes, then launch again: restarting the launcher over and over does not "
                         "help during an outage.", *_fixes(down)[1:]))]
    return [Finding(NAME, "warning", "You seem to be offline",
                    f"No sign-in server answers, and neither does the control host ({listing}).",
                    ("Check your internet connection (Wi-Fi, cable, router).",
                     "If only games fail: check your firewall and any VPN or proxy.",
                     "Singleplayer still works; online servers will not."))]


def _fixes(down: list[Probe]) -> tuple[str, ...]:
    outcomes = {p.outcome for p in down}
    fixes = ["Try again in a minute."]
    if "dns" in outcomes:
        fixes.append("Name lookups fail: restart your router, or set your DNS to your provider's or a public one.")
    if outcomes & {"refused", "unreachable", "timeout"}:
        fixes.append("A firewall, VPN or proxy may block these hosts: allow them, or try without the VPN.")
    if any(o.startswith("tls") for o in outcomes):
        fixes.append("Secure connections fail: see the certificate finding below.")
    fixes.append("Look for hosts-file lines with mojang.com, minecraft.net or xboxlive.com and remove them.")
    return tuple(fixes)


_INTERCEPTION_FIXES = ("Turn off HTTPS scanning in your antivirus, or add Java to its exceptions.",
                       "On a company or school network, ask its admin, or play on another network.")


def tls_findings(auth: list[Probe]) -> list[Finding]:
    found: dict[str, Finding] = {}
    for probe in auth:
        product = interceptors.identify(probe.issuer) if probe.issuer else None
        issuer = f"'{x509.describe(probe.issuer)}'"
        if product is not None:
            name, setting = product
            fixes = ((f"{name}: {setting}.", "Or add the game's Java (java.exe / javaw.exe) to its exceptions.")
                     if setting else ("This is a company or school network inspecting HTTPS: ask its admin to "
                                      "exempt the Minecraft and Microsoft sign-in hosts, or play on another "
                                      "network.",))
            found.setdefault(name, Finding(
                NAME, "warning", f"{name} intercepts the connection to the sign-in servers",
                f"The certificate of {probe.host} was issued by {issuer}. Your browser may trust it, but the "
                "game's Java does not: it shows \"The authentication servers are currently not reachable\".",
                fixes))
        elif probe.outcome in ("tls-expired", "tls-not-yet-valid"):
            found.setdefault(probe.outcome, Finding(
                NAME, "warning", f"The certificate of {probe.host} is "
                                 f"{'expired' if probe.outcome == 'tls-expired' else 'not valid yet'}",
                f"Issued by {issuer}. Real sign-in certificates are renewed in time, so usually this computer's "
                "clock is wrong, or something intercepts the connection.",
                ("Set your clock to update automatically.", "Turn off HTTPS scanning in your antivirus.")))
        elif probe.outcome == "tls-hostname":
            found.setdefault(probe.outcome, Finding(
                NAME, "warning", f"Something else answers in the place of {probe.host}",
                f"It presents a certificate for another name (issued by {issuer}): a hosts-file entry, a "
                "captive portal (hotel, school Wi-Fi sign-in page) or a proxy redirects the connection.",
                ("Open a web page to finish any Wi-Fi sign-in.", "Remove hosts-file lines for this host.")))
        elif probe.mozilla_trusted is False:
            found.setdefault("private-root", Finding(
                NAME, "warning", f"The connection to {probe.host} is signed by a root added to this computer",
                f"Its certificate was issued by {issuer}. This computer trusts that root, but the standard root "
                "list (which the game's Java also uses) does not: an antivirus, a company proxy or other "
                "software re-signs the connection, and the game refuses it.",
                _INTERCEPTION_FIXES))
        elif probe.outcome == "tls-untrusted":
            found.setdefault(probe.outcome, Finding(
                NAME, "warning", f"The connection to {probe.host} is intercepted",
                f"Its certificate was issued by {issuer}, which is not a trusted authority: an antivirus, a "
                "company proxy or other software re-signs the connection, and the game's Java refuses it.",
                _INTERCEPTION_FIXES))
    return list(found.values())


def table_row(probe: Probe) -> Finding:
    """One host's line for `doctor`: outcome, HTTP status, time per phase, certificate issuer."""
    phases = " / ".join(f"{name} {ms:.0f}" for name, ms in probe.ms.items())
    status = f"HTTP {probe.status}" if probe.status else _REASONS.get(probe.outcome, probe.outcome)
    issuer = f"; issuer {x509.describe(probe.issuer)}" if probe.issuer else ""
    failure = f"; stopped at {probe.phase}: {probe.detail}" if not probe.reachable else ""
    return Finding(NAME, "ok" if probe.reachable else "info", f"{probe.host or probe.url}: {status}",
                   f"{probe.outcome}; ms: {phases or '-'}{issuer}{failure}")


def endpoint_hosts(urls: list[str]) -> tuple[str, ...]:
    """The host of each URL as its probe reads it; "" for one that is no http(s) URL (its probe says so)."""
    from prelaunch.net import probe as netprobe

    return tuple(split[1] if split else "" for split in map(netprobe.split_url, urls))


def local_findings(config: Config, hosts: tuple[str, ...]) -> list[Finding]:
    """What this computer itself does to the connection: the hosts file (watching the configured endpoints'
    hosts too) and proxy settings."""
    findings = []
    for number, line in hostsfile.redirects(config.network.hosts_file, hosts):
        findings.append(Finding(NAME, "warning", f"The hosts file redirects a sign-in host (line {number})",
                                f"`{line}` in {config.network.hosts_file or hostsfile.default_path()}. Alt-account "
                                "tools leave such lines; they make the game say \"authentication servers are not "
                                "reachable\" or \"Invalid session\".",
                                ("Remove that line (editing the hosts file needs administrator rights), then "
                                 "restart the launcher.",)))
    proxies = proxy_settings()
    if proxies:
        listing = ", ".join(f"{k}={v}" for k, v in sorted(proxies.items()))
        findings.append(Finding(NAME, "info", "A proxy is configured on this computer",
                                f"{listing}. The game's Java does not use these settings; it connects directly, "
                                "which fails on networks that only allow the proxy."))
    return findings


def proxy_settings() -> dict[str, str]:
    """Proxy variables in effect, and on Windows and macOS the system's proxy settings."""
    found = {k: v for k, v in os.environ.items() if k.lower() in ("https_proxy", "http_proxy", "all_proxy") and v}
    if sys.platform in ("win32", "darwin"):
        import urllib.request

        found.update({f"system {k}": v for k, v in urllib.request.getproxies().items() if k in ("http", "https")})
    return found
