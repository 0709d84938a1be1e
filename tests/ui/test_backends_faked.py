"""The Windows and macOS backends with their OS calls faked (they cannot run here), and the fall-through."""

import pytest

from prelaunch import ui
from prelaunch.ui import _run, macos, windows

CHOICES = (ui.LAUNCH, ui.CANCEL)
WINDOWS_ORDER = (ui.LAUNCH, ui.CANCEL)  # No (the safe one) on the right, where Windows puts it
MAC_ORDER = (ui.CANCEL, ui.LAUNCH)  # Cancel left of the default button, where macOS puts it


class FakeUser32:
    def __init__(self, result):
        self.result, self.calls = result, []

    def MessageBoxTimeoutW(self, hwnd, text, caption, flags, language, timeout_ms):
        self.calls.append((text, caption, flags, timeout_ms))
        return self.result


@pytest.mark.parametrize("result,default,expected", [
    (windows.IDYES, ui.CANCEL, ui.LAUNCH), (windows.IDNO, ui.LAUNCH, ui.CANCEL),
    (windows.IDTIMEOUT, ui.CANCEL, ui.CANCEL), (windows.IDTIMEOUT, ui.LAUNCH, ui.LAUNCH), (0, ui.LAUNCH, None),
    (3, ui.LAUNCH, ui.CANCEL)])
def test_windows_message_box(result, default, expected):
    """Yes/No/timeout map to the answers; 0 means the box never appeared; any other end is the safe answer."""
    user32 = FakeUser32(result)
    assert windows.ask("T", "Something is wrong", WINDOWS_ORDER, ui.CANCEL, default, 60, user32=user32) == expected
    text, caption, flags, timeout_ms = user32.calls[0]
    assert caption == "T" and "Something is wrong" in text and timeout_ms == 60000
    assert flags & windows.MB_TOPMOST and flags & windows.MB_SETFOREGROUND and flags & windows.MB_YESNO
    assert bool(flags & windows.MB_DEFBUTTON2) == (default == ui.CANCEL)


def test_windows_notification_is_bounded():
    user32 = FakeUser32(windows.IDTIMEOUT)
    assert windows.notify("T", "expired", 30, user32=user32)
    assert user32.calls[0][3] == 30000 and user32.calls[0][2] & windows.MB_TOPMOST


@pytest.mark.parametrize("code,out,err,expected", [
    (0, "button returned:Launch anyway, gave up:false\n", "", ui.LAUNCH),
    (1, "", "execution error: User canceled. (-128)\n", ui.CANCEL),
    (0, "button returned:, gave up:true\n", "", ui.LAUNCH),
    (None, "", "", ui.LAUNCH)])
def test_macos_dialog(monkeypatch, code, out, err, expected):
    seen = []
    monkeypatch.setattr(_run, "run", lambda argv, bound: seen.append((argv, bound)) or _run.Outcome(code, out, err))
    assert macos.ask('Say "hi"', "Steve is \\ playing", MAC_ORDER, ui.CANCEL, ui.LAUNCH, 45) == expected
    argv, bound = seen[0]
    script = argv[2]
    assert argv[:2] == ["osascript", "-e"] and bound == 45 + _run.GRACE_S
    assert 'with title "Say \\"hi\\""' in script and '"Steve is \\\\ playing"' in script
    assert 'buttons {"Cancel", "Launch anyway"} default button "Launch anyway"' in script
    assert script.endswith("giving up after 45")


def test_macos_dialog_that_cannot_show_falls_through(monkeypatch):
    monkeypatch.setattr(_run, "run", lambda argv, bound: _run.Outcome(1, "", "no window server"))
    assert macos.ask("T", "M", MAC_ORDER, ui.CANCEL, ui.LAUNCH, 5) is None
    monkeypatch.setattr(_run, "run", lambda argv, bound: None)
    assert macos.ask("T", "M", MAC_ORDER, ui.CANCEL, ui.LAUNCH, 5) is None


