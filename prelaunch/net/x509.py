"""The issuer of a DER certificate, read without verifying it: enough to name who signed a certificate that
the TLS handshake refused (an antivirus or a company proxy intercepting HTTPS)."""

from __future__ import annotations

_NAMES = {"2.5.4.3": "CN", "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.6": "C"}


def _read(data: bytes, pos: int) -> tuple[int, int, int]:
    """(tag, start of content, end of content) of the DER element at pos."""
    tag = data[pos]
    length = data[pos + 1]
    pos += 2
    if length & 0x80:
        count = length & 0x7F
        length = int.from_bytes(data[pos:pos + count], "big")
        pos += count
    return tag, pos, pos + length


def _children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    found = []
    while start < end:
        element = _read(data, start)
        found.append(element)
        start = element[2]
    return found


def _oid(raw: bytes) -> str:
    parts = [raw[0] // 40, raw[0] % 40]
    value = 0
    for byte in raw[1:]:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(value)
            value = 0
    return ".".join(map(str, parts))


def _text(tag: int, raw: bytes) -> str:
    if tag == 0x1E:  # BMPString
        return raw.decode("utf-16-be", "replace")
    return raw.decode("utf-8" if tag == 0x0C else "latin-1", "replace")


def issuer(der: bytes) -> dict[str, str]:
    """{"CN": …, "O": …, "OU": …} of the certificate's issuer; empty when it cannot be read."""
    try:
        _, start, end = _read(der, 0)                      # Certificate
        _, start, end = _children(der, start, end)[0]      # tbsCertificate
        fields = _children(der, start, end)
        if fields[0][0] == 0xA0:                           # [0] version is optional
            fields = fields[1:]
        _, start, end = fields[2]                          # serial, signature algorithm, issuer
        names: dict[str, str] = {}
        for _, set_start, set_end in _children(der, start, end):
            for _, seq_start, seq_end in _children(der, set_start, set_end):
                (_, oid_start, oid_end), (tag, value_start, value_end) = _children(der, seq_start, seq_end)[:2]
                key = _NAMES.get(_oid(der[oid_start:oid_end]))
                if key:
                    names[key] = _text(tag, der[value_start:value_end])
        return names
    except (IndexError, ValueError):
        return {}


def describe(names: dict[str, str]) -> str:
    """'CN, O' of an issuer for a sentence."""
    parts = [names[k] for k in ("CN", "O", "OU") if names.get(k)]
    return ", ".join(dict.fromkeys(parts)) or "an unknown issuer"
