"""Can the sign-in servers be reached, and is anything in the way? Every endpoint is probed in parallel under one
deadline; findings are by cause, one each, in words a player understands: something intercepts the secure
connections (named when the certificate's issuer is known), the hosts file redirects them, some or all servers
do not answer (what that breaks; outage or offline). The clock is judged from the same answers. `doctor` also
gets one technical row per host."""

from __future__ import annotations

import os
import sys
import threading
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


def _cache_key(config: Config) -> list:
    settings = config.network
    return [list(settings.endpoints), settings.control, settings.ca_bundle, settings.timeout]


class Pending:
    """The network check under way: `collect()` waits for it until `deadline_s` after its start (the probes'
    deadline, plus time to judge them and remember a healthy result), never longer."""

    def __init__(self, findings: list[Finding], thread=None, deadline_s: float = 0.0, end: float = 0.0,
                 skew: float | None = None) -> None:
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


def run(context, config: Config) -> list[Finding]:
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
    judged = judge(auth, control, config, table)
    if bundle_problem:
        judged.append(bundle_finding(bundle_problem))
    if all(f.rank < 2 for f in judged):
        netcache.save(_cache_key(config), probes)
    else:
        netcache.forget()
    return judged, clock.offset(probes)


def bundle_finding(problem: str) -> Finding:
    """The configured certificate bundle could not be read (`problem`: why)."""
    return Finding(NAME, "warning", "prelaunch's [network] ca_bundle setting cannot be read",
                   f"[network] ca_bundle: {problem}. The check used the standard trusted roots only.",
                   ("Fix or remove [network] ca_bundle in prelaunch's settings file.",),
                   summary="The sign-in check went on with the usual list of trusted servers.", situation="ca-bundle")


def judge(auth: list[Probe], control: list[Probe], config: Config, table: bool = False) -> list[Finding]:
    """Findings by cause from finished probes and what this computer itself does to the connection."""
    redirects = hostsfile.redirects(config.network.hosts_file, tuple(p.host for p in auth if not _loopback(p.host)))
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


def _loopback(host: str) -> bool:
    """A name or address of this computer itself (an endpoint set to one for a test): the hosts file's own
    `127.0.0.1 localhost` lines are no redirect of the sign-in."""
    import ipaddress

    name = host.lower().rstrip(".")
    if name in ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback") or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def _listing(names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' of the distinct names, in order."""
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _servers(probes: list[Probe], total: int) -> str:
    """Which sign-in servers, for a sentence."""
    if len(probes) == total and total > 1:
        return "every sign-in server"
    return _listing([p.host or p.url for p in probes])


def _java(platform: str = sys.platform) -> str:
    return "the game's Java (javaw.exe)" if platform == "win32" else "the game's Java"


_QUOTED_ERRORS = ('"Failed to log in: Invalid session" or "The authentication servers are currently not '
                  'reachable"')


def certificate_findings(refused: list[Probe], total: int) -> list[Finding]:
    """One finding per cause of refused certificates: an interceptor (named when its issuer is known), a root
    only this computer trusts, an untrusted issuer, certificates out of their dates, another name."""
    groups: dict[str, list[Probe]] = {}
    for probe in refused:
        product = interceptors.identify(probe.issuer) if probe.issuer else None
        if product is not None:
            kind = "product:" + product[0]
        elif probe.outcome in ("tls-expired", "tls-not-yet-valid", "tls-hostname"):
            kind = probe.outcome
        else:
            kind = "system-root" if probe.system_trusted else "untrusted"
        groups.setdefault(kind, []).append(probe)
    return [_certificate_finding(kind, probes, total) for kind, probes in groups.items()]


def _issuers(probes: list[Probe]) -> str:
    return _listing([f"'{x509.describe(p.issuer)}'" for p in probes if p.issuer]) or "an unknown issuer"


_BLOCKED = "so signing in and joining servers fail."


