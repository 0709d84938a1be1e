"""The Windows and macOS backends with their OS calls faked (they cannot run here), and the fall-through."""

import pytest

from prelaunch import ui
from prelaunch.ui import _run, macos, windows

CHOICES = (ui.LAUNCH, ui.CANCEL)


class FakeUser32:
    def __init__(self, result):
        self.result, self.calls = result, []

    def MessageBoxTimeoutW(self, hwnd, text, caption, flags, language, timeout_ms):
        self.calls.append((text, caption, flags, timeout_ms))
        return self.result


@pytest.mark.parametrize("result,default,expected", [
    (windows.IDYES, ui.CANCEL, ui.LAUNCH), (windows.IDNO, ui.LAUNCH, ui.CANCEL),
    (windows.IDTIMEOUT, ui.CANCEL, ui.CANCEL), (windows.IDTIMEOUT, ui.LAUNCH, ui.LAUNCH), (0, ui.LAUNCH, None)])
def test_windows_message_box(result, default, expected):
    user32 = FakeUser32(result)
    assert windows.ask("T", "Something is wrong", CHOICES, default, 60, user32=user32) == expected
    text, caption, flags, timeout_ms = user32.calls[0]
    assert caption == "T" and "Something is wrong" in text and timeout_ms == 60000
    assert flags & windows.MB_TOPMOST and flags & windows.MB_SETFOREGROUND and flags & windows.MB_YESNO
    assert bool(flags & windows.MB_DEFBUTTON2) == (default == ui.CANCEL)


def test_windows_notification_is_bounded():
    user32 = FakeUser32(windows.IDTIMEOUT)
    assert windows.notify("T", "expired", 30, user32=user32)
    assert user32.calls[0][3] == 30000 and user32.calls[0][2] & windows.MB_TOPMOST


@pytest.mark.parametrize("out,expected", [
    ("button returned:Launch anyway, gave up:false\n", ui.LAUNCH),
    ("button returned:Cancel, gave up:false\n", ui.CANCEL),
    ("button returned:, gave up:true\n", ui.CANCEL)])
def test_macos_dialog(monkeypatch, out, expected):
    seen = []
    monkeypatch.setattr(_run, "run_output", lambda argv, timeout: seen.append((argv, timeout)) or (0, out))
    assert macos.ask('Say "hi"', "Steve is \\ playing", CHOICES, ui.CANCEL, 45) == expected
    argv, timeout = seen[0]
    script = argv[2]
    assert argv[:2] == ["osascript", "-e"] and timeout == 45
    assert 'with title "Say \\"hi\\""' in script and '"Steve is \\\\ playing"' in script
    assert 'buttons {"Launch anyway", "Cancel"} default button "Cancel"' in script
    assert script.endswith("giving up after 45")


def test_macos_dialog_that_cannot_show_falls_through(monkeypatch):
    monkeypatch.setattr(_run, "run_output", lambda argv, timeout: (1, ""))
    assert macos.ask("T", "M", CHOICES, ui.LAUNCH, 5) is None
    monkeypatch.setattr(_run, "run_output", lambda argv, timeout: None)
    assert macos.ask("T", "M", CHOICES, ui.LAUNCH, 5) is None


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


def test_a_failing_backend_falls_through_to_the_next(monkeypatch):
    monkeypatch.setattr(ui, "backends", lambda notifying=False, preferred="auto": [Broken, Answers])
    assert ui.ask("T", "M", CHOICES, ui.LAUNCH, 5) == ui.CANCEL


def test_every_backend_failing_ends_in_the_console(monkeypatch, capsys):
    monkeypatch.setattr(ui, "backends", lambda notifying=False, preferred="auto": [Broken])
    assert ui.ask("T", "M", CHOICES, ui.LAUNCH, 5) == ui.LAUNCH
    ui.notify("Expired", "relaunch")
    out = capsys.readouterr().out
    assert "taking the default answer: Launch anyway" in out and "Expired: relaunch" in out


def test_mode_none_shows_nothing(monkeypatch, capsys):
    monkeypatch.setattr(ui, "backends", lambda notifying=False, preferred="auto": [Answers])
    assert ui.ask("T", "M", CHOICES, ui.LAUNCH, 5, mode="none") == ui.LAUNCH
    assert capsys.readouterr().out == ""


def test_backend_order_per_platform(monkeypatch):
    monkeypatch.setattr("sys.platform", "win32")
    assert [b.NAME for b in ui.backends()] == (["windows"] if windows.available() else [])
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("DISPLAY", "")
    monkeypatch.setenv("WAYLAND_DISPLAY", "")
    assert ui.backends() == []
    monkeypatch.setenv("DISPLAY", ":99")
    names = [b.NAME for b in ui.backends(preferred="tk")]
    assert names[0] == "tk"


def test_compose_folds_long_lists():
    from prelaunch.model import AccountInfo, Finding, InstanceInfo, LaunchContext

    context = LaunchContext(instance=InstanceInfo("v", "Vanilla+", None), account=AccountInfo("Steve", "0" * 32, "msa"))
    findings = [Finding("x", "warning", f"Problem {n}", "Because.", ("Do this", "Then that")) for n in range(6)]
    title, message = ui.compose(findings, context.instance.name, context.account.name)
    assert title == "prelaunch: Vanilla+ - Steve"
    assert "Problem 0." in message and "  1. Do this" in message and "  2. Then that" in message
    assert "Problem 5" not in message and "and 2 more: see the launcher's console" in message
