"""Can the sign-in servers be reached, and is anything in the way? Every endpoint is probed in parallel under one
deadline; findings are by cause, one each, in words a player understands: something intercepts the secure
connections (named when the certificate's issuer is known), the hosts file redirects them, some or all servers
do not answer (what that breaks; outage or offline). The clock is judged from the same answers. `doctor` also
gets one technical row per host. What stands in the way (interception, the hosts file) is said by
`interception`."""

from __future__ import annotations

import os
import sys
import threading
import time

from prelaunch.checks import clock
from prelaunch.checks.failure import failed
from prelaunch.checks.interception import bundle_finding, certificate_findings, hosts_file_findings, listing, loopback
from prelaunch.config import Config
from prelaunch.model import Finding, LaunchContext
from prelaunch.net import cache as netcache
from prelaunch.net import clockoffset, hostsfile, x509
from prelaunch.net.result import Probe

NAME = "network"
ROLES = {  # what stops working when a host cannot be reached (reference: auth.md section 6)
    "sessionserver.mojang.com": "joining online servers",
    "api.minecraftservices.com": "signing in and the game's profile and chat",
    "login.live.com": "signing in and renewing your sign-in in the launcher",
    "login.microsoftonline.com": "signing in and renewing your sign-in in the launcher",
    "user.auth.xboxlive.com": "signing in and renewing your sign-in in the launcher",
    "xsts.auth.xboxlive.com": "signing in and renewing your sign-in in the launcher",
}
_REASONS = {"dns": "its name cannot be looked up (DNS)", "refused": "the connection is refused",
            "unreachable": "no route to it", "timeout": "no answer", "server-error": "an error on their side",
            "rate-limited": "rate limited", "protocol": "a broken answer", "bad-url": "not a valid URL",
            "tls-untrusted": "an untrusted certificate", "tls-expired": "an expired certificate",
            "tls-not-yet-valid": "a certificate not valid yet", "tls-hostname": "a certificate for another name",
            "tls-other": "a failed secure connection"}


JUDGING_S = 0.15  # after the probes' end: turning their outcomes into findings


def limits(config: Config) -> tuple[float, float]:
    """(deadline, per-request timeout) in seconds: the config's (which holds both to their ranges), the timeout
    never longer than the deadline."""
    deadline = config.network.deadline
    return deadline, min(config.network.timeout, deadline)


def _cache_key(config: Config) -> list[object]:
    settings = config.network
    return [list(settings.endpoints), settings.control, settings.ca_bundle, settings.timeout]


class Pending:
    """The network check under way: `collect()` waits for it until `deadline_s` after its start (the probes'
    deadline, plus time to judge them and remember a healthy result), never longer."""

    def __init__(self, findings: list[Finding], thread: threading.Thread | None = None, deadline_s: float = 0.0,
                 end: float = 0.0, skew: float | None = None) -> None:
        self.findings, self.thread, self.deadline_s, self.end = findings, thread, deadline_s, end
        self.result: list[Finding] | BaseException | None = None
        self.skew = skew  # seconds the clock is ahead of the sign-in servers, once their answers said (clock.offset)

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


def start(config: Config, use_cache: bool = True, table: bool = False, since: float | None = None) -> Pending:
    """Begin the network check: a remembered healthy result answers at once (with use_cache); otherwise probing
    starts in a background thread. `table`: add one technical row per host (for `doctor`). The deadline counts
    from `since` (a `time.monotonic()`; the process's start for a command), else from now."""
    settings = config.network
    if not settings.enabled:
        return Pending([])
    if not settings.endpoints:
        return Pending(judge([], [], config) + [Finding(NAME, "info", "No sign-in endpoints configured: "
                                                                      "[network] endpoints is empty")])
    cached = netcache.load(_cache_key(config), settings.cache_minutes * 60) if use_cache else None
    if cached is not None and len(cached) >= len(settings.endpoints):
        return Pending(judge(cached[:len(settings.endpoints)], cached[len(settings.endpoints):], config, table),
                       skew=clock.offset(cached))
    deadline = limits(config)[0]
    end = (time.monotonic() if since is None else since) + deadline  # importing requests and the roots count too
    pending = Pending([], deadline_s=deadline, end=end + JUDGING_S)

    def work() -> None:
        try:
            found, pending.skew = _probe_and_judge(config, table, end)
            pending.result = found  # last: collect() takes a result as the end of the work
        except BaseException as exc:  # noqa: BLE001 - becomes a finding in collect()
            pending.result = exc

    pending.thread = threading.Thread(target=work, daemon=True, name="check-network")
    pending.thread.start()
    return pending


