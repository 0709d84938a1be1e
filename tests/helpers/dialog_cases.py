"""Questions and names the dialog tests share: a warning and an error as a backend is given them, and names
that TOML must quote or escape."""

from prelaunch import ui
from prelaunch.ui.question import Question

WARNING = Question("Minecraft: Vanilla+ (Alex)", "The sign-in of 'Alex' expired 3 h ago",
                   "Online servers will refuse you.\nFirst: Restart the launcher.", "1. Restart.\n2. Sign in again.",
                   ui.LAUNCH, "Don't warn about this for Alex")
ERROR = Question("Minecraft: Vanilla+ (Alex)", "'Alex' is already playing in another game",
                 "A second launch logs that game out.\nFirst: Quit the other game.", "Process ID 42.", ui.CANCEL)

NAMES = ['Ste"ve', "back\\slash", 'both \\" and "\\', "line\nbreak", "tab\there", "Zoë", "\u2028", "a,]",
         "[quiet]", 'x = ["token"]', "'single'", "   ", "\x7f", "#hash"]
