import pytest

from tests.xserver import require_tools, start_xvfb


@pytest.fixture(scope="session")
def display():
    require_tools()
    proc, name = start_xvfb()
    yield name
    proc.kill()
    proc.wait()