def test_macos_notification(monkeypatch):
    seen = []
    monkeypatch.setattr(_run, "run_output", lambda argv, timeout: seen.append(argv) or (0, ""))
    assert macos.notify("Expired", "quit and relaunch", 10)
    assert seen[0][2] == 'display notification "quit and relaunch" with title "Expired"'


class Broken:
    NAME = "broken"

    @staticmethod
    def ask(*args):
        raise RuntimeError("no display after all")

    @staticmethod
    def notify(*args):
        raise RuntimeError("no display after all")


class Answers:
    NAME = "answers"

    @staticmethod
    def ask(*args):
        return ui.CANCEL

    @staticmethod
    def notify(*args):
        return True


class NotShown:
    NAME = "not-shown"

    @staticmethod
    def ask(*args):
        return None

    @staticmethod
    def notify(*args):
        return False


def test_a_backend_that_could_not_show_falls_through_to_the_next(monkeypatch):
    monkeypatch.setattr(ui, "backends", lambda notifying=False, preferred="auto": [Broken, NotShown, Answers])
    assert ui.ask("T", "M", CHOICES, ui.LAUNCH, 5) == ui.CANCEL


def test_an_answer_ends_the_search(monkeypatch):
    """Once a dialog was shown its answer is final: the backends after it are never tried."""
    later = []

    class Later:
        NAME = "later"

        @staticmethod
        def ask(*args):
            later.append(args)
            return ui.LAUNCH

    monkeypatch.setattr(ui, "backends", lambda notifying=False, preferred="auto": [Answers, Later])
    assert ui.ask("T", "M", CHOICES, ui.LAUNCH, 5) == ui.CANCEL and later == []


def test_every_backend_failing_ends_in_the_console(monkeypatch, capsys):
    monkeypatch.setattr(ui, "backends", lambda notifying=False, preferred="auto": [Broken, NotShown])
    assert ui.ask("T", "M", CHOICES, ui.LAUNCH, 5) == ui.LAUNCH
    ui.notify("Expired", "relaunch")
    out = capsys.readouterr().out
    assert "taking the default answer: Launch anyway" in out and "Expired: relaunch" in out


def test_mode_none_shows_nothing(monkeypatch, capsys):
    monkeypatch.setattr(ui, "backends", lambda notifying=False, preferred="auto": [Answers])
    assert ui.ask("T", "M", CHOICES, ui.LAUNCH, 5, mode="none") == ui.LAUNCH
    assert capsys.readouterr().out == ""


def test_backend_order_per_platform(monkeypatch):
    """The candidate lists themselves, not filtered by what is installed here, so each assert can fail."""
    assert [b.NAME for b in ui.candidates(platform="win32")] == ["windows"]
    assert [b.NAME for b in ui.candidates(platform="darwin")] == ["macos"]
    assert [b.NAME for b in ui.candidates(platform="linux", display=True)] == ["zenity", "kdialog", "tk"]
    assert [b.NAME for b in ui.candidates(notifying=True, platform="linux", display=True)] == [
        "notify-send", "zenity", "kdialog", "tk"]
    assert ui.candidates(platform="linux", display=False) == []
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setattr(ui, "candidates", lambda notifying=False: [Answers, Broken])
    for backend in (Answers, Broken):
        monkeypatch.setattr(backend, "available", staticmethod(lambda: True), raising=False)
    assert [b.NAME for b in ui.backends(preferred="broken")] == ["broken", "answers"]


def test_buttons_in_one_order_per_platform():
    """The safe answer where the platform puts Cancel: left on Linux and macOS, right on Windows."""
    assert ui.screen_order(CHOICES, "linux") == (ui.CANCEL, ui.LAUNCH)
    assert ui.screen_order(CHOICES, "darwin") == (ui.CANCEL, ui.LAUNCH)
    assert ui.screen_order(CHOICES, "win32") == (ui.LAUNCH, ui.CANCEL)