def run(context: LaunchContext, config: Config) -> list[Finding]:
    """The whole network check at once (for callers that have nothing to do meanwhile)."""
    return start(config).collect()


def _probe_and_judge(config: Config, table: bool, end: float) -> tuple[list[Finding], float | None]:
    """(findings, the clock's offset from the answers)."""
    from prelaunch.net import probe as netprobe  # requests, only when probing

    settings = config.network
    urls = list(settings.endpoints) + ([settings.control] if settings.control else [])
    deadline, timeout = limits(config)
    probes, bundle_problem = netprobe.run_all(urls, settings.ca_bundle, timeout, deadline, end)
    auth, control = probes[:len(settings.endpoints)], probes[len(settings.endpoints):]
    measured = clock.offset(probes)
    if measured is not None:
        clockoffset.save(measured)  # for what runs without probing (the lease in the synced folder)
    judged = judge(auth, control, config, table)
    if bundle_problem:
        judged.append(bundle_finding(bundle_problem))
    if all(f.rank < 2 for f in judged):
        netcache.save(_cache_key(config), probes)
    else:
        netcache.forget()
    return judged, clock.offset(probes)


def judge(auth: list[Probe], control: list[Probe], config: Config, table: bool = False) -> list[Finding]:
    """Findings by cause from finished probes and what this computer itself does to the connection."""
    redirects = hostsfile.redirects(config.network.hosts_file, tuple(p.host for p in auth if not loopback(p.host)))
    redirected = {name for redirect in redirects for name in redirect.names}
    by_hosts_file = [p for p in auth if not p.reachable and p.host.lower() in redirected]
    rest = [p for p in auth if p not in by_hosts_file]
    findings = [*certificate_findings([p for p in rest if p.certificate_refused], len(auth)),
                *hosts_file_findings(redirects, by_hosts_file, config.network.hosts_file),
                *reachability(rest, control, len(auth)),
                *rate_limits(auth),
                *clock.assess(auth + control, config.clock.threshold_seconds),
                *proxy_findings()]
    if table:
        findings += [table_row(p) for p in auth + control]
    return findings


def reachability(auth: list[Probe], control: list[Probe], total: int) -> list[Finding]:
    """The verdict on the servers that do not answer for a reason other than their certificate: all fine,
    some down and what that breaks, an outage, or offline. Certificate failures are someone else's verdict."""
    down = [p for p in auth if not p.reachable and not p.certificate_refused]
    if not down:
        if any(p.certificate_refused for p in auth) or not auth:
            return []
        slowest = max((p.elapsed_ms or 0 for p in auth), default=0)
        return [Finding(NAME, "ok", f"Sign-in servers reachable ({len(auth)} of {total}, slowest {slowest:.0f} ms)")]
    if all(p.outcome == "bad-url" for p in down):
        return [Finding(NAME, "warning", "prelaunch's [network] endpoints have a mistake",
                        ", ".join(p.url for p in down), ("Fix [network] endpoints in prelaunch's settings file.",),
                        summary="prelaunch cannot check the sign-in servers until they are fixed.",
                        situation="bad-url")]
    listing = _grouped_reasons(down)
    if len(down) < total:
        broken = sorted({ROLES.get(p.host, "signing in") for p in down})
        return [Finding(NAME, "warning", f"{len(down)} of {total} sign-in servers cannot be reached",
                        f"{listing}. That breaks {' and '.join(broken)}.", _fixes(down),
                        summary=f"That breaks {' and '.join(broken)}.",
                        situation="down:" + "|".join(sorted(p.host or p.url for p in down)))]
    elsewhere_answers = bool(control) and (control[0].reachable or control[0].certificate_refused)
    if all(p.outcome == "server-error" for p in down) or elsewhere_answers:
        elsewhere = ", while other sites do" if elsewhere_answers else ""
        return [Finding(NAME, "warning", "Mojang's and Microsoft's sign-in servers seem to be down",
                        f"None of them answers properly ({listing}){elsewhere}. That is an outage on their side, "
                        "or something on this computer blocks only them.",
                        ("Wait a few minutes, then launch again: restarting the launcher over and over does not "
                         "help during an outage.", *_fixes(down)[1:]),
                        summary="That is an outage on their side, or something here blocks only them.",
                        situation="outage")]
    also = ", and neither does a site outside Mojang and Microsoft" if control else ""
    return [Finding(NAME, "warning", "You seem to be offline",
                    f"No sign-in server answers ({listing}){also}.",
                    ("Check your internet connection (Wi-Fi, cable, router).",
                     "If only games fail: check your firewall and any VPN or proxy.",
                     "Singleplayer still works; online servers will not."),
                    summary="Singleplayer still works; online servers and signing in do not.", situation="offline")]


