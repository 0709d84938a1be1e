import subprocess
import uuid

import pytest

from tests.helpers.launch import game_argv, wait_for
from tests.helpers.popups import instance
from tests.helpers.xserver import (
    require_notification_service,
    require_tools,
    start_desktop,
    start_notification_service,
    start_xvfb,
    stop,
)

NO_TK = "this Python has no tkinter (on Debian and Ubuntu: apt install python3-tk), so no Tk window can be shown"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "tk: the test shows a Tk window")


@pytest.fixture(autouse=True)
def _tk_or_skip(request: pytest.FixtureRequest) -> None:
    """A test that shows a Tk window (marked `tk`, or of the Tk backend) skips where this Python has no
    tkinter, saying why; CI has it."""
    callspec = getattr(request.node, "callspec", None)
    if request.node.get_closest_marker("tk") or (callspec is not None and callspec.params.get("backend") == "tk"):
        pytest.importorskip("tkinter", reason=NO_TK)


@pytest.fixture(scope="session")
def small_display():
    """A small laptop's desktop: Xvfb and openbox, 1024x600."""
    require_tools()
    processes, name = start_desktop("1024x600")
    yield name
    stop(processes)


@pytest.fixture
def bare_display():
    """An X server with no window manager: a window can be destroyed there without being asked to close."""
    require_tools()
    proc, name = start_xvfb()
    yield name
    stop([proc])


@pytest.fixture
def player():
    """This test's own account id: games other tests on this machine run never share it."""
    return uuid.uuid4().hex


@pytest.fixture
def account_in_use(tmp_path, player):
    """The same account playing in another game: an error joins the dialog."""
    record = tmp_path / "other-game.json"
    proc = subprocess.Popen(game_argv(record, sleep_s=120, uuid=player), cwd=tmp_path)
    wait_for(record)
    yield
    proc.kill()
    proc.wait()


@pytest.fixture
def launch_env(home, player):
    return instance(home, player, -3600)


@pytest.fixture
def notifying_desktop(tmp_path):
    """A desktop of its own (notifications must not cover the other tests' dialogs) with dunst on a private
    session bus: the environment to reach both."""
    require_tools()
    require_notification_service()
    processes, display = start_desktop()
    try:
        service, env = start_notification_service(display, tmp_path)
    except Exception:
        stop(processes)
        raise
    yield display, env
    stop(service + processes)
