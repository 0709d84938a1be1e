"""Windows' task dialog and message box and macOS' osascript dialogs with the OS calls faked (they cannot run
here): what they are given, and how Enter, Escape, the timeout and Details end them."""

import ctypes
import json

import pytest

from prelaunch import ui
from prelaunch.ui import _run, macos, windows, windows_box
from prelaunch.ui.question import BACK, DETAILS, Answer
from tests.helpers.dialog_cases import ERROR, WARNING

# --- Windows: the task dialog ------------------------------------------------------------------------------------

def test_the_task_dialog_structure_has_its_documented_size():
    """TASKDIALOGCONFIG is packed to one byte: 160 bytes with 8-byte pointers, 96 with 4-byte ones."""
    assert ctypes.sizeof(windows.TaskDialogConfig) == (160 if ctypes.sizeof(ctypes.c_void_p) == 8 else 96)
    assert ctypes.sizeof(windows.TaskDialogButton) == 4 + ctypes.sizeof(ctypes.c_void_p)


class FakeTaskDialog:
    """comctl32 and user32 as far as the task dialog uses them: the dialog is created, then `events` happen
    (("timer", ms since created) or ("press", button id)), as Windows would report them."""

    def __init__(self, events, result=0):
        self.events, self.result, self.calls, self.config = events, result, [], None
        self.pressed = None

    # comctl32
    def TaskDialogIndirect(self, config_ref, pressed_ref, radio, verification):
        config = self.config = config_ref._obj
        if self.result != 0:
            return self.result
        config.pfCallback(1234, windows.TDN_CREATED, 0, 0, 0)
        for kind, value in self.events:
            if self.pressed is not None:
                break
            if kind == "timer":
                config.pfCallback(1234, windows.TDN_TIMER, value, 0, 0)
            else:
                self.pressed = value
        pressed_ref._obj.value = self.pressed if self.pressed is not None else windows.IDCANCEL
        return 0

    # user32
    def SetWindowPos(self, hwnd, after, *rest):
        self.calls.append(("SetWindowPos", hwnd.value, after.value))

    def SetForegroundWindow(self, hwnd):
        self.calls.append(("SetForegroundWindow", hwnd.value))

    def SendMessageW(self, hwnd, message, wparam, lparam):
        self.calls.append(("SendMessageW", message, wparam.value))
        if message == windows.TDM_CLICK_BUTTON:
            self.pressed = wparam.value


def show(question, events, timeout=30, result=0):
    fake, shown = FakeTaskDialog(events, result), []
    answer = windows.show(question, timeout, lambda: shown.append(True), libraries=(fake, fake))
    return answer, fake, shown


def buttons(config):
    return [(config.pButtons[i].nButtonID, config.pButtons[i].pszButtonText) for i in range(config.cButtons)]


def test_the_task_dialog_says_the_headline_the_text_and_the_details_and_stays_on_top():
    answer, fake, shown = show(WARNING, [("press", windows.LAUNCH_ID)])
    config = fake.config
    assert answer == Answer(ui.LAUNCH) and shown == [True]
    assert config.pszWindowTitle == WARNING.title and config.pszMainInstruction == WARNING.headline
    assert config.pszContent == WARNING.below_headline(30) and "No answer within 30 s" in config.pszContent
    assert config.pszExpandedInformation == WARNING.details and config.pszCollapsedControlText == "Details"
    assert buttons(config) == [(windows.LAUNCH_ID, "&Launch anyway"),
                               (windows.SILENCE_ID, "Don't &warn about this for Alex"), (windows.IDCANCEL, "&Cancel")]
    assert config.cbSize == ctypes.sizeof(windows.TaskDialogConfig)
    assert config.dwFlags & windows.TDF_ALLOW_DIALOG_CANCELLATION and config.dwFlags & windows.TDF_CALLBACK_TIMER
    assert ("SetWindowPos", 1234, ctypes.c_void_p(windows.HWND_TOPMOST).value) in fake.calls


@pytest.mark.parametrize("question,default_id,icon", [(WARNING, windows.LAUNCH_ID, windows.TD_WARNING_ICON),
                                                      (ERROR, windows.IDCANCEL, windows.TD_ERROR_ICON)])
