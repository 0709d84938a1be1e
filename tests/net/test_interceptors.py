"""Products known by the issuer of the certificate they re-sign with."""

from __future__ import annotations

import pytest

from prelaunch.net import interceptors


@pytest.mark.parametrize("issuer,product", [
    ({"CN": "Avast Web/Mail Shield Root"}, "Avast"),
    ({"O": "AVG Technologies", "CN": "AVG Web/Mail Shield Root"}, "AVG"),
    ({"CN": "Kaspersky Anti-Virus Personal Root Certificate"}, "Kaspersky"),
    ({"CN": "ESET SSL Filter CA"}, "ESET"), ({"CN": "Bitdefender Personal CA.Net-Defender"}, "Bitdefender"),
    ({"O": "Zscaler Inc.", "CN": "Zscaler Intermediate Root CA"}, "Zscaler"),
    ({"CN": "FortiGate CA", "O": "Fortinet"}, "Fortinet FortiGate"), ({"CN": "AdGuard Personal CA"}, "AdGuard")])
def test_known_products(issuer, product):
    assert interceptors.identify(issuer)[0] == product


@pytest.mark.parametrize("issuer", [{"CN": "DigiCert Global Root G2"}, {"O": "Microsoft Corporation"},
                                    {"CN": "Savage Root"}, {}])
def test_genuine_and_unknown_issuers_are_no_product(issuer):
    assert interceptors.identify(issuer) is None


def test_a_company_box_has_no_setting_to_turn_off():
    assert interceptors.identify({"O": "Zscaler Inc."})[1] is None
    assert "HTTPS scanning" in interceptors.identify({"CN": "Avast Web/Mail Shield Root"})[1]
