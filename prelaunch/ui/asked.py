"""Asked once: a warning the player answered "Launch anyway" to (pressed, not the timeout) is not asked again for
a while (`[ui] ask_again_hours`) about the same account (or, without one, instance) in the same situation:
the same offline account, the same missing internet, the same intercepting program, the same expiring
sign-in. It stays in the console.

The answers are kept in prelaunch's state dir (`asked.json`, owner-only, replaced whole under a lock, read with
a bound): per answer a digest of (finding kind, account or instance, situation) and when it was given; never a
token, and no name in clear."""

from __future__ import annotations

import hashlib
import json
import os
import time

from prelaunch import fileio, paths
from prelaunch.model import Finding

KEPT = 256  # answers kept at most; the oldest go first
WRITER_WAIT_S = 2.0


def _path() -> str:
    return os.path.join(paths.state_dir(), "asked.json")


def key(finding: Finding, subject: str) -> str:
    """What an answer is about: the kind of finding, whose (account or instance) and its situation."""
    about = json.dumps([finding.check, subject, finding.situation or finding.title])
    return hashlib.sha256(about.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _load() -> dict[str, float]:
    """The answers kept; none when the file is missing, not a regular file, too large or damaged."""
    try:
        doc = json.loads(fileio.read(_path(), fileio.STATE_FILE, follow_symlinks=False))
    except (OSError, ValueError, RecursionError):
        return {}
    answers = doc.get("answers") if isinstance(doc, dict) else None
    if not isinstance(answers, dict):
        return {}
    return {k: float(v) for k, v in answers.items()
            if isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool)}


def answered(findings: list[Finding], subject: str, hours: float, now: float | None = None
             ) -> dict[int, float]:
    """For each finding (by its index) answered "Launch anyway" within the last `hours`: when."""
    if hours <= 0:
        return {}
    now = time.time() if now is None else now
    kept = _load()
    found = {}
    for index, finding in enumerate(findings):
        at = kept.get(key(finding, subject))
        if finding.severity == "warning" and at is not None and 0 <= now - at <= hours * 3600:
            found[index] = at
    return found


def remember(findings: list[Finding], subject: str, hours: float, now: float | None = None) -> None:
    """Keep the answer "Launch anyway" to these findings (warnings only); an answer that cannot be kept means
    the question comes again, which is safe."""
    warnings = [f for f in findings if f.severity == "warning"]
    if hours <= 0 or not warnings:
        return
    import filelock

    now = time.time() if now is None else now
    path = _path()
    try:
        paths.private_dir(os.path.dirname(path))
        with filelock.FileLock(f"{path}.lock", timeout=WRITER_WAIT_S, mode=paths.PRIVATE_FILE):
            kept = {k: at for k, at in _load().items() if 0 <= now - at <= hours * 3600}
            for finding in warnings:
                kept.pop(key(finding, subject), None)  # the latest last, so the oldest go first
                kept[key(finding, subject)] = now
            doc = {"version": 1, "answers": dict(list(kept.items())[-KEPT:])}
            fileio.write(path, json.dumps(doc).encode())
    except OSError:
        pass