def _grouped_reasons(down: list[Probe]) -> str:
    """'a and b: no answer; c: the connection is refused', one group per reason."""
    groups: dict[str, list[str]] = {}
    for probe in down:
        groups.setdefault(_REASONS.get(probe.outcome, probe.outcome), []).append(probe.host or probe.url)
    return "; ".join(f"{listing(hosts)}: {reason}" for reason, hosts in groups.items())


def _fixes(down: list[Probe]) -> tuple[str, ...]:
    outcomes = {p.outcome for p in down}
    fixes = ["Try again in a minute."]
    if "dns" in outcomes:
        fixes.append("Names cannot be looked up: restart your router, or set your DNS to your provider's or a "
                     "public one.")
    if outcomes & {"refused", "unreachable", "timeout", "tls-other"}:
        fixes.append("A firewall, VPN or proxy may block these servers: allow them, or try without the VPN.")
    return tuple(fixes)


def rate_limits(auth: list[Probe]) -> list[Finding]:
    limited = [p for p in auth if p.outcome == "rate-limited"]
    if not limited:
        return []
    return [Finding(NAME, "info", f"{listing([p.host for p in limited])} asks this computer to slow down",
                    "Too many requests came from your address lately (\"too many requests\"); the server is up. "
                    "Signing in may fail for a few minutes.", ("Wait a few minutes before retrying.",))]


def table_row(probe: Probe) -> Finding:
    """One host's technical line for `doctor`: outcome, HTTP status, time, certificate issuer, reason."""
    status = f"HTTP {probe.status}" if probe.status else _REASONS.get(probe.outcome, probe.outcome)
    parts = [probe.outcome]
    if probe.elapsed_ms is not None:
        parts.append(f"{probe.elapsed_ms:.0f} ms")
    if probe.issuer:
        parts.append(f"issuer {x509.describe(probe.issuer)}")
    if probe.system_trusted is not None:
        parts.append(f"{'trusted' if probe.system_trusted else 'not trusted'} by this computer's store")
    if not probe.reachable and probe.detail:
        parts.append(probe.detail)
    return Finding(NAME, "ok" if probe.reachable else "info", f"{probe.host or probe.url}: {status}",
                   "; ".join(parts))


def proxy_findings() -> list[Finding]:
    proxies = proxy_settings()
    if not proxies:
        return []
    listing = ", ".join(f"{k}={_without_password(v)}" for k, v in sorted(proxies.items()))
    return [Finding(NAME, "info", "A proxy is configured on this computer",
                    f"{listing}. The game's Java does not use these settings; it connects directly, which fails "
                    "on networks that only allow the proxy.")]


def _without_password(url: str) -> str:
    """A proxy URL without the user name and password it may carry."""
    scheme, separator, rest = url.rpartition("://")
    return f"{scheme}{separator}…@{rest.rpartition('@')[2]}" if "@" in rest.split("/", 1)[0] else url


def proxy_settings() -> dict[str, str]:
    """Proxy variables in effect, and on Windows and macOS the system's proxy settings."""
    found = {k: v for k, v in os.environ.items() if k.lower() in ("https_proxy", "http_proxy", "all_proxy") and v}
    if sys.platform in ("win32", "darwin"):
        import urllib.request

        found.update({f"system {k}": v for k, v in urllib.request.getproxies().items() if k in ("http", "https")})
    return found
