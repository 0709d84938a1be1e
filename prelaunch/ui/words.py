"""The words a player reads (dialogs and console lines): plain words for the checks' technical terms, and only
this computer's steps. `doctor` and `--json` keep the checks' own words."""

from __future__ import annotations

import functools
import re
import sys

# (pattern, replacement): applied in order, case-insensitively where the term can start a sentence.
_PLAIN = (
    (re.compile(r"\bsession token\b"), "sign-in"),
    (re.compile(r"\bSession token\b"), "Sign-in"),
    (re.compile(r"\bthe control host\b"), "a site outside Minecraft"),
    (re.compile(r"\bcontrol host\b"), "site outside Minecraft"),
    (re.compile(r"\bMSA\b|\bmsa\b"), "Microsoft account"),
    (re.compile(r"\s*\(HTTP \d{3}\)"), ""),  # the status per host stays in doctor
    (re.compile(r"\bHTTP 5\d\d\b"), "a server error"),
    (re.compile(r"\bHTTP 429\b"), "too many requests"),
    (re.compile(r";?\s*\bms: [^;]*"), ""),  # per-phase times
    (re.compile(r";?\s*\bstopped at [a-z-]+:[^;]*"), ""),
)
_WINDOWS_ONLY = (re.compile(r"\s*\((?:java\.exe|javaw\.exe)(?: / javaw\.exe)?\)"), "")
_PLATFORMS = {"Windows": "win32", "macOS": "darwin", "Linux": "linux"}
_PLATFORM_STEP = re.compile(r"^(Windows|macOS|Linux):\s*")


def plain(text: str, platform: str | None = None) -> str:
    """`text` in a player's words."""
    return _plain(text, platform or sys.platform)


@functools.lru_cache(maxsize=512)  # a question reads each finding's texts several times (bullets, details)
def _plain(text: str, platform: str) -> str:
    for pattern, replacement in _PLAIN:
        text = pattern.sub(replacement, text)
    if not platform.startswith("win"):
        text = _WINDOWS_ONLY[0].sub(_WINDOWS_ONLY[1], text)
    return text


def for_this_os(step: str, platform: str | None = None) -> bool:
    """Whether a step is for this computer: one that starts "Windows:", "macOS:" or "Linux:" is for that OS."""
    match = _PLATFORM_STEP.match(step)
    return match is None or (platform or sys.platform).startswith(_PLATFORMS[match.group(1)])


def steps(fixes: tuple[str, ...] | list[str], platform: str | None = None) -> list[str]:
    """The fixes for this computer, in plain words, with the OS's own prefix dropped."""
    return [plain(_PLATFORM_STEP.sub("", fix), platform) for fix in fixes if for_this_os(fix, platform)]
