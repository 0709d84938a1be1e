"""Products that intercept HTTPS by re-signing it with their own root, known by their certificate issuer.

The issuer names come from the reference (auth.md section 8); the settings named in the fixes are general
product knowledge, not verified against each current version [unverified].
"""

from __future__ import annotations

# (words in the issuer, product, where its HTTPS scanning is turned off)
PRODUCTS = (
    (("avast",), "Avast", "Menu → Settings → Protection → Core Shields → Web Shield: turn off HTTPS scanning"),
    (("avg ", "avg web"), "AVG", "Menu → Settings → Basic Protection → Web Shield: turn off HTTPS scanning"),
    (("kaspersky",), "Kaspersky", "Settings → Network settings: do not scan encrypted connections"),
    (("eset",), "ESET", "Setup → Advanced setup → Web and email → SSL/TLS: turn off SSL/TLS filtering"),
    (("bitdefender",), "Bitdefender", "Protection → Online Threat Prevention: turn off Encrypted web scan"),
    (("norton",), "Norton", "Settings → Firewall / Safe Web: turn off the HTTPS inspection"),
    (("adguard",), "AdGuard", "Settings → Network → HTTPS filtering: off, or exclude the sign-in hosts"),
    (("zscaler",), "Zscaler", None),
    (("fortigate", "fortinet"), "Fortinet FortiGate", None),
    (("sophos",), "Sophos", None),
    (("netskope",), "Netskope", None),
    (("blue coat", "bluecoat"), "Blue Coat", None),
)


def identify(issuer: dict[str, str]) -> tuple[str, str | None] | None:
    """(product, how to turn its scanning off or None for a company box) when an interceptor signed it."""
    text = " ".join(issuer.values()).lower() + " "
    for words, product, setting in PRODUCTS:
        if any(word in text for word in words):
            return product, setting
    return None

