"""Names a modpack author (or anyone who names an instance or an account) could write to fool a player, and
the ways to give them to prelaunch the way launchers do."""

from __future__ import annotations

import re
import time
from pathlib import Path

from tests.helpers.builders import mint_jwt, prism_account, write_prism

# Qt rich text: a big green "All checks passed", the real warning shrunk to invisible grey (kdialog).
RICH = "Spoof<br><font size=7 color=green>All checks passed</font><br><font size=1 color=#ececec>"
# Pango markup, as a notification's body reads it.
PANGO = "Spoof <span foreground='green' size='xx-large' weight='bold'>All checks passed</span><span size='1'>"
# A fake all-good line in the launcher's console.
FAKE_LINE = "V\n!![Info]!prelaunch: all good (account, token, session)"
# The terminal: window title (OSC 0), colour (SGR), clipboard (OSC 52), a C1 CSI, a bidi override.
TERMINAL = "V\x1b]0;owned\x07\x1b[31mred\x1b]52;c;b3duZWQ=\x07\x9b2J\u202egnp.exe"
# Separators that Qt and Python break lines at, and the rest of the bidi controls.
SEPARATORS = "V\u2028!![Info]!x\u2029y\u2066z\u2069\r\t"
HOSTILE = (RICH, PANGO, FAKE_LINE, TERMINAL, SEPARATORS)
# How each is shown in a line of plain text (a console line, a dialog's text and title).
SHOWN = {RICH: RICH, PANGO: PANGO, FAKE_LINE: "V\\n!![Info]!prelaunch: all good (account, token, session)",
         TERMINAL: "V\\x1b]0;owned\\x07\\x1b[31mred\\x1b]52;c;b3duZWQ=\\x07\\x9b2J\\u202egnp.exe",
         SEPARATORS: "V\\u2028!![Info]!x\\u2029y\\u2066z\\u2069\\r\\t"}
# Text that is no control and must stay as it is.
FRIENDLY = ("Café 日本 ☕", "Zoë", "👨‍👩‍👧 family", "שלום עולם", "C:\\new\\tab")

FAKE_ALL_GOOD = "!![Info]!prelaunch: all good"
CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # \t aside


def raw_control(text: str) -> list[str]:
    """The control characters (but tabs) that reach an output as they are."""
    return CONTROL.findall(text)


def prism_instance_named(home: Path, name: str, account: str = "Steve", uuid: str = "",
                         token_left_s: float = -3600) -> Path:
    """A Prism Launcher instance whose name is `name`, written into instance.cfg by Qt's own QSettings (as
    Prism saves it), with `account` the default account; returns the instance folder."""
    from PySide6.QtCore import QSettings

    from tests.helpers.builders import FIXTURE_UUID

    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {}},
                           accounts=[prism_account(account, uuid or FIXTURE_UUID, mint_jwt(time.time() + token_left_s),
                                                   active=True)])
    inst = data_dir / "instances" / "v"
    (inst / "instance.cfg").unlink()
    settings = QSettings(str(inst / "instance.cfg"), QSettings.Format.IniFormat)
    settings.setValue("ConfigVersion", "1.2")
    settings.setValue("InstanceType", "OneSix")
    settings.setValue("name", name)
    settings.sync()
    return inst
