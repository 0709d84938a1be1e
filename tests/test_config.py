import os
from pathlib import Path

import pytest

from prelaunch import config
from tests.helpers.configs import BROKEN_QUIET


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


def test_invalid_toml_names_the_line_and_leaves_out_the_whole_file(tmp_path):
    path = write(tmp_path, '[session\non_account_in_use = "block"\n')
    loaded = config.load(path)
    assert loaded.unparsed == config.Unparsed(str(path), 1, "Expected ']' at the end of a table declaration",
                                              ("[session (lines 1–2)",), whole=True)
    assert loaded.problems == [] and loaded.session.on_account_in_use == "ask"


def test_the_parts_of_a_broken_file_that_parse_are_kept(tmp_path):
    """Only the table with the mistake is left out: block, the endpoints and the ui mode stay in effect."""
    loaded = config.load(write(tmp_path, BROKEN_QUIET))
    assert (loaded.unparsed.line, loaded.unparsed.left_out, loaded.unparsed.whole) == (
        7, ("[quiet.accounts] (lines 6–7)",), False)
    assert loaded.session.on_account_in_use == "block"
    assert loaded.network.endpoints == ["https://127.0.0.1:1/"] and loaded.ui.mode == "console"
    assert loaded.quiet.accounts == {} and loaded.problems == []


def test_kept_parts_still_follow_toml_rules(tmp_path):
    """A table declared twice: the second declaration is the mistake and is left out; keys of kept parts are
    still checked."""
    loaded = config.load(write(tmp_path, '[session]\non_account_in_use = "block"\n[token]\ncolour = 1\n'
                                         '[session]\non_account_in_use = "warn"\n'))
    assert (loaded.unparsed.line, loaded.unparsed.left_out) == (5, ("[session] (lines 5–6)",))
    assert "Cannot declare" in loaded.unparsed.reason
    assert loaded.session.on_account_in_use == "block" and loaded.problems == ["unknown key [token] colour"]


def test_a_header_inside_a_broken_multiline_string_is_not_taken(tmp_path):
    loaded = config.load(write(tmp_path, '[ui]\nbackend = """\n[session]\non_account_in_use = "warn"\n"""\n'
                                         '[token]\nhorizon_hours = \n'))
    assert loaded.unparsed.line == 7 and loaded.unparsed.whole
    assert loaded.session.on_account_in_use == "ask" and loaded.ui.backend == "auto"


def test_a_huge_broken_file_is_left_out_whole_and_quickly(tmp_path):
    """Past 32 pieces (or 16 KiB) a broken file is not cut up: every setting is off, said plainly."""
    import time

    text = "".join(f'[session]\non_account_in_use = "block"\n# {n}\n' for n in range(33)) + "x =\n"
    start = time.monotonic()
    loaded = config.load(write(tmp_path, text))
    assert time.monotonic() - start < 1.0
    assert loaded.unparsed.whole and loaded.unparsed.left_out == ("the whole file",)
    assert loaded.session.on_account_in_use == "ask"


def test_problems_carry_the_version_of_the_file(tmp_path):
    """The version a problem is about changes with the content (same time) and with a save (same content)."""
    path = write(tmp_path, "x = \n")
    first = config.load(path).file_state
    assert first and config.load(path).file_state == first
    before = os.stat(path)
    path.write_text("y = \n", encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    second = config.load(path).file_state
    assert second != first
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 10**9))
    assert config.load(path).file_state not in (first, second)
    assert config.load(write(tmp_path, "[clock]\nthreshold_seconds = 30\n")).file_state == ""


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


def number_keys() -> list[tuple[str, str, float, tuple[float, float, str]]]:
    """(section, key, default, range) of every number in the configuration."""
    found = []
    for name, section in config.Config().sections().items():
        for key, default in section.defaults().items():
            if isinstance(default, float):
                found.append((name, key, default, section.ranges.get(key)))
    return found


def test_every_number_has_a_range_that_holds_its_default():
    keys = number_keys()
    assert len(keys) == 11
    for name, key, default, bounds in keys:
        assert bounds is not None, f"[{name}] {key} has no range"
        low, high, unit = bounds
        assert low <= default <= high and unit


@pytest.mark.parametrize(("section", "key", "default", "bounds"), number_keys())
def test_numbers_at_their_bounds_are_taken(tmp_path, section, key, default, bounds):
    low, high, _unit = bounds
    for value in (low, high):
        loaded = config.load(write(tmp_path, f"[{section}]\n{key} = {value!r}\n"))
        assert loaded.problems == [] and getattr(getattr(loaded, section), key) == value


@pytest.mark.parametrize(("section", "key", "default", "bounds"), number_keys())
@pytest.mark.parametrize("written", ["below", "above", "1e10", "1e308", "inf", "-inf", "nan", "1e400",
                                     "9223372036854775807", '"3"', "true"])
def test_numbers_past_their_bounds_name_key_range_and_default(tmp_path, section, key, default, bounds, written):
    low, high, unit = bounds
    literal = {"below": repr(low - 0.5 if low > 0 else -0.001), "above": repr(high + 1)}.get(written, written)
    loaded = config.load(write(tmp_path, f"[{section}]\n{key} = {literal}\n"))
    assert len(loaded.problems) == 1
    problem = loaded.problems[0]
    assert problem.startswith(f"[{section}] {key} must be a number from {low:g} to {high:g} ({unit}), not ")
    assert problem.endswith(f"; using the default {default:g}")
    assert getattr(getattr(loaded, section), key) == default


def test_nan_is_refused_for_not_being_in_range_not_for_being_negative(tmp_path):
    loaded = config.load(write(tmp_path, "[network]\ndeadline = nan\n"))
    assert loaded.problems == ["[network] deadline must be a number from 0.1 to 30 (seconds), not nan; "
                               "using the default 3"]


def test_the_config_file_is_parsed_each_time_and_nothing_is_written(home, tmp_path):
    """No remembered copy of the parsed file: an edit counts at once (even one that keeps size and time),
    and loading writes nothing anywhere under HOME."""
    path = write(tmp_path, "[clock]\nthreshold_seconds = 30\n")
    before = os.stat(path)
    assert config.load(path).clock.threshold_seconds == 30.0
    path.write_text("[clock]\nthreshold_seconds = 40\n", encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert config.load(path).clock.threshold_seconds == 40.0
    assert sorted(p for p in home.rglob("*") if p.is_file() and p.name != "prelaunch.toml") == []


@pytest.mark.parametrize("fault", ["folder", "huge", "not utf-8", "nested"])
def test_a_config_file_that_cannot_be_taken_gives_defaults_and_says_why(tmp_path, fault):
    path = tmp_path / "config.toml"
    if fault == "folder":
        path.mkdir()
    elif fault == "huge":
        path.write_text("[clock]\nthreshold_seconds = 30\n" + "# padding\n" * 40000, encoding="utf-8")
    elif fault == "not utf-8":
        path.write_bytes(b"[clock]\nthreshold_seconds = 30 # \xff\n")
    else:
        path.write_text("a = " + "[" * 100000 + "]" * 100000 + "\n", encoding="utf-8")
    loaded = config.load(path)
    assert loaded.clock.threshold_seconds == 120.0
    expected = {"folder": f"{path} was not read (skipped: it is a folder, not a regular file); using defaults",
                "huge": f"{path} was not read (skipped: larger than 256 KiB, the most prelaunch reads of this "
                        "file); using defaults",
                "not utf-8": f"{path} is not UTF-8 text; using defaults",
                "nested": f"{path} is nested too deeply to read; using defaults"}[fault]
    assert loaded.problems == [expected]
