import pytest

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
