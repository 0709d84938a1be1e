"""Which running launcher is in the way of an install: real processes named like the launchers (copies of
sleep), handed to the scan; each works on a data folder as its launcher does (Prism and MultiMC in their
working directory, the Modrinth App where its environment puts it)."""

import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from prelaunch.installer import running
from tests.helpers.builders import write_prism


def start(tmp_path: Path, name: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.Popen:
    fake = tmp_path / f"bin-{len(list(tmp_path.glob('bin-*')))}" / name
    fake.parent.mkdir()
    shutil.copy("/bin/sleep", fake)
    proc = subprocess.Popen([str(fake), "60"], cwd=cwd, env=env)
    end = time.monotonic() + 10
    while not psutil.Process(proc.pid).cmdline() and time.monotonic() < end:  # its exec not done yet: the name
        time.sleep(0.01)  # longer than the 15 characters Linux keeps is read from the command line
    return proc


@pytest.fixture
def launchers():
    started = []
    yield started
    for proc in started:
        proc.kill()
        proc.wait()


def in_the_way(files, *procs: subprocess.Popen) -> list[tuple[str, int, str]]:
    return running.in_the_way(files, [psutil.Process(proc.pid) for proc in procs])


@pytest.mark.parametrize("name", ["ModrinthApp", "modrinth-app-wrapped", "Modrinth App"])
def test_modrinth_app_process_names(tmp_path, launchers, name):
    """The Linux AppImage's binary, the Flathub build's (longer than the 15 characters Linux keeps of a
    process name) and the Windows/macOS one."""
    data = tmp_path / "data"
    launchers.append(app := start(tmp_path, name, env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(data)}))
    db = str(data / "ModrinthApp" / "app.db")
    assert in_the_way([("modrinth", db)], app) == [("modrinth", app.pid, name)]
    assert in_the_way([("prism", db), ("multimc", db)], app) == []


def test_prism_is_in_the_way_of_its_own_data_folder_only(tmp_path, launchers):
    """Prism works in its data folder; its instances may be elsewhere (InstanceDir)."""
    ours = write_prism(tmp_path / "ours", instances={"v": {"name": "V"}})
    (ours / "prismlauncher.cfg").write_text(f"[General]\nInstanceDir={tmp_path / 'far' / 'instances'}\n")
    other = write_prism(tmp_path / "portable", instances={"v": {"name": "V"}})
    files = [("prism", str(ours / "prismlauncher.cfg")), ("prism", str(tmp_path / "far/instances/v/instance.cfg"))]
    launchers.append(here := start(tmp_path, "prismlauncher", cwd=ours))
    launchers.append(there := start(tmp_path, "prismlauncher", cwd=other))
    assert in_the_way(files, here, there) == [("prism", here.pid, "prismlauncher")]
    assert in_the_way(files[1:], here) == [("prism", here.pid, "prismlauncher")]  # an instance far away
    assert in_the_way([("multimc", f) for _, f in files], here) == []


def test_modrinth_app_is_in_the_way_where_its_environment_puts_it(tmp_path, launchers):
    config = tmp_path / "theseus"
    custom = tmp_path / "big disk"
    (config).mkdir()
    with sqlite3.connect(config / "app.db") as db:
        db.execute("CREATE TABLE settings (id INTEGER, custom_dir TEXT)")
        db.execute("INSERT INTO settings VALUES (0, ?)", (str(custom),))
    launchers.append(app := start(tmp_path, "ModrinthApp", env={"THESEUS_CONFIG_DIR": str(config)}))
    launchers.append(elsewhere := start(tmp_path, "ModrinthApp", env={"HOME": str(tmp_path / "someone")}))
    files = [("modrinth", str(config / "app.db")), ("modrinth", str(custom / "profiles/p/profile.json"))]
    assert in_the_way(files, app, elsewhere) == [("modrinth", app.pid, "ModrinthApp")]
    assert in_the_way(files[1:], app) == [("modrinth", app.pid, "ModrinthApp")]  # the folder it moved to
    legacy = tmp_path / "someone/.config/com.modrinth.theseus/settings.json"
    assert in_the_way([("modrinth", str(legacy))], app, elsewhere) == [("modrinth", elsewhere.pid, "ModrinthApp")]


class AnotherUsers(psutil.Process):
    """A real process, whose working directory and environment answer as another user's process does to a
    user who may not read them (these tests may run as root, who may read every process's)."""

    def cwd(self):
        raise psutil.AccessDenied(self.pid)

    def environ(self):
        raise psutil.AccessDenied(self.pid)


@pytest.mark.parametrize("name, kind", [("ModrinthApp", "modrinth"), ("prismlauncher", "prism")])
def test_a_launcher_whose_folder_cannot_be_told_is_in_the_way(tmp_path, launchers, name, kind):
    (tmp_path / "its own").mkdir()
    launchers.append(app := start(tmp_path, name, cwd=tmp_path / "its own", env={"HOME": str(tmp_path / "its own")}))
    files = [(kind, str(tmp_path / "elsewhere" / "app.db"))]
    assert in_the_way(files, app) == []
    assert running.in_the_way(files, [AnotherUsers(app.pid)]) == [(kind, app.pid, name)]


def test_a_launcher_that_ended_is_not_in_the_way(tmp_path):
    app = start(tmp_path, "prismlauncher", cwd=tmp_path)
    proc = psutil.Process(app.pid)
    app.kill()
    app.wait()
    assert running.in_the_way([("prism", str(tmp_path / "prismlauncher.cfg"))], [proc]) == []


@pytest.mark.parametrize("platform, env, expected", [
    ("linux", {"HOME": "/h"}, ["/h/.local/share/ModrinthApp", "/h/.config/com.modrinth.theseus"]),
    ("linux", {"HOME": "/h", "XDG_DATA_HOME": "/d", "XDG_CONFIG_HOME": "rel"},
     ["/d/ModrinthApp", "/h/.config/com.modrinth.theseus"]),  # a relative XDG value is not taken
    ("linux", {"THESEUS_CONFIG_DIR": "/t"}, ["/t"]),
    ("darwin", {"HOME": "/Users/s"}, ["/Users/s/Library/Application Support/ModrinthApp",
                                      "/Users/s/Library/Application Support/com.modrinth.theseus"]),
    ("linux", {}, []),
])
def test_modrinth_settings_folders_from_an_environment(platform, env, expected):
    assert running.modrinth_settings_dirs(env, platform) == expected


def test_on_windows_the_settings_folder_is_in_appdata():
    found = running.modrinth_settings_dirs({"APPDATA": "/Users/s/AppData/Roaming"}, "win32")
    assert found == [os.path.realpath("/Users/s/AppData/Roaming/ModrinthApp"),
                     os.path.realpath("/Users/s/AppData/Roaming/com.modrinth.theseus")]
