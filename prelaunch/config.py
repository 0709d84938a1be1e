"""The TOML configuration: every threshold and endpoint, with defaults; a bad key is named and ignored."""

from __future__ import annotations

import os
import sys

from prelaunch import paths

DEFAULT_ENDPOINTS = (
    "https://sessionserver.mojang.com/session/minecraft/hasJoined?username=prelaunch&serverId=prelaunch-probe",
    "https://api.minecraftservices.com/publickeys",
    "https://login.live.com/",
    "https://user.auth.xboxlive.com/",
    "https://xsts.auth.xboxlive.com/",
)


class Section:
    """A config table: class attributes are the defaults; `choices` limits string keys to some values."""

    choices: dict[str, tuple[str, ...]] = {}

    def __init__(self) -> None:
        for key, value in self.defaults().items():
            setattr(self, key, list(value) if isinstance(value, (list, tuple))
                    else dict(value) if isinstance(value, dict) else value)

    @classmethod
    def defaults(cls) -> dict[str, object]:
        found: dict[str, object] = {}
        for klass in reversed([k for k in cls.__mro__ if issubclass(k, Section)]):
            found.update({k: v for k, v in vars(klass).items()
                          if not k.startswith("_") and k != "choices" and not callable(v)
                          and not isinstance(v, classmethod)})
        return found


class UiConfig(Section):
    mode = "auto"
    backend = "auto"
    timeout = 60.0
    choices = {"mode": ("auto", "gui", "console", "none"),
               "backend": ("auto", "zenity", "kdialog", "tk", "notify-send", "windows", "macos")}


class TokenConfig(Section):
    horizon_hours = 2.0
    lifetime_hours = 24.0


class SessionConfig(Section):
    on_account_in_use = "ask"
    choices = {"on_account_in_use": ("ask", "block", "warn")}


class NetworkConfig(Section):
    enabled = True
    endpoints = DEFAULT_ENDPOINTS
    control = "https://www.msftconnecttest.com/connecttest.txt"
    timeout = 2.5
    deadline = 3.0
    ca_bundle = ""
    cache_minutes = 10.0
    hosts_file = ""


class ClockConfig(Section):
    threshold_seconds = 120.0


QUIET_KINDS = ("token", "network", "clock", "context")  # finding kinds [quiet] may silence (never an error)


class QuietConfig(Section):
    """Warnings a player does not want at every launch: account name (or uuid) or instance name (or folder)
    → the kinds of finding not to pop up for it (they stay in the console)."""

    accounts: dict[str, list[str]] = {}
    instances: dict[str, list[str]] = {}


class Config:
    def __init__(self) -> None:
        self.ui = UiConfig()
        self.token = TokenConfig()
        self.session = SessionConfig()
        self.network = NetworkConfig()
        self.clock = ClockConfig()
        self.quiet = QuietConfig()
        self.problems: list[str] = []  # one line per key that was not taken

    def sections(self) -> dict[str, Section]:
        return {name: value for name, value in vars(self).items() if isinstance(value, Section)}


def _parse_toml(text: str) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    return tomllib.loads(text)


def _check_value(expected: object, choices: tuple | None, value: object) -> str | None:
    """Why value does not fit a field whose default is `expected`; None when it fits."""
    if isinstance(expected, bool):
        return None if isinstance(value, bool) else "must be true or false"
    if isinstance(expected, dict):
        return _check_quiet(value)
    if isinstance(expected, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "must be a number"
        return None if value >= 0 else "must not be negative"
    if isinstance(expected, (list, tuple)):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else "must be a list of strings"
    if not isinstance(value, str):
        return "must be a string"
    if choices and value not in choices:
        return "must be one of " + ", ".join(f'"{c}"' for c in choices)
    return None


def _check_quiet(value: object) -> str | None:
    """Why a [quiet] table does not fit (names → lists of finding kinds); None when it fits."""
    kinds = ", ".join(f'"{k}"' for k in QUIET_KINDS)
    if not isinstance(value, dict):
        return f"must be a table of names and lists of {kinds}"
    for name, listed in value.items():
        if not isinstance(listed, list) or any(k not in QUIET_KINDS for k in listed):
            return f"{name!r} must be a list of {kinds}"
    return None


def _apply(config: Config, table: dict) -> None:
    sections = config.sections()
    for section_name, section_value in table.items():
        section = sections.get(section_name)
        if section is None:
            config.problems.append(f"unknown section [{section_name}]")
            continue
        if not isinstance(section_value, dict):
            config.problems.append(f"[{section_name}] must be a table")
            continue
        defaults = section.defaults()
        for key, value in section_value.items():
            if key not in defaults:
                config.problems.append(f"unknown key [{section_name}] {key}")
                continue
            default = getattr(section, key)
            reason = _check_value(default, section.choices.get(key), value)
            if reason:
                config.problems.append(f"[{section_name}] {key} {reason}; using the default {default!r}")
                continue
            setattr(section, key, float(value) if isinstance(default, float) else value)


def load(path: str | None = None) -> Config:
    """Read the config file; a missing file means defaults, a bad one gives problems and defaults."""
    config = Config()
    path = str(path or paths.config_file())
    try:
        stamp = _stamp(path)
        table = _cached_table(path, stamp)
        if table is None:
            with open(path, encoding="utf-8") as handle:
                table = _parse_toml(handle.read())
            _remember_table(path, stamp, table)
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError) as exc:
        config.problems.append(f"cannot read {path} ({type(exc).__name__}); using defaults")
        return config
    except ValueError as exc:
        config.problems.append(f"{path} is not valid TOML ({exc}); using defaults")
        return config
    _apply(config, table)
    return config


# The parsed file is remembered beside prelaunch's cache, keyed by the file's size and change time: importing
# a TOML parser costs more than the rest of a warm pre-launch check.

def _stamp(path: str) -> list:
    info = os.stat(path)
    return [os.path.abspath(path), info.st_size, info.st_mtime_ns]


def _table_cache() -> str:
    return os.path.join(paths.cache_dir(), "config.json")


def _cached_table(path: str, stamp: list) -> dict | None:
    import json

    try:
        with open(_table_cache(), "rb") as handle:
            data = json.loads(handle.read())
        return data["table"] if data.get("stamp") == stamp and isinstance(data.get("table"), dict) else None
    except (OSError, ValueError, KeyError, AttributeError):
        return None


def _remember_table(path: str, stamp: list, table: dict) -> None:
    import json

    from prelaunch import atomicfile

    try:
        document = json.dumps({"stamp": stamp, "table": table}).encode()
        os.makedirs(os.path.dirname(_table_cache()), exist_ok=True)
        atomicfile.write(_table_cache(), document)
    except (OSError, TypeError, ValueError):  # a table with dates or times is simply not remembered
        pass
