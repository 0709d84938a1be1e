"""Two real Syncthing instances on one machine, one per "computer" (reference: auth.md section 12, "Two Syncthing
instances on one machine"): each with its own `--home`, its GUI/API and its sync on 127.0.0.1 ports of the test's
own, discovery, relays, NAT, crash reports and upgrades off, paired through the REST API, one folder shared.

`config.xml` is edited before the first start (the generated defaults announce, relay and listen on every address
from the first second). `serve` runs as two processes (a monitor and the real one) in a session of their own: a
stop asks over REST, then ends the process group.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import requests

FOLDER_ID = "prelaunch-test"
START_WAIT_S = 30.0
PAIR_WAIT_S = 60.0
_OFF = {"globalAnnounceEnabled": "false", "localAnnounceEnabled": "false", "relaysEnabled": "false",
        "natEnabled": "false", "stunServer": "", "announceLANAddresses": "false", "crashReportingEnabled": "false",
        "autoUpgradeIntervalH": "0", "urAccepted": "-1", "startBrowser": "false", "reconnectionIntervalS": "5"}
_ENV_OFF = ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
            "NO_PROXY")


def missing() -> str | None:
    """Why the real-sync tests cannot run here, or None."""
    if shutil.which("syncthing") is None:
        return "syncthing is not installed (Debian package `syncthing`): the test across a real sync engine needs it"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Syncthing:
    """One instance: `home` its config and database, `folder` the folder it shares."""

    def __init__(self, home: Path, folder: Path, name: str) -> None:
        self.home, self.folder, self.name = home, folder, name
        self.api_key = secrets.token_hex(16)
        self.gui_port, self.sync_port = free_port(), free_port()
        self.process: subprocess.Popen | None = None
        self.http = requests.Session()
        self.http.trust_env = False  # no proxy, no netrc: 127.0.0.1 only
        self.http.headers["X-API-Key"] = self.api_key
        home.mkdir(parents=True, exist_ok=True)
        folder.mkdir(parents=True, exist_ok=True)
        self.env = {k: v for k, v in os.environ.items() if k not in _ENV_OFF}
        self.env.update(HOME=str(home), STNODEFAULTFOLDER="1", STNOUPGRADE="1", STNORESTART="1")
        subprocess.run(["syncthing", "generate", f"--home={home}", "--no-default-folder", "--skip-port-probing"],
                       env=self.env, check=True, capture_output=True, timeout=60)
        self.device_id = subprocess.run(["syncthing", "serve", "--device-id", f"--home={home}"], env=self.env,
                                        check=True, capture_output=True, text=True, timeout=60).stdout.strip()
        self._configure()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.gui_port}"

    @property
    def address(self) -> str:
        return f"tcp://127.0.0.1:{self.sync_port}"

    def _configure(self) -> None:
        path = self.home / "config.xml"
        tree = ElementTree.parse(path)
        root = tree.getroot()
        gui = root.find("gui")
        gui.find("address").text = f"127.0.0.1:{self.gui_port}"
        gui.find("apikey").text = self.api_key
        options = root.find("options")
        options.find("listenAddress").text = self.address
        for key, value in _OFF.items():
            element = options.find(key)
            if element is None:
                element = ElementTree.SubElement(options, key)
            element.text = value
        root.find("device").set("name", self.name)
        tree.write(path)

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["syncthing", "serve", f"--home={self.home}", "--no-browser", "--no-restart", "--no-upgrade",
             f"--gui-address=127.0.0.1:{self.gui_port}"],
            env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        end = time.monotonic() + START_WAIT_S
        while time.monotonic() < end:
            try:
                if self.http.get(f"{self.url}/rest/system/ping", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"syncthing {self.name} exited with {self.process.returncode}")
            time.sleep(0.1)
        raise RuntimeError(f"syncthing {self.name} did not answer within {START_WAIT_S:g} s")

    def rest(self, method: str, path: str, **kwargs) -> requests.Response:
        answer = self.http.request(method, f"{self.url}{path}", timeout=10, **kwargs)
        answer.raise_for_status()
        return answer

    def share_with(self, other: Syncthing, watcher_delay_s: float) -> None:
        """Know the other device at its explicit address, and share the folder with it."""
        self.rest("POST", "/rest/config/devices", json={
            "deviceID": other.device_id, "name": other.name, "addresses": [other.address],
            "autoAcceptFolders": False})
        self.rest("POST", "/rest/config/folders", json={
            "id": FOLDER_ID, "label": FOLDER_ID, "path": str(self.folder), "type": "sendreceive",
            "devices": [{"deviceID": self.device_id}, {"deviceID": other.device_id}],
            "fsWatcherEnabled": True, "fsWatcherDelayS": watcher_delay_s, "rescanIntervalS": 3600})

    def reconnect(self, other: Syncthing) -> None:
        """Pause and resume the other device: a new connection attempt now rather than in 20 s."""
        self.rest("POST", f"/rest/system/pause?device={other.device_id}")
        self.rest("POST", f"/rest/system/resume?device={other.device_id}")

    def stop(self) -> None:
        """Ask it to shut down, then end what is left of its process group (the monitor and the real one)."""
        if self.process is None:
            return
        try:
            self.rest("POST", "/rest/system/shutdown")
            self.process.wait(timeout=10)
        except (requests.RequestException, subprocess.TimeoutExpired):
            pass
        self._end_group()
        self.http.close()

    def _end_group(self) -> None:
        group = self.process.pid  # its own session: the group's id is the monitor's pid
        for sig in (signal.SIGTERM, signal.SIGKILL):
            end = time.monotonic() + 5
            try:
                os.killpg(group, sig)
                while time.monotonic() < end:
                    self.process.poll()  # reap the monitor: a zombie still counts as the group's
                    os.killpg(group, 0)  # raises once no process of the group is left
                    time.sleep(0.05)
            except ProcessLookupError:
                break
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass

    def kill(self) -> None:
        """Switch this computer off: no goodbye to the other device."""
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._end_group()


def wait_for(predicate, timeout: float, step: float = 0.02) -> float | None:
    """Seconds until `predicate()` held, or None when it did not within `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(step)
    return None


def holds(path: Path, data: bytes) -> bool:
    """Whether the file at `path` holds `data` now (Syncthing removes a file before it renames the new one into
    place, so for a moment it is not there at all)."""
    try:
        return path.read_bytes() == data
    except FileNotFoundError:
        return False


def pair(a: Syncthing, b: Syncthing, watcher_delay_s: float = 1) -> None:
    """Start both, pair them, share the folder, and wait until a file written on each side arrives on the
    other ("connected" comes before a working data path)."""
    a.start()
    b.start()
    a.share_with(b, watcher_delay_s)
    b.share_with(a, watcher_delay_s)
    for source, target in ((a, b), (b, a)):
        probe = f"probe-{source.name}-{secrets.token_hex(4)}.txt"
        (source.folder / probe).write_text("probe")
        arrived = (target.folder / probe).exists
        waited = wait_for(arrived, PAIR_WAIT_S / 2)
        if waited is None:  # both sides dialled at once; a new attempt now instead of after 20 s
            a.reconnect(b)
            waited = wait_for(arrived, PAIR_WAIT_S / 2)
        if waited is None:
            raise RuntimeError(f"a file written on {source.name} did not reach {target.name}")