def test_the_task_dialogs_enter_and_timeout_agree(question, default_id, icon):
    """Enter presses the default button (Windows sends it as a press of nDefaultButton); the timer presses the
    same button once the time is up, and that answer is nobody's."""
    answer, fake, _ = show(question, [("press", default_id)])
    assert fake.config.nDefaultButton == default_id and fake.config.pszMainIcon == icon
    assert answer == Answer(question.default)
    answer, fake, _ = show(question, [("timer", 29_000), ("timer", 30_100)])
    assert answer == Answer(question.default, by_player=False)
    assert fake.calls[-1] == ("SendMessageW", windows.TDM_CLICK_BUTTON, default_id)


def test_the_task_dialogs_escape_and_other_buttons():
    """Escape, Alt+F4 and the close box answer IDCANCEL, which is Cancel; Don't warn is its own answer."""
    assert show(WARNING, [("press", windows.IDCANCEL)])[0] == Answer(ui.CANCEL)
    assert show(WARNING, [("press", windows.SILENCE_ID)])[0] == Answer(WARNING.silence)
    assert show(ERROR, [("press", windows.LAUNCH_ID)])[0] == Answer(ui.LAUNCH)
    assert [i for i, _ in buttons(show(ERROR, [("press", 2)])[1].config)] == [windows.LAUNCH_ID, windows.IDCANCEL]


def test_a_task_dialog_that_fails_is_not_shown():
    answer, _fake, shown = show(WARNING, [], result=-2147024809)  # E_INVALIDARG
    assert answer is None and shown == []


@pytest.mark.parametrize("code,out,expected", [
    (0, f"{_run.SHOWN}\n" + json.dumps({"choice": ui.LAUNCH, "by_player": True}), Answer(ui.LAUNCH)),
    (_run.NOT_SHOWN, "", None),  # the child could not show it: the message box is tried
    (1, "Traceback…", None),  # it failed before its window was up
    (1, f"{_run.SHOWN}\n", Answer(ui.CANCEL, by_player=False)),  # it died with its window up
    (None, f"{_run.SHOWN}\n", Answer(ui.LAUNCH, by_player=False)),  # killed at the bound
    (0, f"{_run.SHOWN}\n" + json.dumps({"choice": "Format C:", "by_player": True}), Answer(ui.CANCEL, False))])
def test_a_dialog_in_a_child_process(monkeypatch, code, out, expected):
    seen = []
    monkeypatch.setattr(_run, "run", lambda argv, bound: seen.append((argv, bound)) or _run.Outcome(code, out, ""))
    assert windows.ask(WARNING, 30) == expected
    argv, bound = seen[0]
    assert argv[1:3] == ["-m", "prelaunch.ui.windows"] and bound == 30 + _run.GRACE_S
    assert json.loads(argv[3]) == {"question": WARNING.as_dict(), "timeout": 30}


# --- Windows: the message box ------------------------------------------------------------------------------------

class FakeUser32:
    def __init__(self, result):
        self.result, self.calls = result, []

    def MessageBoxTimeoutW(self, hwnd, text, caption, flags, language, timeout_ms):
        self.calls.append((text, caption, flags, timeout_ms))
        return self.result


@pytest.mark.parametrize("result,question,expected", [
    (windows_box.IDYES, ERROR, Answer(ui.LAUNCH)), (windows_box.IDNO, WARNING, Answer(ui.CANCEL)),
    (windows_box.IDTIMEOUT, ERROR, Answer(ui.CANCEL, False)),
    (windows_box.IDTIMEOUT, WARNING, Answer(ui.LAUNCH, False)),
    (0, WARNING, None), (3, WARNING, Answer(ui.CANCEL))])
def test_windows_message_box(result, question, expected):
    """Yes/No/timeout map to the answers; 0 means the box never appeared; any other end is the safe answer. No
    Details button fits in a message box: the details follow the text."""
    user32 = FakeUser32(result)
    assert windows_box.ask(question, 60, user32=user32) == expected
    text, caption, flags, timeout_ms = user32.calls[0]
    assert caption == question.title and question.headline in text and question.details in text
    assert timeout_ms == 60000 and flags & windows_box.MB_TOPMOST and flags & windows_box.MB_YESNO
    assert bool(flags & windows_box.MB_DEFBUTTON2) == (question.default == ui.CANCEL)


