"""Fixtures of the network tests: a certificate authority and loopback servers, stopped after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.helpers.netservers import Certificates, Server


@pytest.fixture
def certs(tmp_path) -> Certificates:
    return Certificates(tmp_path)


@pytest.fixture
def servers() -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def make(**kwargs) -> Server:
        started.append(Server(**kwargs))
        return started[-1]

    yield make
    for server in started:
        server.stop()
