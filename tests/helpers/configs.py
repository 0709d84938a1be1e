"""Configuration files the tests write."""

from __future__ import annotations

BROKEN_QUIET = (
    '[session]\non_account_in_use = "block"\n'
    '[network]\nendpoints = ["https://127.0.0.1:1/"]\n\n'
    '[quiet.accounts]\n"Ste"ve" = ["token"]\n'  # line 7: a quote inside a name, not written \"
    '[ui]\nmode = "console"\n')
