import subprocess
import time
import uuid

import pytest

from tests.builders import mint_jwt, prism_account, prism_instance, write_prism
from tests.test_wrapper import game_argv, wait_for
from tests.xserver import require_tools, start_desktop, start_xvfb, stop


@pytest.fixture(scope="session")
def display():
    """A desktop: Xvfb and openbox, 1024x768."""
    require_tools()
    processes, name = start_desktop()
    yield name
    stop(processes)


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


def instance(home, player, token_left_s: float):
    """Prism's instance "Vanilla+" with Steve as its account, his sign-in running out in `token_left_s`."""
    data_dir = write_prism(home / ".local/share/PrismLauncher", instances={"v": {"name": "Vanilla+"}},
                           accounts=[prism_account("Steve", player, mint_jwt(time.time() + token_left_s),
                                                   active=True)])
    return prism_instance(data_dir, "v")


@pytest.fixture
def launch_env(home, player):
    return instance(home, player, -3600)
