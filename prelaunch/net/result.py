"""What one probe of one endpoint found; light to import, so a cached result costs no socket or ssl import."""

from __future__ import annotations

OUTCOMES_REACHABLE = ("ok", "rate-limited")


class Probe:
    """What happened to one request. `outcome` is one of: ok, rate-limited, server-error, dns, refused,
    unreachable, timeout, tls-untrusted, tls-expired, tls-not-yet-valid, tls-hostname, tls-other, protocol,
    bad-url. `phase` is where it stopped; `ms` holds each finished phase's duration."""

    def __init__(self, url: str, host: str = "") -> None:
        self.url, self.host = url, host
        self.outcome, self.phase, self.detail = "timeout", "dns", ""
        self.status: int | None = None
        self.ms: dict[str, float] = {}
        self.issuer: dict[str, str] = {}
        self.date: str | None = None
        self.sent_at: float | None = None  # wall clock when the request went out
        self.received_at: float | None = None  # wall clock when the response head arrived
        self.mozilla_trusted: bool | None = None  # None: not asked (a known issuer, or a configured CA bundle)

    @property
    def reachable(self) -> bool:
        return self.outcome in OUTCOMES_REACHABLE

    def as_dict(self) -> dict:
        return {"url": self.url, "host": self.host, "outcome": self.outcome, "phase": self.phase,
                "detail": self.detail, "status": self.status, "ms": self.ms, "issuer": self.issuer,
                "date": self.date, "sent_at": self.sent_at, "received_at": self.received_at,
                "mozilla_trusted": self.mozilla_trusted}

    @classmethod
    def from_dict(cls, data: dict) -> "Probe":
        probe = cls(data["url"], data.get("host", ""))
        for key in ("outcome", "phase", "detail", "status", "ms", "issuer", "date", "sent_at", "received_at",
                    "mozilla_trusted"):
            setattr(probe, key, data.get(key, getattr(probe, key)))
        return probe
