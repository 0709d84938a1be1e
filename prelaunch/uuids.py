"""Profile UUIDs in one form: 32 lowercase hex digits, no dashes."""

from __future__ import annotations

_HEX = set("0123456789abcdef")


def normalise(value: object) -> str | None:
    """A profile UUID as 32 lowercase hex digits, or None when it is not one."""
    if not isinstance(value, str):
        return None
    text = value.replace("-", "").strip().lower()
    return text if len(text) == 32 and set(text) <= _HEX else None
