"""The Windows wrapper path with the OS layer faked (it cannot run here): job object, exit code, timer."""

import ctypes
import threading
import time
import types
from pathlib import Path

from prelaunch.checks import token
from prelaunch.config import Config
from prelaunch.model import LaunchContext, LauncherInfo
from prelaunch.session import _wrap_windows, lock
from prelaunch.session.wrapper import Launch
from tests.helpers.builders import FIXTURE_UUID
from tests.helpers.session import wait_until


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
        self.command, self.code, self.runs_s, self._handle, self.pid = command, code, runs_s, 4242, 4243

    def wait(self):
        time.sleep(self.runs_s)
        return self.code


def test_game_runs_in_a_kill_on_close_job_and_its_code_comes_back():
    kernel32 = FakeKernel32()
    started = []

    def popen(command):
        started.append(FakeGame(command, code=137))
        return started[-1]

    code = _wrap_windows.run(["javaw.exe", "-cp", "x"], None, None, Config(), _wrap_windows.Win32(kernel32), popen)
    assert code == 137 and started[0].command == ["javaw.exe", "-cp", "x"]
    names = [c[0] for c in kernel32.calls]
    assert names == ["CreateJobObjectW", "SetInformationJobObject", "AssignProcessToJobObject"]
    _, job, info_class, flags, size = kernel32.calls[1]
    assert (job, info_class, flags) == (77, 9, 0x2000)
    assert size == WINDOWS_SIZE[ctypes.sizeof(ctypes.c_void_p)]
    assert kernel32.calls[2] == ("AssignProcessToJobObject", 77, 4242)


# JOBOBJECT_EXTENDED_LIMIT_INFORMATION as Windows lays it out (winnt.h): 144 bytes on 64-bit Windows, 112 on
# 32-bit; LimitFlags at offset 16, IoInfo at 64 (48), ProcessMemoryLimit at 112 (96). A structure that differs
# would be rejected by SetInformationJobObject, and the game would run outside the job.
WINDOWS_SIZE = {8: 144, 4: 112}
WINDOWS_OFFSETS = {8: (16, 64, 112), 4: (16, 48, 96)}


def test_the_limits_structure_has_windows_layout():
    pointer = ctypes.sizeof(ctypes.c_void_p)
    limits = _wrap_windows.ExtendedLimits
    assert ctypes.sizeof(limits) == WINDOWS_SIZE[pointer]
    basic = _wrap_windows._BasicLimits
    offsets = (basic.LimitFlags.offset, limits.IoInfo.offset, limits.ProcessMemoryLimit.offset)
    assert offsets == WINDOWS_OFFSETS[pointer]


def test_no_job_object_still_starts_the_game(capsys):
    code = _wrap_windows.run(["java"], None, None, Config(), _wrap_windows.Win32(FakeKernel32(fail="create")),
                             lambda command: FakeGame(command, code=3))
    assert code == 3 and "no job object" in capsys.readouterr().out


def test_missing_game_is_127(capsys):
    def popen(command):
        raise FileNotFoundError(2, "The system cannot find the file specified")

    assert _wrap_windows.run(["nope.exe"], None, None, Config(), _wrap_windows.Win32(FakeKernel32()), popen) == 127


def steve(expires_at: float | None) -> Launch:
    return Launch(FIXTURE_UUID, "Steve", "prism", "Vanilla", "/i", None if expires_at is None else int(expires_at))


# the pre-launch check's own fixes for Prism Launcher, which cli/wrap.py gives the Windows path
PRISM_FIXES = tuple(token.refresh_fixes(LaunchContext(launcher=LauncherInfo("prism", ""))))


def console_mode() -> Config:
    config = Config()
    config.ui.mode = "console"
    return config


