"""The Windows wrapper path with the OS layer faked (it cannot run here): job object, exit code, timer."""

import ctypes
import time

from prelaunch.config import Config
from prelaunch.session import _wrap_windows


class FakeKernel32:
    def __init__(self, fail: str = ""):
        self.calls = []
        self.fail = fail

    def CreateJobObjectW(self, attributes, name):
        self.calls.append(("CreateJobObjectW", attributes, name))
        return 0 if self.fail == "create" else 77

    def SetInformationJobObject(self, job, info_class, info_ref, size):
        limits = ctypes.cast(info_ref, ctypes.POINTER(_wrap_windows.ExtendedLimits)).contents
        self.calls.append(("SetInformationJobObject", job, info_class, limits.BasicLimitInformation.LimitFlags, size))
        return 1

    def AssignProcessToJobObject(self, job, handle):
        self.calls.append(("AssignProcessToJobObject", job, handle))
        return 1


class FakeGame:
    def __init__(self, command, code=0, runs_s=0.0):
        self.command, self.code, self.runs_s, self._handle = command, code, runs_s, 4242

    def wait(self):
        time.sleep(self.runs_s)
        return self.code


def test_game_runs_in_a_kill_on_close_job_and_its_code_comes_back():
    kernel32 = FakeKernel32()
    started = []

    def popen(command):
        started.append(FakeGame(command, code=137))
        return started[-1]

    code = _wrap_windows.run(["javaw.exe", "-cp", "x"], None, "Steve", Config(), _wrap_windows.Win32(kernel32), popen)
    assert code == 137 and started[0].command == ["javaw.exe", "-cp", "x"]
    names = [c[0] for c in kernel32.calls]
    assert names == ["CreateJobObjectW", "SetInformationJobObject", "AssignProcessToJobObject"]
    _, job, info_class, flags, size = kernel32.calls[1]
    assert (job, info_class, flags) == (77, 9, 0x2000)
    assert size == ctypes.sizeof(_wrap_windows.ExtendedLimits)
    assert kernel32.calls[2] == ("AssignProcessToJobObject", 77, 4242)


def test_no_job_object_still_starts_the_game(capsys):
    code = _wrap_windows.run(["java"], None, "", Config(), _wrap_windows.Win32(FakeKernel32(fail="create")),
                             lambda command: FakeGame(command, code=3))
    assert code == 3 and "no job object" in capsys.readouterr().out


def test_missing_game_is_127(capsys):
    def popen(command):
        raise FileNotFoundError(2, "The system cannot find the file specified")

    assert _wrap_windows.run(["nope.exe"], None, "", Config(), _wrap_windows.Win32(FakeKernel32()), popen) == 127


def test_expiry_timer_notifies_while_the_game_runs(monkeypatch):
    told = []
    monkeypatch.setattr("prelaunch.ui.notify", lambda title, body, **kwargs: told.append(title))
    config = Config()
    config.ui.mode = "none"
    _wrap_windows.run(["java"], time.time() + 0.2, "Steve", config, _wrap_windows.Win32(FakeKernel32()),
                      lambda command: FakeGame(command, runs_s=0.6))
    assert told == ["Minecraft session expired (Steve)"]


def test_timer_is_cancelled_when_the_game_ends_first(monkeypatch):
    told = []
    monkeypatch.setattr("prelaunch.ui.notify", lambda title, body, **kwargs: told.append(title))
    _wrap_windows.run(["java"], time.time() + 0.3, "Steve", Config(), _wrap_windows.Win32(FakeKernel32()),
                      lambda command: FakeGame(command))
    time.sleep(0.5)
    assert told == []
