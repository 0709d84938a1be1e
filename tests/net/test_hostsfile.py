"""Hosts-file lines that redirect sign-in hosts."""

from __future__ import annotations

from prelaunch.net import hostsfile
from prelaunch.net.hostsfile import Redirect


def test_watched_lines_with_their_names(tmp_path):
    path = tmp_path / "hosts"
    path.write_text("127.0.0.1 localhost\n# 0.0.0.0 sessionserver.mojang.com\n"
                    "0.0.0.0 SessionServer.Mojang.com. other.example  # alt tool\n\n"
                    "10.0.0.1 login.live.com user.auth.xboxlive.com\n10.0.0.2 mojang.com.example\n"
                    "10.0.0.3 api.example\n", encoding="utf-8")
    assert hostsfile.redirects(str(path), ("api.example",)) == [
        Redirect(3, "0.0.0.0 SessionServer.Mojang.com. other.example  # alt tool", ("sessionserver.mojang.com",)),
        Redirect(5, "10.0.0.1 login.live.com user.auth.xboxlive.com", ("login.live.com", "user.auth.xboxlive.com")),
        Redirect(7, "10.0.0.3 api.example", ("api.example",))]


def test_an_unreadable_file_has_no_lines(tmp_path):
    assert hostsfile.redirects(str(tmp_path / "missing")) == []
    (tmp_path / "binary").write_bytes(b"\xff\xfe 1.2.3.4 login.live.com\n")
    assert [r.names for r in hostsfile.redirects(str(tmp_path / "binary"))] == [("login.live.com",)]
