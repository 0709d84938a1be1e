"""The Linux backends with the program they run faked: what zenity, kdialog and notify-send are given and how
their ends are read, and the fall-through from one backend to the next. The real programs are driven on a
real desktop in test_popups.py; Windows' and macOS' dialogs in test_backends_os_faked.py."""

import pytest

from prelaunch import ui
from prelaunch.model import Finding
from prelaunch.ui import _run, console, inert, kdialog, notify_send, zenity
from prelaunch.ui.question import Answer
from tests.helpers.dialog_cases import ERROR, WARNING

# --- zenity and kdialog: what they are given, how their ends are read ------------------------------------------

def fake_program(monkeypatch, replies):
    calls = []

    def run(argv, bound, feed=None, env=None):
        calls.append({"argv": argv, "bound": bound, "feed": feed, "env": env})
        return _run.Outcome(*replies[len(calls) - 1])
    monkeypatch.setattr(_run, "run", run)
    return calls


def test_zenity_buttons_focus_and_exit_codes(monkeypatch):
    calls = fake_program(monkeypatch, [(zenity.OK_CODE, "", "")])
    assert zenity.ask(WARNING, 30) == Answer(ui.LAUNCH)
    argv = calls[0]["argv"]
    assert argv[:2] == ["zenity", "--question"] and "--no-markup" in argv and "--default-cancel" not in argv
    assert ["--ok-label=_Launch anyway", "--cancel-label=_Cancel", "--extra-button=_Details",
            "--extra-button=Don't _warn about this for Alex"] == [a for a in argv if "label=" in a or "button=" in a]
    assert calls[0]["env"] == {"ZENITY_OK": str(zenity.OK_CODE)} and "--timeout=30" in argv
    calls = fake_program(monkeypatch, [(1, "", "")])
    assert zenity.ask(ERROR, 30) == Answer(ui.CANCEL)
    assert "--default-cancel" in calls[0]["argv"] and not any("warn" in a for a in calls[0]["argv"])
    for code, out, expected in ((0, "", Answer(ui.CANCEL)),  # a window destroyed from outside
                                (5, "", Answer(ui.LAUNCH, by_player=False)), (None, "", Answer(ui.LAUNCH, False)),
                                (1, "Don't _warn about this for Alex\n", Answer(WARNING.silence))):
        fake_program(monkeypatch, [(code, out, "")])
        assert zenity.ask(WARNING, 30) == expected, (code, out)


def test_zenity_details_window_then_back(monkeypatch):
    calls = fake_program(monkeypatch, [(1, "_Details\n", ""), (zenity.OK_CODE, "", ""), (1, "", "")])
    assert zenity.ask(ERROR, 30) == Answer(ui.CANCEL)
    details = calls[1]
    assert details["argv"][:2] == ["zenity", "--text-info"] and details["feed"] == ERROR.details
    assert "--ok-label=Back" in details["argv"] and "--width=600" in details["argv"]
    assert calls[2]["argv"][1] == "--question"  # back to the question
    fake_program(monkeypatch, [(1, "_Details\n", ""), (5, "", "")])
    assert zenity.ask(ERROR, 30) == Answer(ui.CANCEL, by_player=False)  # the details timed out


def test_zenity_that_cannot_show_falls_through(monkeypatch):
    fake_program(monkeypatch, [(255, "", "cannot open display")])
    assert zenity.ask(WARNING, 5) is None
    fake_program(monkeypatch, [(1, "", "zenity: Unknown option --default-cancel")])
    assert zenity.ask(ERROR, 5) is None


@pytest.mark.parametrize("question,kind,labels,codes", [
    (WARNING, "--warningyesnocancel", ["&Launch anyway", "Don't &warn about this for Alex", "&Cancel"],
     {0: ui.LAUNCH, 1: WARNING.silence, 2: ui.CANCEL}),
    (ERROR, "--warningyesno", ["&Cancel", "&Launch anyway"], {0: ui.CANCEL, 1: ui.LAUNCH, 2: ui.CANCEL})])
def test_kdialog_puts_the_default_answer_on_its_focused_button(monkeypatch, question, kind, labels, codes):
    for code, choice in codes.items():
        calls = fake_program(monkeypatch, [(code, "winId: 42\n", "")])
        assert kdialog.ask(question, 30) == Answer(choice)
    argv = calls[0]["argv"]
    assert argv[4] == kind and [argv[i + 1] for i, a in enumerate(argv) if a.endswith("-label")] == labels
    assert argv[-2:] == ["--", kdialog._argument(inert.qt_rich_text(question.details))]  # behind "Details"
    assert "<b>" in argv[5] and calls[0]["bound"] == 30
    fake_program(monkeypatch, [(None, "winId: 42\n", "")])
    assert kdialog.ask(question, 30) == Answer(question.default, by_player=False)


def test_notify_send_lets_a_normal_notification_expire():
    seen = []
    original = _run.run
    try:
        _run.run = lambda argv, bound: seen.append(argv) or _run.Outcome(0, "", "")
        assert notify_send.notify("T", "M", 20) and notify_send.notify("T", "M", 20, "critical")
    finally:
        _run.run = original
    assert "--urgency=normal" in seen[0] and "--expire-time=20000" in seen[0]
    assert "--urgency=critical" in seen[1] and not any(a.startswith("--expire-time") for a in seen[1])


