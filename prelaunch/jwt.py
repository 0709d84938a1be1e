"""Read the expiry of a Minecraft access token (a JWT) without verifying it; the token itself is never kept."""

from __future__ import annotations

import binascii
import json

_BASE64URL_TO_BASE64 = str.maketrans("-_", "+/")  # base64.urlsafe_b64decode's rule; base64 costs more to import


def expiry(token: object) -> int | None:
    """The `exp` claim in epoch seconds, or None when the token is not a JWT or carries no expiry."""
    if not isinstance(token, str) or token.count(".") != 2:
        return None
    payload = token.split(".")[1]
    try:
        padded = (payload + "=" * (-len(payload) % 4)).translate(_BASE64URL_TO_BASE64)
        claims = json.loads(binascii.a2b_base64(padded.encode("ascii")))
    except ValueError:  # binascii.Error, UnicodeError and JSONDecodeError are all ValueErrors
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    if isinstance(exp, bool) or not isinstance(exp, (int, float)):
        return None
    return int(exp)