def test_expiry_timer_tells_the_player_while_the_game_runs(home, capfd):
    _wrap_windows.run(["java"], None, steve(time.time() + 2), console_mode(), _wrap_windows.Win32(FakeKernel32()),
                      lambda command: FakeGame(command, runs_s=3.5), fixes=PRISM_FIXES)
    out = capfd.readouterr().out
    assert "!![Warning]!prelaunch: Minecraft session expired (Steve)" in out
    assert "Prism Launcher" in out  # the pre-launch check's own fixes for this launcher


def test_timer_is_cancelled_when_the_game_ends_first(home, capfd):
    _wrap_windows.run(["java"], None, steve(time.time() + 2), console_mode(), _wrap_windows.Win32(FakeKernel32()),
                      lambda command: FakeGame(command), fixes=PRISM_FIXES)
    time.sleep(2.5)
    assert "session expired" not in capfd.readouterr().out


def test_an_expiry_before_the_start_gets_one_line_and_no_timer(home, capfd):
    _wrap_windows.run(["java"], None, steve(time.time() - 60), console_mode(), _wrap_windows.Win32(FakeKernel32()),
                      lambda command: FakeGame(command, runs_s=0.5), fixes=PRISM_FIXES)
    out = capfd.readouterr().out
    assert out.count("\n") == 1 and "no sign-in expiry notice while playing: the token already ran out" in out


def test_the_lock_is_held_until_the_game_ends(home):
    fd = lock.acquire(FIXTURE_UUID)
    seen = []

    def popen(command):
        seen.append(lock.is_held(FIXTURE_UUID))
        return FakeGame(command)

    _wrap_windows.run(["java"], fd, None, Config(), _wrap_windows.Win32(FakeKernel32()), popen)
    assert seen == [True] and not lock.is_held(FIXTURE_UUID)


def test_after_a_suspend_the_expiry_thread_tells_within_the_wake_interval(home, capfd, monkeypatch):
    """The wall clock jumps three hours (the computer slept) while the expiry is two hours away: the thread,
    reading the wall clock every `[session] wake_seconds` (shortened here), tells the player while the game
    still runs."""
    from prelaunch.session import watchdog

    jump = [0.0]
    config = console_mode()
    config.session.wake_seconds = 0.2
    monkeypatch.setattr(watchdog, "time", types.SimpleNamespace(time=lambda: time.time() + jump[0]))
    threading.Timer(0.5, jump.__setitem__, (0, 3 * 3600.0)).start()
    _wrap_windows.run(["java"], None, steve(time.time() + 7200), config, _wrap_windows.Win32(FakeKernel32()),
                      lambda command: FakeGame(command, runs_s=1.5), fixes=PRISM_FIXES)
    assert "!![Warning]!prelaunch: Minecraft session expired (Steve)" in capfd.readouterr().out


def test_the_thread_keeps_the_lease_and_the_record_of_the_game_as_the_posix_watchdog_does(home, tmp_path):
    """The POSIX watchdog's duties run in the thread too: under [devices] the game's lease is up while it runs
    and released when it ends, and the game's record is kept."""
    from prelaunch.session import deviceid, devices, last_game, lease

    folder = tmp_path / "synced"
    config = Config()
    config.devices.folder, config.devices.name = str(folder), "DESKTOP-W"
    other = deviceid.get(str(tmp_path / "other-computer"))

    def states() -> list[str]:
        if not folder.exists():
            return []
        return [seen.state for seen in devices.scan(str(folder), other, lease.account_id(FIXTURE_UUID)).leases]

    playing = []

    class Game(FakeGame):
        def wait(self):
            playing.append(wait_until(lambda: states() == [lease.PLAYING], timeout=10))
            return 0

    code = _wrap_windows.run(["java"], None, steve(time.time() + 7200), config, _wrap_windows.Win32(FakeKernel32()),
                             Game, fixes=PRISM_FIXES)
    assert code == 0 and playing == [True]
    assert states() == [lease.RELEASED]
    assert Path(last_game.record_file(FIXTURE_UUID)).exists()
