"""What one probe of one endpoint found. Light to import: a remembered result is read without requests, ssl or
sockets."""

from __future__ import annotations

from typing import TypedDict
from urllib.parse import urlsplit

OUTCOMES_REACHABLE = ("ok", "rate-limited")
CERTIFICATE_OUTCOMES = ("tls-untrusted", "tls-expired", "tls-not-yet-valid", "tls-hostname")
OUTCOMES = (*OUTCOMES_REACHABLE, "server-error", "dns", "refused", "unreachable", "timeout", *CERTIFICATE_OUTCOMES,
            "tls-other", "protocol", "bad-url")


class ProbeRecord(TypedDict):
    """A probe as the cache keeps it (`Probe.as_dict`)."""

    url: str
    host: str
    outcome: str
    detail: str
    status: int | None
    elapsed_ms: float | None
    issuer: dict[str, str]
    date: str | None
    sent_at: float | None
    received_at: float | None
    system_trusted: bool | None


# field of a ProbeRecord: the types a value read back from the cache may have
_FIELDS: dict[str, tuple[type, ...]] = {
    "url": (str,), "host": (str,), "outcome": (str,), "detail": (str,), "status": (int, type(None)),
    "elapsed_ms": (int, float, type(None)), "issuer": (dict,), "date": (str, type(None)),
    "sent_at": (int, float, type(None)), "received_at": (int, float, type(None)),
    "system_trusted": (bool, type(None)),
}


def endpoint_host(url: str) -> str:
    """The host of an http(s) URL as the probe connects to it; "" for anything else (its probe says so)."""
    try:
        parts = urlsplit(url)
        usable = parts.scheme in ("http", "https") and (parts.port is None or parts.port > 0)  # port: ValueError
    except ValueError:
        return ""
    return (parts.hostname or "") if usable else ""


class Probe:
    """What happened to one request.

    `outcome` is one of OUTCOMES. `detail` is the technical reason (for `doctor` and `--json`, not for a
    dialog). `issuer` names who signed the certificate the server presented (also when it was refused);
    `system_trusted` says whether this computer's own trust store accepts a chain that the game's roots
    refused (None: not asked). `sent_at`/`received_at` are wall-clock times around the answer, `date` its
    HTTP Date header: the clock check's material.
    """

    def __init__(self, url: str, host: str = "") -> None:
        self.url, self.host = url, host
        self.outcome, self.detail = "timeout", ""
        self.status: int | None = None
        self.elapsed_ms: float | None = None
        self.issuer: dict[str, str] = {}
        self.date: str | None = None
        self.sent_at: float | None = None
        self.received_at: float | None = None
        self.system_trusted: bool | None = None

    @property
    def reachable(self) -> bool:
        return self.outcome in OUTCOMES_REACHABLE

    @property
    def certificate_refused(self) -> bool:
        """The server answered with a certificate the game's Java refuses (not a connection failure)."""
        return self.outcome in CERTIFICATE_OUTCOMES

    def as_dict(self) -> ProbeRecord:
        return {"url": self.url, "host": self.host, "outcome": self.outcome, "detail": self.detail,
                "status": self.status, "elapsed_ms": self.elapsed_ms, "issuer": self.issuer, "date": self.date,
                "sent_at": self.sent_at, "received_at": self.received_at, "system_trusted": self.system_trusted}

    @classmethod
    def from_dict(cls, data: object) -> Probe:
        """The probe written by as_dict(); ValueError for anything else (a damaged cache is no cache)."""
        if not isinstance(data, dict) or not isinstance(data.get("url"), str):
            raise ValueError("not a probe")
        probe = cls(data["url"])
        for name, types in _FIELDS.items():
            value = data.get(name, getattr(probe, name))
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                raise ValueError(f"bad {name}")
            setattr(probe, name, value)
        if probe.outcome not in OUTCOMES or not all(isinstance(k, str) and isinstance(v, str)
                                                    for k, v in probe.issuer.items()):
            raise ValueError("bad outcome or issuer")
        return probe
