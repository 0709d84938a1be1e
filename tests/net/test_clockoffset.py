"""The clock offset the network check measured, remembered for a day for what runs without probing."""

from __future__ import annotations

import os
import stat

import pytest

from prelaunch.checks import network
from prelaunch.net import clockoffset
from tests.checks.test_network import configure

NOW = 1_800_000_000.0


def test_an_offset_is_remembered_for_a_day(home):
    clockoffset.save(-612.25, now=NOW)
    assert clockoffset.load(NOW + 5) == -612.25
    assert clockoffset.load(NOW + clockoffset.VALID_S) == -612.25
    assert clockoffset.load(NOW + clockoffset.VALID_S + 1) is None
    assert clockoffset.load(NOW - 60) is None  # the clock was set back since: measured on another clock


def test_the_record_is_owner_only(home):
    clockoffset.save(1.5)
    assert stat.S_IMODE(os.stat(clockoffset.path()).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(clockoffset.path())).st_mode) == 0o700


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"offset": "x", "at": 1}', b'{"offset": NaN, "at": 1}',
                                     b'{"at": 1800000000}', b"9" * 5000])
def test_a_damaged_record_is_none(home, content):
    clockoffset.save(3.0, now=NOW)
    with open(clockoffset.path(), "wb") as handle:
        handle.write(content)
    assert clockoffset.load(NOW) is None


def test_a_record_that_is_a_symlink_is_none(home, tmp_path):
    (tmp_path / "elsewhere.json").write_text('{"offset": 5, "at": 1800000000}')
    os.makedirs(os.path.dirname(clockoffset.path()), exist_ok=True)
    os.symlink(tmp_path / "elsewhere.json", clockoffset.path())
    assert clockoffset.load(NOW) is None


def test_the_network_check_remembers_what_it_measured(home, certs, servers):
    """A sign-in server whose clock is 10 minutes ahead: this computer's clock is 10 minutes slow."""
    config = configure(home, [servers(cert=certs.good(), date="+10min").url() for _ in range(3)],
                       ca_bundle=certs.bundle)
    assert clockoffset.load() is None
    network.start(config, use_cache=False).collect()
    assert clockoffset.load() == pytest.approx(-600, abs=2)
