from pathlib import Path

from prelaunch import config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults(tmp_path):
    loaded = config.load(tmp_path / "absent.toml")
    assert loaded.problems == []
    assert loaded.token.horizon_hours == 2.0 and loaded.session.on_account_in_use == "ask"
    assert loaded.network.deadline == 3.0 and len(loaded.network.endpoints) == 5


def test_values_are_taken(tmp_path):
    loaded = config.load(write(tmp_path, '[token]\nhorizon_hours = 5\n[session]\non_account_in_use = "block"\n'
                                         '[network]\nendpoints = ["https://127.0.0.1:1/"]\n'))
    assert loaded.problems == []
    assert loaded.token.horizon_hours == 5.0
    assert loaded.session.on_account_in_use == "block"
    assert loaded.network.endpoints == ["https://127.0.0.1:1/"]


def test_bad_keys_are_named_and_defaults_kept(tmp_path):
    loaded = config.load(write(tmp_path, '[token]\nhorizon_hours = "soon"\ncolour = 3\n[session]\n'
                                         'on_account_in_use = "maybe"\n[nonsense]\na = 1\n[ui]\ntimeout = -1\n'))
    text = "\n".join(loaded.problems)
    assert "[token] horizon_hours must be a number" in text
    assert "unknown key [token] colour" in text
    assert '[session] on_account_in_use must be one of "ask", "block", "warn"' in text
    assert "unknown section [nonsense]" in text
    assert "[ui] timeout must be a number from 1 to 3600 (seconds), not -1; using the default 60" in text
    assert loaded.token.horizon_hours == 2.0 and loaded.session.on_account_in_use == "ask"


def test_invalid_toml_is_one_problem(tmp_path):
    loaded = config.load(write(tmp_path, "[token\nhorizon_hours = "))
    assert len(loaded.problems) == 1 and "not valid TOML" in loaded.problems[0]
    assert loaded.token.horizon_hours == 2.0


def test_config_path_comes_from_environment(home, monkeypatch):
    path = home / "elsewhere.toml"
    path.write_text("[clock]\nthreshold_seconds = 30\n", encoding="utf-8")
    monkeypatch.setenv("PRELAUNCH_CONFIG", str(path))
    assert config.load().clock.threshold_seconds == 30.0


def test_bad_config_is_reported_by_check(cli, home):
    (home / "prelaunch.toml").write_text('[token]\nhorizon_hours = "x"\n[network]\nenabled = false\n')
    result = cli("check", "--ui", "none")
    assert result.code == 0
    assert "[token] horizon_hours must be a number" in result.out
