"""No popup: `--ui console` (popups are off) and no display at all (none can be shown); the default answer is
taken and the console says which of the two it was."""

from tests.helpers.xserver import x_env


def test_console_mode_says_popups_are_off(cli, home, launch_env, display):
    """--ui console on a desktop: the default is taken because popups are off, not because none could be shown."""
    result = cli("check", "--ui", "console", env={**x_env(display), "INST_DIR": str(launch_env)},
                 cwd=launch_env / "minecraft")
    assert result.code == 0
    assert 'popups are off ("console" mode); taking the default answer: Launch anyway' in result.out
    assert "no popup could be shown" not in result.out


def test_console_fallback_without_display(cli, home, launch_env):
    result = cli("check", env={"DISPLAY": "", "WAYLAND_DISPLAY": "", "INST_DIR": str(launch_env)},
                 cwd=launch_env / "minecraft")
    assert result.code == 0  # a warning: the default, Launch anyway
    assert "no popup could be shown; taking the default answer: Launch anyway" in result.out
    titles = [line for line in result.out.splitlines() if "expired" in line and "  " not in line]
    assert len(titles) == 1, result.out  # each finding once
    assert "prelaunch: prelaunch:" not in result.out and "cancelled" not in result.out