def _certificate_finding(kind: str, probes: list[Probe], total: int) -> Finding:
    servers, issuers = _servers(probes, total), _issuers(probes)
    situation = f"{kind}:{issuers}"
    if kind.startswith("product:"):
        name, setting = interceptors.identify(probes[0].issuer)
        if setting:
            fixes = (f"In {name}, turn off the scanning of secure (HTTPS) connections, then launch again.",
                     f"Where: {setting}.", f"Or add {_java()} to {name}'s exceptions.")
        else:
            fixes = ("Ask the network's admin to let the Minecraft and Microsoft sign-in through, or play on "
                     "another network.",)
        summary = (f"It checks secure connections in a way the game does not accept, {_BLOCKED}" if setting else
                   f"This network checks secure connections in a way the game does not accept, {_BLOCKED}")
        return Finding(NAME, "warning", f"{name} is blocking Minecraft's sign-in",
                       f"{servers[0].upper() + servers[1:]} answered with a certificate issued by {issuers}. "
                       f"{name} re-signs secure connections to scan them; your browser may accept that, but the "
                       f"game's Java does not, so signing in and joining servers fail with {_QUOTED_ERRORS}.",
                       fixes, summary=summary, situation=situation)
    if kind in ("tls-expired", "tls-not-yet-valid"):
        state = "expired" if kind == "tls-expired" else "not valid yet"
        now = time.strftime("%Y-%m-%d %H:%M")
        return Finding(NAME, "warning", "Your clock may be wrong",
                       f"{servers[0].upper() + servers[1:]} presented a certificate that is {state} by this "
                       f"computer's clock, which says {now} (issued by {issuers}). Real sign-in certificates are "
                       "renewed in time, so the clock is probably wrong, or something intercepts the connection.",
                       (*clock.fixes()[:-1], "If the clock is right: turn off HTTPS scanning in your antivirus."),
                       summary=f"By this computer's clock, which says {now}, the sign-in servers look {state}.",
                       situation=situation)
    if kind == "tls-hostname":
        return Finding(NAME, "warning", "Something else answers in the place of the sign-in servers",
                       f"{servers[0].upper() + servers[1:]} presented a certificate for another name (issued by "
                       f"{issuers}): a Wi-Fi sign-in page (hotel, school, café), a proxy or a VPN redirects the "
                       "connection.",
                       ("Open any web page in your browser and finish the network's sign-in page, if it shows one.",
                        "Otherwise turn off the VPN or proxy and launch again."),
                       summary="A Wi-Fi sign-in page, a proxy or a VPN is in the way.", situation=situation)
    fixes = ("Turn off HTTPS scanning in your antivirus or security software, then launch again.",
             f"Or add {_java()} to its exceptions.",
             "On a company or school network, ask its admin, or play on another network.")
    if kind == "system-root":
        return Finding(NAME, "warning", "Software on this computer is blocking Minecraft's sign-in",
                       f"{servers[0].upper() + servers[1:]} answered with a certificate issued by {issuers}. This "
                       "computer trusts that issuer (an antivirus, a company or other software added it), but the "
                       "root list the game's Java uses does not, so signing in and joining servers fail with "
                       f"{_QUOTED_ERRORS}.", fixes,
                       summary=f"An antivirus or similar program checks secure connections, {_BLOCKED}",
                       situation=situation)
    return Finding(NAME, "warning", "Something is blocking Minecraft's sign-in",
                   f"{servers[0].upper() + servers[1:]} answered with a certificate issued by {issuers}, which "
                   "is not a trusted authority: an antivirus, a company proxy or other software re-signs the "
                   f"connection, and the game's Java refuses it ({_QUOTED_ERRORS}).", fixes,
                   summary=f"An antivirus, a company proxy or other software is in the way, {_BLOCKED}",
                   situation=situation)


def hosts_file_findings(redirects: list[hostsfile.Redirect], failing: list[Probe], configured_path: str,
                        platform: str = sys.platform) -> list[Finding]:
    """One finding for every hosts-file line that redirects a sign-in host, with the failures they explain."""
    if not redirects:
        return []
    path = configured_path or hostsfile.default_path()
    numbers = [str(r.number) for r in redirects]
    where = f"line{'s' if len(numbers) > 1 else ''} {_listing(numbers)}"
    shown = "; ".join(f"`{r.line}`" for r in redirects)
    effect = (f" That is why {_listing([p.host for p in failing])} cannot be reached." if failing else
              " They make the game say \"The authentication servers are currently not reachable\" or "
              "\"Invalid session\".")
    lines = "those lines" if len(numbers) > 1 else "that line"
    if platform == "win32":
        edit = f"How: open Notepad as administrator, open {path}, delete {lines} and save."
    else:
        edit = (f"How: run `sudo nano {path}` in a terminal (it asks for your password), delete {lines}, save with "
                "Ctrl+O and quit with Ctrl+X.")
    said = (f"{where[0].upper()}{where[1:]} there, often left by an alt-account tool, "
            f"stop{'s' if len(numbers) == 1 else ''}")
    return [Finding(NAME, "warning", "The hosts file sends Minecraft's sign-in elsewhere",
                    f"{shown} in {path} redirect{'s' if len(numbers) == 1 else ''} "
                    f"{_listing([n for r in redirects for n in r.names])}. Alt-account tools leave such lines."
                    + effect, (f"Delete {lines} from the hosts file, then restart the launcher.", edit),
                    summary=f"{said} signing in and joining servers.",
                    situation="hosts:" + "|".join(r.line for r in redirects))]


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
    return "; ".join(f"{_listing(hosts)}: {reason}" for reason, hosts in groups.items())


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
    return [Finding(NAME, "info", f"{_listing([p.host for p in limited])} asks this computer to slow down",
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
