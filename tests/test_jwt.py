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
