import time
from pathlib import Path

from prelaunch.checks import token
from prelaunch.config import Config
from prelaunch.model import AccountInfo, LaunchContext, LauncherInfo

NOW = 1_800_000_000.0


def ctx(kind="prism", storage="prismlauncher.cfg", **account) -> LaunchContext:
    fields = {"name": "Steve", "uuid": "0" * 32, "type": "msa", "token_expires_at": None, "expiry_source": "jwt"}
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
    assert "minecraft_auth.json" in token.refresh_fixes(ctx("modrinth", "json (0.7 and older)"))[0]
    assert "Modrinth App" in token.refresh_fixes(ctx("modrinth", "app.db (0.15+)"))[0]


def test_default_clock_is_now():
    assert only(token.run(ctx(token_expires_at=time.time() + 30 * 3600), Config())).severity == "ok"