# --- the fall-through and the console ------------------------------------------------------------------------------

class Broken:
    NAME = "broken"

    @staticmethod
    def ask(question, timeout):
        raise RuntimeError("no display after all")

    @staticmethod
    def notify(title, message, timeout, urgency="normal"):
        raise RuntimeError("no display after all")


class Answers:
    NAME = "answers"

    @staticmethod
    def ask(question, timeout):
        return Answer(ui.CANCEL)

    @staticmethod
    def notify(title, message, timeout, urgency="normal"):
        return True


class NotShown:
    NAME = "not-shown"

    @staticmethod
    def ask(question, timeout):
        return None

    @staticmethod
    def notify(title, message, timeout, urgency="normal"):
        return False


def test_a_backend_that_could_not_show_falls_through_to_the_next(monkeypatch):
    monkeypatch.setattr(ui, "backends", lambda notifying=False, preferred="auto": [Broken, NotShown, Answers])
    assert ui.ask_question(WARNING, 5) == Answer(ui.CANCEL)
    assert ui.notify("T", "M") == "answers"


def test_an_answer_ends_the_search(monkeypatch):
    """Once a dialog was shown its answer is final: the backends after it are never tried."""
    later = []

    class Later:
        NAME = "later"

        @staticmethod
        def ask(question, timeout):
            later.append(question)
            return Answer(ui.LAUNCH)

    monkeypatch.setattr(ui, "backends", lambda notifying=False, preferred="auto": [Answers, Later])
    assert ui.ask_question(WARNING, 5) == Answer(ui.CANCEL) and later == []


def test_every_backend_failing_ends_in_the_console(monkeypatch, capsys):
    monkeypatch.setattr(ui, "backends", lambda notifying=False, preferred="auto": [Broken, NotShown])
    assert ui.ask_question(WARNING, 5) == Answer(ui.LAUNCH, by_player=False)
    assert ui.notify("Expired", "relaunch") == "console"
    out = capsys.readouterr().out
    assert "no popup could be shown; taking the default answer: Launch anyway" in out and "Expired: relaunch" in out


def test_console_mode_says_popups_are_off(monkeypatch, capsys):
    """--ui console: the answer is taken because popups are off, not because none could be shown."""
    monkeypatch.setattr(ui, "backends", lambda notifying=False, preferred="auto": [Answers])
    assert ui.ask_question(ERROR, 5, mode="console", printed=True) == Answer(ui.CANCEL, by_player=False)
    out = capsys.readouterr().out
    assert out == f'{console.PREFIX}prelaunch: popups are off ("console" mode); taking the default answer: Cancel\n'


def test_mode_none_shows_nothing(monkeypatch, capsys):
    monkeypatch.setattr(ui, "backends", lambda notifying=False, preferred="auto": [Answers])
    assert ui.ask_question(WARNING, 5, mode="none") == Answer(ui.LAUNCH, by_player=False)
    assert ui.notify("T", "M", mode="none") == ""
    assert capsys.readouterr().out == ""


def test_the_backend_is_asked_the_question_itself(monkeypatch):
    """`ask_question` gives the backend the question as `question()` made it and returns its answer; an answer
    that is none of the question's buttons is the safe one."""
    asked, replies = [], [Answer(ui.LAUNCH), Answer("Yes")]
    monkeypatch.setattr(ui, "backends", lambda notifying=False, preferred="auto": [
        type("Seen", (), {"NAME": "seen", "ask": staticmethod(lambda q, t: asked.append(q) or replies.pop(0))})])
    in_use = Finding("session", "error", "'Alex' is already playing in instance 'Other'",
                     "A second launch logs that game out.", ("Quit the other game first.",))
    question = ui.question([in_use], "Vanilla+", "Alex", blocking=True)
    assert ui.ask_question(question, 5) == Answer(ui.LAUNCH) and asked == [question]
    assert question.default == ui.CANCEL and question.choices == (ui.LAUNCH, ui.CANCEL)
    assert ui.ask_question(question, 5) == Answer(ui.CANCEL, by_player=False)


def test_backend_order_per_platform(monkeypatch):
    """The registry itself, not filtered by what is installed here, so each assert can fail: a notifier that
    cannot ask (notify-send) is never asked a question."""
    assert [b.NAME for b in ui.askers(platform="win32")] == ["windows", "windows-box"]
    assert [b.NAME for b in ui.notifiers(platform="win32")] == ["windows-box"]
    assert [b.NAME for b in ui.askers(platform="darwin")] == ["macos"]
    assert [b.NAME for b in ui.askers(platform="linux", display=True)] == ["zenity", "kdialog", "tk"]
    assert [b.NAME for b in ui.notifiers(platform="linux", display=True)] == [
        "notify-send", "zenity", "kdialog", "tk"]
    assert not hasattr(notify_send, "ask")
    assert ui.askers(platform="linux", display=False) == [] == ui.notifiers(platform="linux", display=False)
    monkeypatch.setattr(ui, "askers", lambda: [Answers, Broken])
    for backend in (Answers, Broken):
        monkeypatch.setattr(backend, "available", staticmethod(lambda: True), raising=False)
    assert [b.NAME for b in ui.backends(preferred="broken")] == ["broken", "answers"]
    assert [b.NAME for b in ui.backends()] == ["answers", "broken"]
