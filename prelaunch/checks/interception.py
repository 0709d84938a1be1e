"""What stands in the way of the sign-in servers on this computer or its network, said in a player's words: a
program that re-signs the secure connections (named by its certificate's issuer: an antivirus, a company
box), certificates out of their dates (the clock), another name answering (a Wi-Fi sign-in page), hosts-file
lines that send a sign-in host elsewhere, a trust bundle of prelaunch's settings that cannot be read. Part of
the network check (`network.judge`)."""

from __future__ import annotations

import sys
import time

from prelaunch.checks import clock
from prelaunch.model import Finding
from prelaunch.net import hostsfile, interceptors, x509
from prelaunch.net.result import Probe

NAME = "network"


def bundle_finding(problem: str) -> Finding:
    """The configured certificate bundle could not be read (`problem`: why)."""
    return Finding(NAME, "warning", "prelaunch's [network] ca_bundle setting cannot be read",
                   f"[network] ca_bundle: {problem}. The check used the standard trusted roots only.",
                   ("Fix or remove [network] ca_bundle in prelaunch's settings file.",),
                   summary="The sign-in check went on with the usual list of trusted servers.", situation="ca-bundle")


def loopback(host: str) -> bool:
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


def listing(names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' of the distinct names, in order."""
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _servers(probes: list[Probe], total: int) -> str:
    """Which sign-in servers, for a sentence."""
    if len(probes) == total and total > 1:
        return "every sign-in server"
    return listing([p.host or p.url for p in probes])


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
    return listing([f"'{x509.describe(p.issuer)}'" for p in probes if p.issuer]) or "an unknown issuer"


_BLOCKED = "so signing in and joining servers fail."


def _certificate_finding(kind: str, probes: list[Probe], total: int) -> Finding:
    servers, issuers = _servers(probes, total), _issuers(probes)
    situation = f"{kind}:{issuers}"
    fixes: tuple[str, ...]
    product = interceptors.identify(probes[0].issuer) if kind.startswith("product:") else None
    if product is not None:
        name, setting = product
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
    where = f"line{'s' if len(numbers) > 1 else ''} {listing(numbers)}"
    shown = "; ".join(f"`{r.line}`" for r in redirects)
    effect = (f" That is why {listing([p.host for p in failing])} cannot be reached." if failing else
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
                    f"{listing([n for r in redirects for n in r.names])}. Alt-account tools leave such lines."
                    + effect, (f"Delete {lines} from the hosts file, then restart the launcher.", edit),
                    summary=f"{said} signing in and joining servers.",
                    situation="hosts:" + "|".join(r.line for r in redirects))]
