"""The TOML configuration: every threshold and endpoint, with defaults; a bad key is named and ignored."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from prelaunch import paths

DEFAULT_ENDPOINTS = (
    "https://sessionserver.mojang.com/session/minecraft/hasJoined?username=prelaunch&serverId=prelaunch-probe",
    "https://api.minecraftservices.com/publickeys",
    "https://login.live.com/",
    "https://user.auth.xboxlive.com/",
    "https://xsts.auth.xboxlive.com/",
)


def _choices(*values: str) -> Any:
    return field(default=values[0], metadata={"choices": values})


@dataclass
class UiConfig:
    mode: str = _choices("auto", "gui", "console", "none")
    timeout: float = 60.0


@dataclass
class TokenConfig:
    horizon_hours: float = 2.0
    lifetime_hours: float = 24.0


@dataclass
class SessionConfig:
    on_account_in_use: str = _choices("ask", "block", "warn")


@dataclass
class NetworkConfig:
    enabled: bool = True
    endpoints: list = field(default_factory=lambda: list(DEFAULT_ENDPOINTS))
    control: str = "https://www.msftconnecttest.com/connecttest.txt"
    timeout: float = 2.5
    deadline: float = 3.0
    ca_bundle: str = ""
    cache_minutes: float = 10.0
    hosts_file: str = ""


@dataclass
class ClockConfig:
    threshold_seconds: float = 120.0


@dataclass
class Config:
    ui: UiConfig = field(default_factory=UiConfig)
    token: TokenConfig = field(default_factory=TokenConfig)
    session: SessionConfig = field(default_factory=SessionConfig)
    network: NetworkConfig = field(default_factory=NetworkConfig)
    clock: ClockConfig = field(default_factory=ClockConfig)
    problems: list = field(default_factory=list)  # one line per key that was not taken


def _parse_toml(text: str) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    return tomllib.loads(text)


def _check_value(expected: Any, choices: tuple | None, value: Any) -> str | None:
    """Why value does not fit a field whose default is `expected`; None when it fits."""
    if isinstance(expected, bool):
        return None if isinstance(value, bool) else "must be true or false"
    if isinstance(expected, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "must be a number"
        return None if value >= 0 else "must not be negative"
    if isinstance(expected, list):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else "must be a list of strings"
    if not isinstance(value, str):
        return "must be a string"
    if choices and value not in choices:
        return "must be one of " + ", ".join(f'"{c}"' for c in choices)
    return None


def _apply(config: Config, table: dict) -> None:
    for section_name, section_value in table.items():
        section = getattr(config, section_name, None) if section_name != "problems" else None
        if section is None:
            config.problems.append(f"unknown section [{section_name}]")
            continue
        if not isinstance(section_value, dict):
            config.problems.append(f"[{section_name}] must be a table")
            continue
        known = {f.name: f for f in fields(section)}
        for key, value in section_value.items():
            if key not in known:
                config.problems.append(f"unknown key [{section_name}] {key}")
                continue
            default = getattr(section, key)
            reason = _check_value(default, known[key].metadata.get("choices"), value)
            if reason:
                config.problems.append(f"[{section_name}] {key} {reason}; using the default {default!r}")
                continue
            setattr(section, key, float(value) if isinstance(default, float) else value)


def load(path: Path | None = None) -> Config:
    """Read the config file; a missing file means defaults, a bad one gives problems and defaults."""
    config = Config()
    path = path or paths.config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError) as exc:
        config.problems.append(f"cannot read {path} ({type(exc).__name__}); using defaults")
        return config
    try:
        table = _parse_toml(text)
    except ValueError as exc:
        config.problems.append(f"{path} is not valid TOML ({exc}); using defaults")
        return config
    _apply(config, table)
    return config
