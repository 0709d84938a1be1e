"""The desktop dialogs are answered on (a pytest plugin, so the tests of every part that asks can use it)."""

from __future__ import annotations

import pytest

from tests.helpers.xserver import require_tools, start_desktop, stop


@pytest.fixture(scope="session")
def display():
    """A desktop: Xvfb and openbox, 1024x768."""
    require_tools()
    processes, name = start_desktop()
    yield name
    stop(processes)
