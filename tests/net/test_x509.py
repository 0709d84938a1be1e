"""The certificate reader against cryptography's, on every root certifi ships and on the test CAs."""

from __future__ import annotations

import ssl
import warnings

import certifi
import pytest
import trustme
from cryptography import x509 as cx509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from prelaunch.net import x509

_OIDS = {"CN": NameOID.COMMON_NAME, "O": NameOID.ORGANIZATION_NAME, "OU": NameOID.ORGANIZATIONAL_UNIT_NAME,
         "C": NameOID.COUNTRY_NAME}


def _roots() -> list[bytes]:
    with open(certifi.where(), "rb") as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a few old roots have a serial number RFC 5280 no longer allows
        return [cert.public_bytes(Encoding.DER) for cert in cx509.load_pem_x509_certificates(handle.read())]


def _expected(der: bytes) -> dict[str, str]:
    """What cryptography reads as the issuer; for a name given twice, the last one (as the reader keeps it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        issuer = cx509.load_der_x509_certificate(der).issuer
    found = {}
    for key, oid in _OIDS.items():
        values = issuer.get_attributes_for_oid(oid)
        if values:
            found[key] = values[-1].value
    return found


ROOTS = _roots()


def test_certifi_ships_roots():
    assert len(ROOTS) > 100


@pytest.mark.parametrize("index", range(len(ROOTS)))
def test_issuer_of_every_certifi_root_agrees_with_cryptography(index):
    der = ROOTS[index]
    expected = _expected(der)
    assert expected, "every root names its issuer"
    assert x509.issuer(der) == expected


def test_issuer_of_a_leaf_is_its_ca():
    ca = trustme.CA(organization_name="Avast Web/Mail Shield Root", organization_unit_name="scanning")
    leaf = ca.issue_cert("127.0.0.1")
    der = ssl.PEM_cert_to_DER_cert(leaf.cert_chain_pems[0].bytes().decode())
    names = x509.issuer(der)
    assert names == _expected(der) and names["O"] == "Avast Web/Mail Shield Root" and names["OU"] == "scanning"


@pytest.mark.parametrize("damage", [b"", b"\x30", b"\x30\x82\xff\xff\x30", b"not a certificate at all"])
def test_damaged_input_reads_as_no_issuer(damage):
    assert x509.issuer(damage) == {}


def test_truncated_root_reads_as_no_issuer_or_its_prefix():
    """A certificate cut short never raises; what it returns is a subset of the real issuer."""
    der = ROOTS[0]
    full = _expected(der)
    for cut in range(0, len(der), 7):
        names = x509.issuer(der[:cut])
        assert all(full.get(k) == v or full.get(k, "").startswith(v) for k, v in names.items()), cut


def test_describe():
    assert x509.describe({"CN": "Root", "O": "Company", "OU": "Company"}) == "Root, Company"
    assert x509.describe({}) == "an unknown issuer"
