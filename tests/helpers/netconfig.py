"""prelaunch's configuration for the network tests: the loopback endpoints, their certificate authority,
the deadline and a hosts file of the test's own."""

from __future__ import annotations

import json

from prelaunch import config as config_module

DEADLINE = 2.0


def configure(home, endpoints, control="", ca_bundle="", extra="", deadline=DEADLINE, timeout=1.5, hosts=None):
    text = (f"[network]\nendpoints = {json.dumps(endpoints)}\ncontrol = {json.dumps(control)}\n"
            f"ca_bundle = {json.dumps(str(ca_bundle))}\ndeadline = {deadline}\ntimeout = {timeout}\n"
            f"hosts_file = {json.dumps(str(home / 'hosts'))}\n{extra}")
    (home / "prelaunch.toml").write_text(text, encoding="utf-8")
    (home / "hosts").write_text(hosts or "127.0.0.1 localhost\n::1 ip6-localhost\n", encoding="utf-8")
    return config_module.load()
