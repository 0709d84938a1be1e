"""The launchers' readers and command splitters, as oracles: Qt's own QSettings and QProcess.splitCommand
(PySide6), and reimplementations, written from the launchers' sources (file:line of Prism Launcher develop
9fe81ff5 and MultiMC develop d4247bf3), of what Qt does not provide: MultiMC's INI reader and writer, Prism's
old-format reader, Prism's load-then-save of a settings file, Prism's Commandline::splitArgs, MultiMC's
substitute-then-split, Prism's console line splitting, and the Modrinth App's older split(' ').

They are kept apart from prelaunch's own code on purpose: a test compares the two. How each Prism generation
turns a command into arguments is in tests/helpers/parsers_commands.py."""

from __future__ import annotations

import shlex
from pathlib import Path


def qprocess_split(command: str) -> list[str]:
    from PySide6.QtCore import QProcess

    return list(QProcess.splitCommand(command))


def prism_split_args(command: str, since_6069: bool = False) -> list[str]:
    """Commandline::splitArgs (Prism Commandline.cpp:47-84, MultiMC Commandline.cpp:28-74), after the
    `trimmed()` both launchers apply to the wrapper (Prism LauncherPartLaunch.cpp:132, MultiMC :114): only a
    space separates; "..." and '...' group; inside quotes a backslash escapes the next character and is
    dropped; outside quotes it is literal; an empty argument ("") is dropped. `since_6069`: Prism 12's, where
    inside quotes a backslash escapes only the quote that opened them or a backslash, and is kept before
    anything else (PR #6069; the rows of tests/Commandline_test.cpp @31e152c1)."""
    argv: list[str] = []
    current, inquotes, escape = "", "", False
    command = command.strip()
    for i, cchar in enumerate(command):
        if escape:
            current += cchar
            escape = False
        elif inquotes:
            if cchar == "\\" and (not since_6069 or command[i + 1:i + 2] in (inquotes, "\\")):
                escape = True
            elif cchar == inquotes:
                inquotes = ""
            else:
                current += cchar
        elif cchar == " ":
            if current:
                argv.append(current)
                current = ""
        elif cchar in "\"'":
            inquotes = cchar
        else:
            current += cchar
    if current:
        argv.append(current)
    return argv


def modrinth_old_split(command: str) -> list[str]:
    """Modrinth App 0.10.15 and older: split on every single space, no quoting."""
    return command.split(" ")


def modrinth_shlex(command: str) -> list[str]:
    return shlex.split(command)


SPLITTERS = {"QProcess::splitCommand": qprocess_split, "Commandline::splitArgs": prism_split_args,
             "POSIX shlex": modrinth_shlex}


# --- INI files ----------------------------------------------------------------------------------------------

_QT_TRIMMED = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
              "\u2028\u2029\u202f\u205f\u3000"


def multimc_unescape(orig: str) -> str:
    """INIFile::unescape (MultiMC INIFile.cpp:29-59; Prism INIFile.cpp:76-101 is the same)."""
    out, prev = "", ""
    for c in orig:
        if prev == "\\":
            out += {"n": "\n", "t": "\t", "#": "#"}.get(c, c)
            prev = ""
        elif c == "\\":
            prev = c
        else:
            out += c
            prev = ""
    return out


def multimc_read(text: str) -> dict[str, str]:
    """MultiMC's INIFile::loadFile (INIFile.cpp:117-150), line by line as written there."""
    result: dict[str, str] = {}
    for line_raw in text.removeprefix("\ufeff").split("\n"):
        line = line_raw
        comment_index = 0
        while True:
            comment_index = line.find("#", comment_index + 1)
            if comment_index == -1:
                break
            if comment_index > 0 and line[comment_index - 1] == "\\":
                continue
            line = line[:line_raw.find("#")].strip(_QT_TRIMMED)
        eq_pos = line.find("=")
        if eq_pos == -1:
            continue
        key = line[:eq_pos].strip(_QT_TRIMMED)
        result[key] = multimc_unescape(line[eq_pos + 1:].strip(_QT_TRIMMED))
    return result


def prism_unquote(value: str) -> str:
    """unquote (Prism INIFile.cpp:103-114)."""
    if any(c in value for c in ";=,") and value.endswith('"') and value.startswith('"'):
        return value[1:-1]
    return value


def prism_old_read(text: str) -> dict[str, str]:
    """parseOldFileFormat (Prism INIFile.cpp:116-150): MultiMC's lines, then unescape, then unquote."""
    return {key: prism_unquote(value) for key, value in multimc_read(text).items()}


def _qsettings(path: Path):
    from PySide6.QtCore import QSettings

    settings = QSettings(str(path), QSettings.Format.IniFormat)
    settings.setFallbacksEnabled(False)
    return settings


def _qt_string(value) -> str:
    """QVariant::toString of what PySide6 hands back for an INI value (a list, from an unquoted comma, is "")."""
    if isinstance(value, list):
        return value[0] if len(value) == 1 else ""
    return "" if value is None else str(value)


