"""One question to the player, whatever shows it: a headline, a few lines, the details behind a "Details" button,
and the buttons, named by what they do. Enter and the timeout agree: the focused button is `default`, which is
"Launch anyway" for a warning and "Cancel" for an error; Escape, closing the window or a dialog that died is
`safe` (Cancel)."""

from __future__ import annotations

from dataclasses import dataclass

LAUNCH, CANCEL, DETAILS, BACK = "Launch anyway", "Cancel", "Details", "Back"
SILENCE_PREFIX = "Don't warn about this for "
NAME_CHARS = 18  # of a name in a button's label: past it the label ends in "…" (the config gets the whole name)
LINE_CHARS = 60  # what a line of the narrowest dialog holds (KDE's message box wraps at 60 average characters)


def countdown(default: str, timeout: float) -> str:
    """The line that says what happens when nobody answers."""
    return f"No answer within {max(1, round(timeout)):g} s means \u201c{default}\u201d."


def shortened(text: str, chars: int) -> str:
    """`text` cut to `chars` characters at most, ending in "…" when it was cut."""
    return text if len(text) <= chars else text[:chars - 1].rstrip() + "\u2026"


def silence_label(name: str) -> str:
    """The label of the button that stops this warning for good for `name` (shortened, never cut mid-way
    without saying so)."""
    return SILENCE_PREFIX + shortened(name, NAME_CHARS)


def key_index(label: str) -> int:
    """Where the letter that presses a button with Alt is: L(aunch), C(ancel), D(etails), B(ack), and the w
    of "Don't warn"."""
    return SILENCE_PREFIX.index("warn") if label.startswith(SILENCE_PREFIX) else 0


def marked(label: str, marker: str) -> str:
    """The label with `marker` before its Alt letter and every `marker` of its own doubled (GTK's "_", Qt's
    and Windows' "&")."""
    index = key_index(label)
    double = marker * 2
    return label[:index].replace(marker, double) + marker + label[index:].replace(marker, double)


def unmarked(label: str, marker: str) -> str:
    """A label as `marked` wrote it, back as it was."""
    return label.replace(marker * 2, "\0").replace(marker, "").replace("\0", marker)


@dataclass(frozen=True)
class Question:
    """What one dialog asks. `headline` and `body` are the main text (plain text, each line made inert);
    `details` what the Details button shows; `silence` the label of the "Don't warn about this for …" button,
    "" when it is not offered (never for an error)."""

    title: str
    headline: str
    body: str
    details: str = ""
    default: str = LAUNCH
    silence: str = ""

    @property
    def safe(self) -> str:
        return CANCEL

    @property
    def choices(self) -> tuple[str, ...]:
        return (LAUNCH, CANCEL) + ((self.silence,) if self.silence else ())

    def below_headline(self, timeout: float) -> str:
        """The main text after the headline: the body, then the countdown."""
        return "\n\n".join(part for part in (self.body, countdown(self.default, timeout)) if part)

    def text(self, timeout: float) -> str:
        """The whole main text, for a dialog that cannot set the headline apart."""
        return "\n".join(part for part in (self.headline, self.below_headline(timeout)) if part)

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "headline": self.headline, "body": self.body, "details": self.details,
                "default": self.default, "silence": self.silence}


@dataclass(frozen=True)
class Answer:
    """The button that decided, and whether the player pressed it (False: the timeout, or no popup at all)."""

    choice: str
    by_player: bool = True

    def as_dict(self) -> dict[str, object]:
        return {"choice": self.choice, "by_player": self.by_player}
