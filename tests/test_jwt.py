from prelaunch import jwt
from tests.builders import mint_jwt


def test_reads_exp_of_a_jwt():
    assert jwt.expiry(mint_jwt(exp=1_900_000_000)) == 1_900_000_000


def test_a_jwt_without_exp_has_no_expiry():
    assert jwt.expiry(mint_jwt(exp=None)) is None


def test_things_that_are_not_jwts():
    for value in ("0", "offline", "", "a.b", "a.b.c", "a.%%%.c", "x.bnVsbA.y", None, 42, "a.WyJleHAiXQ.c",
                  "a.eyJleHAiOiJzb29uIn0.c", "a.eyJleHAiOnRydWV9.c"):
        assert jwt.expiry(value) is None, value


def test_url_safe_alphabet_and_missing_padding():
    import base64
    import json

    claims = json.dumps({"exp": 1_900_000_001, "name": "??>>~~ÿþ"}).encode()
    payload = base64.urlsafe_b64encode(claims).decode().rstrip("=")
    assert "-" in payload or "_" in payload
    assert jwt.expiry(f"h.{payload}.s") == 1_900_000_001


def test_non_ascii_payload_is_no_jwt():
    assert jwt.expiry("a.é.c") is None


def test_damaged_payloads_are_no_expiry():
    """Decoding is bounded and fails safe: a payload nested past the parser's stack, one that is not UTF-8, one
    with a character outside base64's alphabet or a length no padding mends is no JWT, never an exception."""
    import base64

    def token(claims: bytes) -> str:
        return "h." + base64.urlsafe_b64encode(claims).decode().rstrip("=") + ".s"

    for claims in (b"[" * 100_000 + b"]" * 100_000, b'{"exp": 1900000000, "n": "\xff"}', b'{"exp": 19'):
        assert jwt.expiry(token(claims)) is None, claims[:20]
    payload = token(b'{"exp": 1900000000}').split(".")[1]
    assert jwt.expiry(f"h.{payload}.s") == 1_900_000_000
    for damaged in (payload[:-1] + "!", payload[:-1] + "é", payload[:-5], payload + "A"):
        assert jwt.expiry(f"h.{damaged}.s") is None, damaged
