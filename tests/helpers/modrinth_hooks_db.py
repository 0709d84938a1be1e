"""App databases with given hooks, for the hooks check's tests and the dialog texts' (Modrinth App)."""

from __future__ import annotations

import json
from pathlib import Path

from prelaunch.model import LaunchContext, LauncherInfo
from tests.helpers.builders import apsw_db, write_modrinth

BIN = "/home/zoë/.local/share/prelaunch/bin"
CHECK, WRAP = f"{BIN}/prelaunch-check", f"{BIN}/prelaunch-wrap"
SPACED = "/home/zoë smith/.local/share/prelaunch/bin"  # 0.10.16 and newer: quoted
HOOKS = ("pre_launch", "wrapper", "post_exit")


def build(root: Path, era: str, global_hooks: tuple, instances: dict[str, tuple]) -> LaunchContext:
    write_modrinth(root, era, users=[], instances={path: f"{path} name" for path in instances})
    db = apsw_db(root / "app.db")
    try:
        db.execute("UPDATE settings SET hook_pre_launch = ?, hook_wrapper = ?, hook_post_exit = ?", global_hooks)
        for path, values in instances.items():
            if era == "0.15+":
                db.execute("UPDATE instance_launch_overrides SET overrides = jsonb_set(overrides, '$.hooks', json(?)) "
                           "WHERE instance_id = (SELECT id FROM instances WHERE path = ?)",
                           (json.dumps(dict(zip(HOOKS, values))), path))
            else:
                db.execute("UPDATE profiles SET override_hook_pre_launch = ?, override_hook_wrapper = ?, "
                           "override_hook_post_exit = ? WHERE path = ?", (*values, path))
    finally:
        db.close()
    return LaunchContext(launcher=LauncherInfo("modrinth", str(root), f"app.db ({era})"))
