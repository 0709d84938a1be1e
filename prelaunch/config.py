"""The TOML configuration: every threshold and endpoint, with defaults; a bad key is named and ignored, and a
file that is not valid TOML keeps the parts of it that are (see `_parse_pieces`)."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass

from prelaunch import fileio, paths

DEFAULT_ENDPOINTS = (
    "https://sessionserver.mojang.com/session/minecraft/hasJoined?username=prelaunch&serverId=prelaunch-probe",
    "https://api.minecraftservices.com/publickeys",
    "https://login.live.com/",
    "https://user.auth.xboxlive.com/",
    "https://xsts.auth.xboxlive.com/",
)


class Section:
    """A config table: class attributes are the defaults; `choices` limits string keys to some values, `ranges`
    gives every number its (lowest, highest, unit)."""

    choices: dict[str, tuple[str, ...]] = {}
    ranges: dict[str, tuple[float, float, str]] = {}

    def __init__(self) -> None:
        for key, value in self.defaults().items():
            setattr(self, key, list(value) if isinstance(value, (list, tuple))
                    else dict(value) if isinstance(value, dict) else value)

    @classmethod
    def defaults(cls) -> dict[str, object]:
        found: dict[str, object] = {}
        for klass in reversed([k for k in cls.__mro__ if issubclass(k, Section)]):
            found.update({k: v for k, v in vars(klass).items()
                          if not k.startswith("_") and k not in ("choices", "ranges") and not callable(v)
                          and not isinstance(v, classmethod)})
        return found


class UiConfig(Section):
    mode = "auto"
    backend = "auto"
    timeout = 60.0
    ask_again_hours = 24.0  # a warning answered "Launch anyway" is not asked again for this long (0: always)
    choices = {"mode": ("auto", "gui", "console", "none"),
               "backend": ("auto", "zenity", "kdialog", "tk", "notify-send", "windows", "windows-box", "macos")}
    ranges = {"timeout": (1.0, 3600.0, "seconds"),  # a popup nobody answers takes its default by then
              "ask_again_hours": (0.0, 720.0, "hours")}  # up to 30 days


class TokenConfig(Section):
    horizon_hours = 2.0
    lifetime_hours = 24.0
    ranges = {"horizon_hours": (0.0, 24.0, "hours"),  # a Minecraft token lives 24 h
              "lifetime_hours": (0.001, 168.0, "hours")}  # from 3.6 s to a week


class SessionConfig(Section):
    """`on_account_in_use`: what a second launch of a playing account does; `wake_seconds`: the longest the
    watchdog of a running game sleeps before it reads the wall clock and the sign-in again (how late the expiry
    notice may come after the computer slept, and a renewal's notice)."""

    on_account_in_use = "ask"
    wake_seconds = 15.0
    choices = {"on_account_in_use": ("ask", "block", "warn")}
    ranges = {"wake_seconds": (1.0, 60.0, "seconds")}  # the promise: told within a minute


class NetworkConfig(Section):
    enabled = True
    endpoints = DEFAULT_ENDPOINTS
    control = "https://www.msftconnecttest.com/connecttest.txt"
    timeout = 2.5
    deadline = 3.0
    ca_bundle = ""
    cache_minutes = 10.0
    hosts_file = ""
    ranges = {"timeout": (0.1, 30.0, "seconds"),
              "deadline": (0.1, 30.0, "seconds"),  # the most a launch may wait on the network
              "cache_minutes": (0.0, 1440.0, "minutes")}


class ClockConfig(Section):
    threshold_seconds = 120.0
    ranges = {"threshold_seconds": (1.0, 86400.0, "seconds")}


class DevicesConfig(Section):
    """One account on several computers: `folder` is a folder the player's computers sync (unset: off), `name`
    this computer as the others show it (unset: its host name), `stale_minutes` how long a game that stopped
    saying it runs still counts as running, `heartbeat_seconds` how often a running game says it runs."""

    folder = ""
    name = ""
    stale_minutes = 5.0
    heartbeat_seconds = 60.0  # how often a running game's lease is renewed
    ranges = {"stale_minutes": (1.0, 60.0, "minutes"),  # a heartbeat every minute, plus the sync engine's delay
              "heartbeat_seconds": (1.0, 60.0, "seconds")}


QUIET_KINDS = ("token", "network", "clock", "context")  # finding kinds [quiet] may silence (never an error)


class QuietConfig(Section):
    """Warnings a player does not want at every launch: account name (or uuid) or instance name (or folder)
    → the kinds of finding not to pop up for it (they stay in the console)."""

    accounts: dict[str, list[str]] = {}
    instances: dict[str, list[str]] = {}


@dataclass(frozen=True)
class Unparsed:
    """A configuration file that is not valid TOML: where the parser stopped and why, and the parts left out
    (each "[header] (lines a–b)" or "lines a–b"); `whole`: nothing of the file is in effect."""

    path: str
    line: int
    reason: str
    left_out: tuple[str, ...]
    whole: bool


class Config:
    def __init__(self) -> None:
        self.ui = UiConfig()
        self.token = TokenConfig()
        self.session = SessionConfig()
        self.network = NetworkConfig()
        self.clock = ClockConfig()
        self.devices = DevicesConfig()
        self.quiet = QuietConfig()
        self.problems: list[str] = []  # one line per key that was not taken, or why the file was not read
        self.unparsed: Unparsed | None = None  # the file is not valid TOML
        self.path = ""  # the file read
        self.file_state = ""  # which version of it the problems are about (set only when there are some)

    def sections(self) -> dict[str, Section]:
        return {name: value for name, value in vars(self).items() if isinstance(value, Section)}


def parse_toml(text: str) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    return tomllib.loads(text)


_POSITION = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$")
_HEADER = re.compile(r"[ \t]*\[")  # a line that starts a table: [name] or [[name]]
PIECES_UP_TO = (32, 16 * 1024)  # pieces, characters: past either a broken file is left out whole (at most ~0.1 s)


def _parse_pieces(text: str) -> tuple[dict, list[str]]:
    """The settings of a file that is not valid TOML as a whole: the file is cut before every line that starts
    with '[' (a table header) and the pieces are taken in order, each one kept when the pieces kept so far and
    it still parse together (so TOML's own rules, a table declared twice included, decide), else left out.
    A piece keeps its meaning without the ones before it, as it starts with its table's header. Returns (the
    table, the parts left out). A '[' that starts a line inside a multi-line string or array also cuts; such
    a piece does not parse on its own, save when the string holds what reads as a whole table."""
    lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
    starts = [0] + [number for number, line in enumerate(lines) if number and _HEADER.match(line)]
    if len(starts) > PIECES_UP_TO[0] or len(text) > PIECES_UP_TO[1]:
        return {}, ["the whole file"]
    kept, table, left_out = "", {}, []
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        piece = "\n".join(lines[start:end]) + "\n"
        try:
            table = parse_toml(kept + piece)
        except ValueError:
            span = f"lines {start + 1}–{end}" if end > start + 1 else f"line {start + 1}"
            left_out.append(f"{lines[start].strip()[:60]} ({span})" if _HEADER.match(lines[start]) else span)
            continue
        kept += piece
    return table, left_out


def _unparsed(path: str, text: str, error: ValueError) -> tuple[dict, Unparsed]:
    """What can be kept of a file that is not valid TOML, and what to say about it."""
    message = str(error)
    found = _POSITION.search(message)
    line = int(found.group(1)) if found and found.group(1) else text.count("\n") + 1
    table, left_out = _parse_pieces(text)
    return table, Unparsed(path, line, message[:found.start()] if found else message, tuple(left_out),
                           whole=not table)


def _check_value(expected: object, choices: tuple[str, ...] | None, bounds: tuple[float, float, str] | None,
                 value: object) -> str | None:
    """Why value does not fit a field whose default is `expected`; None when it fits."""
    if isinstance(expected, bool):
        return None if isinstance(value, bool) else "must be true or false"
    if isinstance(expected, dict):
        return _check_quiet(value)
    if isinstance(expected, float):
        assert bounds is not None, "every number has a range"  # Section.ranges
        low, high, unit = bounds
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if number is not None and low <= number <= high:  # false for NaN too
            return None
        given = f"{number:g}" if number is not None else type(value).__name__
        return f"must be a number from {low:g} to {high:g} ({unit}), not {given}"
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
            reason = _check_value(default, section.choices.get(key), section.ranges.get(key), value)
            if reason:
                shown = f"{default:g}" if isinstance(default, float) else repr(default)
                config.problems.append(f"[{section_name}] {key} {reason}; using the default {shown}")
                continue
            setattr(section, key, float(value) if isinstance(default, float) else value)


def load(path: str | os.PathLike | None = None) -> Config:
    """Read the config file; a missing file means defaults, a bad one gives problems and defaults."""
    config = Config()
    path = config.path = os.fspath(path or paths.config_file())
    data = b""
    try:
        data = fileio.read(path, fileio.CONFIG_FILE)
        text = data.decode("utf-8")
        try:
            table = parse_toml(text)
        except ValueError as exc:
            table, config.unparsed = _unparsed(path, text, exc)
        _apply(config, table)
    except FileNotFoundError:
        return config
    except OSError as exc:
        config.problems.append(f"{path} was not read ({exc.strerror or type(exc).__name__}); using defaults")
    except UnicodeDecodeError:
        config.problems.append(f"{path} is not UTF-8 text; using defaults")
    except RecursionError:
        config.problems.append(f"{path} is nested too deeply to read; using defaults")
    if config.problems or config.unparsed:
        config.file_state = _state(path, data)
    return config


def _state(path: str, data: bytes) -> str:
    """This version of the file: its time and content (an edit that keeps the time shows in the content, a
    save of the same content in the time)."""
    import hashlib

    try:
        changed = os.stat(path).st_mtime_ns
    except OSError:
        changed = 0
    return f"{changed}:{hashlib.sha256(data).hexdigest()}"