def prism_load(path: Path) -> dict[str, str]:
    """Prism's INIFile::loadFile (INIFile.cpp:152-188), with Qt's own QSettings for the QSettings parts: the
    values Prism holds in memory after loading this file (ConfigVersion becomes 1.2 there)."""
    settings = _qsettings(path)
    version = settings.value("ConfigVersion")
    if version is None:
        values = prism_old_read(path.read_bytes().decode("utf-8", "replace"))
    elif _qt_string(version) == "1.1":
        values = {key: prism_unquote(_qt_string(settings.value(key))) for key in settings.allKeys()}
    else:
        values = {key: _qt_string(settings.value(key)) for key in settings.allKeys()}
    if version is None or _qt_string(version) == "1.1":
        values["ConfigVersion"] = "1.2"
    return values


def prism_resave(path: Path) -> None:
    """What Prism's next save makes of the file: load it, clear it, write every value back through QSettings
    with ConfigVersion (INIFile.cpp:50-74)."""
    values = prism_load(path)
    settings = _qsettings(path)
    settings.clear()
    for key, value in values.items():
        settings.setValue(key, value)
    settings.sync()


def qsettings_read(path: Path) -> dict[str, str]:
    settings = _qsettings(path)
    return {key: _qt_string(settings.value(key)) for key in settings.allKeys()}


def multimc_escape(orig: str) -> str:
    """INIFile::escape (MultiMC INIFile.cpp:61-78)."""
    return "".join({"\n": "\\n", "\t": "\\t", "\\": "\\\\", "#": "\\#"}.get(c, c) for c in orig)


def multimc_resave(path: Path) -> None:
    """What MultiMC's next save makes of the file: every value it read, sorted by key (a QMap), one
    `key=value` line each, escaped (INIFile.cpp:80-104)."""
    values = multimc_read(path.read_bytes().decode("utf-8", "replace"))
    path.write_bytes("".join(f"{key}={multimc_escape(values[key])}\n" for key in sorted(values)).encode())


# --- commands -----------------------------------------------------------------------------------------------

def multimc_prelaunch_argv(command: str, variables: dict[str, str], env: dict[str, str]) -> list[str]:
    """MultiMC's pre-launch command: `$KEY` replaced in the whole string, the instance's variables first, then
    the system environment, each in key order (LaunchTask.cpp:265-279), then QProcess::start(QString), which
    splits like QProcess::splitCommand (PreLaunchCommand.cpp:31-33)."""
    for mapping in (variables, env):
        for key in sorted(mapping):
            command = command.replace("$" + key, mapping[key])
    return qprocess_split(command)


def prism_prelaunch_argv(command: str, env: dict[str, str]) -> list[str]:
    """Prism 9's pre-launch command with Qt 5.15 or newer: QProcess::splitCommand, then `$KEY` replaced in each
    argument, in the environment's key order (PreLaunchCommand.cpp:51-57, LaunchTask.cpp:257-264)."""
    args = qprocess_split(command)
    for key in sorted(env):
        args = [arg.replace("$" + key, env[key]) for arg in args]
    return args


def prism_console(data: bytes) -> tuple[list[str], str]:
    """(lines Prism's console shows, the part it holds back) of a process's whole output: carriage returns
    dropped, split on line feeds, the piece after the last line feed kept back until more comes
    (LoggedProcess.cpp:60-73) — and at exit it never comes."""
    lines = data.decode("utf-8", "replace").replace("\r", "").split("\n")
    return lines[:-1], lines[-1]


# --- dialog programs ----------------------------------------------------------------------------------------

def kdialog_parse_string(argument: str) -> str:
    """kdialog's reading of a dialog text (Utils::parseString, KDE kdialog src/utils.cpp:46-75, v22.12.3):
    `\\\\` is one backslash, `\\n` a line break; any other backslash stays as written (with a warning)."""
    out, escaped = "", False
    for character in argument:
        if escaped:
            escaped = False
            out += {"\\": "\\", "n": "\n"}.get(character, "\\" + character)
        elif character == "\\":
            escaped = True
        else:
            out += character
    return out + ("\\" if escaped else "")


def qt_label_text(text: str) -> str:
    """What a Qt label shows of `text` (textFormat AutoText, as KMessageBox's and KPassivePopup's labels have):
    Qt's own guess (Qt::mightBeRichText), then Qt's own HTML reader."""
    from PySide6.QtGui import Qt, QTextDocument

    if not Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def markup_text(markup: str) -> tuple[str, int]:
    """(the text, the number of elements) of a notification body's markup, read as the XML it is a subset of
    (GLib's GMarkup, which Pango uses, reads the same entities and elements)."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(f"<markup>{markup}</markup>")
    return "".join(root.itertext()), sum(1 for _ in root.iter()) - 1
