"""The documentation stays usable: the README is short and its first screen tells a player everything needed
to start and to stop; CI still finds its test command; every relative link in the README, CONTRIBUTING.md and
docs/ leads to a file (and a heading) that exists."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FIRST_SCREEN = 40  # lines: what a terminal or a repository page shows before the first scroll
MAX_README_BYTES = 15_000
TEST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"

LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~)")
CODE_SPAN = re.compile(r"`[^`\n]*`")


def documents() -> list[Path]:
    return [README, ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]


def outside_fences(text: str) -> list[str]:
    """The lines that are not in a fenced code block."""
    kept, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line.strip()):
            fenced = not fenced
        elif not fenced:
            kept.append(line)
    return kept


def prose(text: str) -> str:
    """The text without code blocks and code spans, where brackets are code, not links."""
    return "\n".join(CODE_SPAN.sub("", line) for line in outside_fences(text))


def links(text: str) -> list[str]:
    return [m.group("target") for m in LINK.finditer(prose(text))]


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    for line in outside_fences(path.read_text(encoding="utf-8")):
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        if heading:
            found.add(slug(heading.group(1)))
    return found


# --- the README ----------------------------------------------------------------------------------------------------

def test_the_readme_is_at_most_15_kb():
    assert len(README.read_bytes()) <= MAX_README_BYTES


def test_the_first_screen_holds_install_close_the_launcher_a_picture_and_uninstall():
    first = README.read_text(encoding="utf-8").splitlines()[:FIRST_SCREEN]
    code = [line.strip() for line in first]
    assert "python3 install.py" in code
    assert "python3 install.py --uninstall" in code
    assert any("close" in line.lower() and "launcher" in line.lower() for line in first)
    assert any("launch as usual" in line.lower() for line in first)
    pictures = [target for line in first for target in links(line) if target.endswith(".png")]
    assert pictures and all((ROOT / target).is_file() for target in pictures)


def test_ci_finds_the_test_command_under_development_near_the_end():
    """The same extraction as .ci/run, on the README as it is."""
    extract = ("grep -A2 '<!-- test-command' README.md | sed -n 's/^\\(python3 -m venv .*\\)$/\\1/p' | head -n1")
    assert extract in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    found = subprocess.run(["bash", "-c", extract], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert found.stdout.strip() == TEST_COMMAND
    lines = README.read_text(encoding="utf-8").splitlines()
    headings = [n for n, line in enumerate(lines) if line.startswith("## ")]
    development = lines.index("## Development")
    marker = next(n for n, line in enumerate(lines) if "<!-- test-command" in line)
    assert development in headings[-2:] and marker > development


# --- links ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("document", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(document):
    broken = []
    for target in links(document.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto: — not a file of the repository
            continue
        path, _, anchor = target.partition("#")
        file = (document.parent / path).resolve() if path else document
        if not file.exists():
            broken.append(target)
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(target)
    assert broken == []


def test_the_link_reader_finds_links_and_skips_code():
    text = "See [a](docs/a.md) and ![b](b.png).\n`[not](x.md)`\n```\n[no](y.md)\n```\n[c](#one-two)"
    assert links(text) == ["docs/a.md", "b.png", "#one-two"]
    assert slug("`[quiet]`: warnings kept out") == "quiet-warnings-kept-out"
    assert slug("prelaunch's own files") == "prelaunchs-own-files"
