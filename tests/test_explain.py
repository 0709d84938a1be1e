"""`prelaunch explain` against the article players read and the error table of auth.md §5."""

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
    ("Invalid Token", "invalid_token", "client"),
    ("[Yggdrasil Key Fetcher/ERROR]: Failed to request yggdrasil public key", "servers_unreachable", "client"),
    ("Failed to fetch user properties", "fetch_user_properties", "client"),
    ("[21:00:05] [Render thread/ERROR]: Failed to verify authentication", "fetch_user_properties", "client"),
    ("[21:14:03] [Worker-Main-7/ERROR]: Failed to retrieve profile key pair", "key_pair_refused", "client"),
    ("Login failed. Unable to authenticate with Xbox live.", "xbox_live", "account"),
    ("login failed: unable to authenticate with xbox-live", "xbox_live", "account"),
    ("TLauncher: Failed to log in: Invalid session", "cracked_launcher", "account"),
    ("I deleted minecraft_auth.json and it still won't log in", "modrinth_auth_file", "client"),
]


@pytest.mark.parametrize("text,key,side", CASES)
def test_each_message_is_recognised(text, key, side):
    found = explain.find(text)
    assert found is not None and found.key == key and found.side == side
    assert found.fixes


def _all(key: str) -> str:
    found = next(e for e in explain.EXPLANATIONS if e.key == key)
    return " ".join((found.meaning, found.why, *found.fixes))


def test_invalid_session_steps_follow_the_article_in_order():
    fixes = next(e for e in explain.EXPLANATIONS if e.key == "invalid_session").fixes
    marks = ["Quit Minecraft completely", "close the launcher itself", "sign out of the Microsoft account",
             "only one game runs on this account", "xbox.com and minecraft.net", "sign-in is down",
             "time zone to update automatically"]
    positions = [next(i for i, fix in enumerate(fixes) if mark in fix) for mark in marks]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert "VPN" in fixes[-1] and "antivirus" in fixes[-1]


def test_invalid_session_names_a_renewal_while_playing():
    """A launcher that renews the account while its game runs ends that game's session (auth.md section 12)."""
    why = next(e for e in explain.EXPLANATIONS if e.key == "invalid_session").why
    for cause in ("renewed the account's sign-in while the game was running", "Refresh", "another launcher",
                  "another computer"):
        assert cause in why
    late = next(e for e in explain.EXPLANATIONS if e.key == "key_pair_refused")
    assert "renewed the account while the game ran" in late.why and late.fixes == explain.STALE_SIGN_IN


@pytest.mark.parametrize("key", ["bad_login", "xbox_live"])
def test_bad_login_and_xbox_live_start_with_signing_out(key):
    fixes = next(e for e in explain.EXPLANATIONS if e.key == key).fixes
    assert "sign out of the Microsoft account" in fixes[0] and "restart" not in fixes[0].lower().split(":")[0]
    assert "one-time e-mail codes" in _all(key) and "real password" in _all(key)


def test_bad_login_says_both_the_practical_and_the_historical_meaning():
    text = _all("bad_login")
    assert "same family" in text and "2013" in text
    fixes = next(e for e in explain.EXPLANATIONS if e.key == "bad_login").fixes
    assert "2013" in fixes[-1] and "2013" not in fixes[0]


def test_failed_to_verify_username_is_the_servers_side():
    text = _all("unverified_username")
    for cause in ("outage", "online-mode", "cracked", "BungeeCord", "Velocity"):
        assert cause in text
    fixes = next(e for e in explain.EXPLANATIONS if e.key == "unverified_username").fixes
    assert not any("restart" in fix.lower() for fix in fixes)
    assert "does not change" in text


def test_cracked_launchers_get_no_stale_token_steps():
    found = explain.find("TLauncher Invalid session")
    assert found.key == "cracked_launcher"
    assert not set(found.fixes) & set(explain.STALE_SIGN_IN)
    assert not any("restart" in fix.lower() for fix in found.fixes)


def test_version_errors_are_not_sign_in_problems():
    assert "not a sign-in problem" in _all("version_mismatch")


def test_unknown_text_points_to_doctor(cli):
    result = cli("explain", "my cat ate the router")
    assert result.code == 1
    assert "does not know" in result.out and "prelaunch doctor" in result.out


def test_explain_prints_fixes_in_order(cli):
    result = cli("explain", "Failed to log in: Invalid session (Try restarting your game and the launcher)")
    assert result.code == 0
    assert "Whose side: client" in result.out
    assert result.out.index("  1. ") < result.out.index("  2. ")
