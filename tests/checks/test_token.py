import time
from pathlib import Path

from prelaunch.checks import token
from prelaunch.config import Config
from prelaunch.model import AccountInfo, LaunchContext, LauncherInfo

NOW = 1_800_000_000.0


def ctx(kind="prism", storage="prismlauncher.cfg", **account) -> LaunchContext:
    fields = {"name": "Steve", "uuid": "0" * 32, "type": "msa", "token_expires_at": None}
    fields.update(account)
    return LaunchContext(launcher=LauncherInfo(kind, Path("/data"), storage), account=AccountInfo(**fields))


def only(findings):
    assert len(findings) == 1
    return findings[0]


def test_valid_token_is_ok():
    found = only(token.run(ctx(token_expires_at=NOW + 20 * 3600), Config(), NOW))
    assert found.severity == "ok" and "20 h" in found.title


def test_expired_token_warns_with_launcher_fixes():
    found = only(token.run(ctx(token_expires_at=NOW - 3 * 3600), Config(), NOW))
    assert found.severity == "warning" and "expired 3 h ago" in found.title
    assert "restart Prism Launcher" in found.fixes[0] and "remove the account" in found.fixes[1]


def test_a_stale_prism_token_says_what_to_do_not_how_prism_renews():
    """Which accounts Prism renews, and when, changed between versions (11.0.3 skips accounts in use): the
    finding says only what to do."""
    for expires in (NOW - 3 * 3600, NOW + 90 * 60):
        found = only(token.run(ctx(token_expires_at=expires), Config(), NOW))
        said = " ".join([found.detail, *found.fixes]).lower()
        assert not any(claim in said for claim in ("renews", "first launch", "12 hours", "offline")), said
        assert "restart Prism Launcher" in found.fixes[0] and "Accounts" in found.fixes[1]
        assert "sign in again" in found.fixes[1]


def test_soon_expiring_token_within_configurable_horizon():
    config = Config()
    found = only(token.run(ctx(token_expires_at=NOW + 90 * 60), config, NOW))
    assert found.severity == "warning" and "expires in 1 h 30 min" in found.title
    config.token.horizon_hours = 1
    assert only(token.run(ctx(token_expires_at=NOW + 90 * 60), config, NOW)).severity == "info"


def test_prism_under_twelve_hours_is_explained():
    found = only(token.run(ctx(token_expires_at=NOW + 5 * 3600), Config(), NOW))
    assert found.severity == "info" and "did not renew" in found.title


def test_offline_and_mojang_accounts():
    assert "Failed to verify username" in only(token.run(ctx(type="offline"), Config(), NOW)).detail
    assert only(token.run(ctx(type="mojang"), Config(), NOW)).severity == "warning"


def test_unknown_expiry_is_info():
    assert only(token.run(ctx(token_expires_at=None), Config(), NOW)).severity == "info"


def test_no_account():
    context = LaunchContext(launcher=LauncherInfo("prism", Path("/d"), "x"))
    assert only(token.run(context, Config(), NOW)).title == "No signed-in account found"
    assert token.run(LaunchContext(), Config(), NOW) == []


def test_fixes_per_launcher():
    assert "MultiMC" in token.refresh_fixes(ctx("multimc"))[0]
    legacy = token.refresh_fixes(ctx("modrinth", "json (0.7 and older)"))
    assert "Sign in again in the Modrinth App" in legacy[0] and "minecraft_auth.json" in legacy[1]
    assert "Modrinth App" in token.refresh_fixes(ctx("modrinth", "app.db (0.15+)"))[0]


def test_default_clock_is_now():
    assert only(token.run(ctx(token_expires_at=time.time() + 30 * 3600), Config())).severity == "ok"


# --- a clock found off: the token by the sign-in servers' time ------------------------------------------------

DAY = 86400


def test_a_clock_days_fast_does_not_call_a_valid_token_expired():
    """The clock is 3 days fast: by it the token ran out 1 day 23 h ago, by the servers it has 1 day 1 h left."""
    found = only(token.run(ctx(token_expires_at=NOW + 25 * 3600), Config(), NOW + 3 * DAY, clock_skew=3 * DAY))
    assert found.severity == "ok" and "valid for 1 day 1 h" in found.title, found
    assert found.detail == ("Judged by the sign-in servers' time: this computer's clock is 3 days fast, and by it "
                            "the sign-in looks expired 1 day 23 h ago.")


def test_a_clock_days_slow_does_not_call_an_expired_token_valid():
    found = only(token.run(ctx(token_expires_at=NOW - 3 * 3600), Config(), NOW - 3 * DAY, clock_skew=-3 * DAY))
    assert found.severity == "warning" and "expired 3 h ago" in found.title
    assert found.detail.endswith("this computer's clock is 3 days slow, and by it the sign-in looks valid for "
                                 "2 days 21 h.")
    assert found.fixes == token.refresh_fixes(ctx())


def test_what_the_clock_does_not_change_is_said_as_before():
    for account in ({"type": "offline"}, {"token_expires_at": None}):
        assert token.run(ctx(**account), Config(), NOW, clock_skew=3 * DAY) == token.run(ctx(**account), Config(), NOW)
    assert token.run(LaunchContext(), Config(), NOW, clock_skew=3 * DAY) == []


def test_check_says_the_clock_and_the_token_as_it_is(cli, home, certs, servers, tmp_path):
    """A real `check` whose wall clock is 3 days fast (libfaketime), against loopback sign-in servers: the clock
    is the problem it names, and the token (1 day 1 h left by the servers' time) is valid, not "expired"."""
    from tests.helpers.builders import prism_with_steve
    from tests.helpers.faketime import Clock

    server = servers(cert=certs.good())
    instance = prism_with_steve(home, "V", token_left_s=25 * 3600)
    (home / "prelaunch.toml").write_text(
        f'[network]\nendpoints = ["{server.url()}"]\ncontrol = ""\nca_bundle = "{certs.bundle}"\n'
        'deadline = 30\ntimeout = 15\n[ui]\nmode = "none"\n', encoding="utf-8")  # a busy machine is no failure
    clock = Clock(tmp_path)
    clock.move("+3d")
    result = cli("check", cwd=instance / "minecraft", env=clock.env())
    assert result.code == 0, result.out + result.err
    lines = result.out.splitlines()
    assert lines[0] == "!![Warning]!prelaunch: Your clock is 3 days fast", result.out
    assert "expired" not in result.out
    found = cli("check", "--json", cwd=instance / "minecraft", env=clock.env()).json()["findings"]
    token_finding = next(f for f in found if f["check"] == "token")
    assert token_finding["severity"] == "ok" and "valid for 1 day" in token_finding["title"]
    assert "3 days fast" in token_finding["detail"] and "looks expired 1 day 2" in token_finding["detail"]
