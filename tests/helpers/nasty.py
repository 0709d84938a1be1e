"""Values players and modpacks write into command settings, each breaking some naive format."""

from __future__ import annotations

NASTY = [
    "plain",
    "with spaces inside",
    " leading and trailing ",
    '"C:/Program Files/Python312/python.exe" C:/mchook/pre.py',
    "C:\\Users\\me\\x.py",
    "a;b",
    "a,b",
    "key=value",
    "# not a comment",
    "$INST_JAVA $INST_JAVA_ARGS",
    "it's",
    "Vanilla+ Überleben ✓ 日本語",
    "emoji 🎮 outside the BMP",
    "@starts with at",
    "tab\tand\nnewline",
    "\\x41 literal backslash x",
    "é9 hex digit after non-ASCII",
    "",
]
