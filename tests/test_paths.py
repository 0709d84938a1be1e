"""prelaunch's own dirs are platformdirs' dirs (computed without importing it on Linux, for speed)."""

import platformdirs
import pytest

from prelaunch import paths


@pytest.mark.parametrize("xdg", [True, False])
def test_dirs_equal_platformdirs(home, monkeypatch, xdg):
    if not xdg:
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("PRELAUNCH_CONFIG")
    for ours, theirs in ((paths.state_dir(), platformdirs.user_state_dir), (paths.cache_dir(),
                         platformdirs.user_cache_dir), (paths.data_dir(), platformdirs.user_data_dir),
                         (paths.log_dir(), platformdirs.user_log_dir)):
        assert str(ours) == theirs("prelaunch", appauthor=False)
    assert str(paths.config_file()) == platformdirs.user_config_dir("prelaunch", appauthor=False) + "/config.toml"
