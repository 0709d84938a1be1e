"""Read the expiry of a Minecraft access token (a JWT) without verifying it; the token itself is never kept."""

from __future__ import annotations

import base64
import json
import math

_LATEST_S = 253402300799  # 9999-12-31T23:59:59Z: later "times" are not times (and overflow date arithmetic)


def epoch_seconds(value: object) -> int | None:
    """`value` as whole epoch seconds when it is a plausible time (a finite number from 1970 to year 9999),
    else None: NaN, infinities, 1e400, booleans, strings and negative numbers are no expiry."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return int(value) if 0 < value <= _LATEST_S else None


def expiry(token: object) -> int | None:
    """The `exp` claim in epoch seconds, or None when the token is not a JWT or carries no usable expiry."""
    if not isinstance(token, str) or token.count(".") != 2:
        return None
    payload = token.split(".")[1]
    try:  # a JWT leaves out base64's padding (RFC 7515 section 2)
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, RecursionError):  # binascii.Error, a non-ASCII payload, UnicodeDecodeError and
        return None  # JSONDecodeError are ValueErrors; a payload nested thousands deep exhausts the parser's stack
    return epoch_seconds(claims.get("exp")) if isinstance(claims, dict) else None