def test_windows_notification_is_bounded_and_a_warning_only_when_critical():
    user32 = FakeUser32(windows_box.IDTIMEOUT)
    assert windows_box.notify("T", "expired", 30, user32=user32)
    assert windows_box.notify("T", "expired", 30, "critical", user32=user32)
    (_, _, normal, ms), (_, _, critical, _) = user32.calls
    assert ms == 30000 and normal & windows_box.MB_TOPMOST
    assert normal & 0xF0 == windows_box.MB_ICONINFORMATION and critical & 0xF0 == windows_box.MB_ICONWARNING


# --- macOS ---------------------------------------------------------------------------------------------------------

def fake_osascript(monkeypatch, replies):
    """osascript answering each dialog with the next (code, out, err); the scripts it was given."""
    scripts = []

    def run(argv, bound):
        scripts.append(argv[2])
        return _run.Outcome(*replies[len(scripts) - 1])
    monkeypatch.setattr(_run, "run", run)
    return scripts


def pressed(label):
    return 0, f"button returned:{label}, gave up:false\n", ""


@pytest.mark.parametrize("question", [WARNING, ERROR])
def test_macos_question_enter_escape_and_timeout(monkeypatch, question):
    scripts = fake_osascript(monkeypatch, [pressed(question.default)])
    assert macos.ask(question, 45) == Answer(question.default)
    assert (f'buttons {{"Details", "Cancel", "Launch anyway"}} default button "{question.default}" '
            'cancel button "Cancel"') in scripts[0]
    assert scripts[0].endswith("giving up after 45") and 'with title "Minecraft: Vanilla+ (Alex)"' in scripts[0]
    fake_osascript(monkeypatch, [(1, "", "execution error: User canceled. (-128)\n")])
    assert macos.ask(question, 45) == Answer(ui.CANCEL)
    fake_osascript(monkeypatch, [(0, "button returned:, gave up:true\n", "")])
    assert macos.ask(question, 45) == Answer(question.default, by_player=False)
    fake_osascript(monkeypatch, [(None, "", "")])
    assert macos.ask(question, 45) == Answer(question.default, by_player=False)


def test_macos_details_then_back_then_an_answer(monkeypatch):
    """Details opens a second dialog with the details (and "Don't warn…", for which the question has no room);
    Back returns to the question."""
    scripts = fake_osascript(monkeypatch, [pressed(DETAILS), pressed(BACK), pressed(ui.LAUNCH)])
    assert macos.ask(WARNING, 45) == Answer(ui.LAUNCH)
    assert scripts[1].startswith(f'display dialog "{WARNING.details}"') and "display dialog" in scripts[2]
    assert 'buttons {"Don\'t warn about this for Alex", "Cancel", "Back"} default button "Back"' in scripts[1]
    fake_osascript(monkeypatch, [pressed(DETAILS), pressed(WARNING.silence)])
    assert macos.ask(WARNING, 45) == Answer(WARNING.silence)
    scripts = fake_osascript(monkeypatch, [pressed(DETAILS), pressed(ui.CANCEL)])
    assert macos.ask(ERROR, 45) == Answer(ui.CANCEL)
    assert 'buttons {"Cancel", "Back"} default button "Back"' in scripts[1]  # never "Don't warn" for an error


def test_macos_dialog_that_cannot_show_falls_through(monkeypatch):
    fake_osascript(monkeypatch, [(1, "", "no window server")])
    assert macos.ask(WARNING, 5) is None
    monkeypatch.setattr(_run, "run", lambda argv, bound: None)
    assert macos.ask(WARNING, 5) is None


def test_macos_notification(monkeypatch):
    seen = []
    monkeypatch.setattr(_run, "run_output", lambda argv, timeout: seen.append(argv) or (0, ""))
    assert macos.notify("Expired", "quit and relaunch", 10)
    assert seen[0][2] == 'display notification "quit and relaunch" with title "Expired"'
