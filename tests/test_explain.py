import pytest

from prelaunch import known_errors as explain

CASES = [
    ("Failed to log in: Invalid session (Try restarting your game and the launcher)", "invalid_session", "client"),
    ("failed to login: invalid session (try restarting your game)", "invalid_session", "client"),
    ("[12:00:01] [Render thread/INFO]: Disconnected: FAILED TO LOG IN -- Invalid Session!!", "invalid_session",
     "client"),
    ("Failed to log in: The authentication servers are currently not reachable. Please try again.",
     "servers_unreachable", "client"),
    ("Failed to login: Multiplayer is disabled. Please check your Microsoft account settings.",
     "multiplayer_disabled", "account"),
    ("Failed to log in: You are banned from playing online", "banned", "account"),
    ("Failed to verify username!", "unverified_username", "server"),
    ("Username 'Steve' tried to join with an invalid session", "unverified_username", "server"),
    ("Authentication servers are down. Please try again later. Sorry!", "servers_down", "outage"),
    ("You logged in from another location", "duplicate_login", "server"),
    ("That name is already taken", "name_taken", "server"),
    ("Expired profile public key. Check that your system time is synchronized", "expired_public_key", "client"),
    ("Out-of-order chat packet received. Did your system time change?", "out_of_order_chat", "client"),
    ("Outdated client! Please use 1.21.1", "version_mismatch", "version"),
    ("Outdated server! I'm still on 1.8.9", "version_mismatch", "version"),
    ("Incompatible client! Please use 1.21.4", "version_mismatch", "version"),
    ("Failed to login: Bad login", "bad_login", "client"),
    ("Invalid token.", "invalid_token", "client"),
    ("[Yggdrasil Key Fetcher/ERROR]: Failed to request yggdrasil public key", "servers_unreachable", "client"),
    ("Failed to fetch user properties", "fetch_user_properties", "client"),
]


@pytest.mark.parametrize("text,key,side", CASES)
def test_each_message_is_recognised(text, key, side):
    found = explain.find(text)
    assert found is not None and found.key == key and found.side == side
    assert found.fixes


def test_unknown_text_points_to_doctor(cli):
    result = cli("explain", "my cat ate the router")
    assert result.code == 1
    assert "does not know" in result.out and "prelaunch doctor" in result.out


def test_explain_prints_fixes_in_order(cli):
    result = cli("explain", "Failed to log in: Invalid session (Try restarting your game and the launcher)")
    assert result.code == 0
    assert "Whose side: client" in result.out
    assert result.out.index("  1. ") < result.out.index("  2. ")
