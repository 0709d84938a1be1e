"""Read the expiry of a Minecraft access token (a JWT) without verifying it; the token itself is never kept."""

from __future__ import annotations


def expiry(token: object) -> int | None:
    """The `exp` claim in epoch seconds, or None when the token is not a JWT or carries no expiry."""
    if not isinstance(token, str) or token.count(".") != 2:
        return None
    import base64
    import json

    payload = token.split(".")[1]
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        claims = json.loads(raw)
    except ValueError:  # binascii.Error is one
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    if isinstance(exp, bool) or not isinstance(exp, (int, float)):
        return None
    return int(exp)
