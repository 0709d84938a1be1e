"""Real loopback servers for the network tests: HTTPS with chosen certificates, status, delay and Date,
listeners that never answer, servers that break off mid-answer or answer forever one byte at a time, refused
ports."""

from __future__ import annotations

import datetime
import socket
import ssl
import threading
import time
from email.utils import formatdate
from pathlib import Path

import trustme


class Server:
    """One listener on 127.0.0.1 (or ::1); `behaviour` decides what each connection gets."""

    def __init__(self, behaviour: str = "ok", status: int = 200, delay: float = 0.0, date: str | None = "now",
                 cert: trustme.LeafCert | None = None, family: int = socket.AF_INET) -> None:
        self.behaviour, self.status, self.delay, self.date_mode = behaviour, status, delay, date
        self.context = None
        if cert is not None:
            self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            cert.configure_cert(self.context)
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("::1" if family == socket.AF_INET6 else "127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.host = "[::1]" if family == socket.AF_INET6 else "127.0.0.1"
        self.stopped = threading.Event()
        self.held: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def url(self, path: str = "/") -> str:
        scheme = "https" if self.context else "http"
        return f"{scheme}://{self.host}:{self.port}{path}"

    def _date(self) -> str | None:
        if self.date_mode == "now":
            return formatdate(usegmt=True)
        if self.date_mode == "+10min":
            return formatdate(time.time() + 600, usegmt=True)
        return self.date_mode  # None (no header) or a literal, possibly malformed

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        if self.behaviour == "silent":  # accept TCP, then never say anything
            self.held.append(conn)
            return
        try:
            conn.settimeout(10)
            if self.context:
                conn = self.context.wrap_socket(conn, server_side=True)
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                head += chunk
            time.sleep(self.delay)
            if self.behaviour == "drip":  # a header line that never ends, one byte at a time
                conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                while not self.stopped.is_set():
                    conn.sendall(b"x")
                    time.sleep(0.2)
                return
            if self.behaviour == "half":  # breaks off inside the status line
                conn.sendall(b"HTTP/1.1 20")
                return
            date = self._date()
            lines = [f"HTTP/1.1 {self.status} Whatever"] + ([f"Date: {date}"] if date is not None else [])
            conn.sendall(("\r\n".join(lines + ["Content-Length: 0", "Connection: close"]) + "\r\n\r\n").encode())
        except (OSError, ssl.SSLError):
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def stop(self) -> None:
        """Stop listening for good: once this returns, connecting is refused."""
        self.stopped.set()
        self.thread.join(1)  # accept() wakes within its 0.05 s timeout; closing under it would keep listening
        self.sock.close()
        for conn in self.held:
            conn.close()


def refused_url(scheme: str = "https") -> str:
    """A loopback port with nobody listening."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"{scheme}://127.0.0.1:{port}/"


class Certificates:
    """A test CA (written where `[network] ca_bundle` can name it) and leaf certificates of every kind."""

    def __init__(self, folder: Path) -> None:
        self.ca = trustme.CA()
        self.bundle = folder / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.bundle))

    def good(self) -> trustme.LeafCert:
        return self.ca.issue_cert("127.0.0.1", "::1", "localhost")

    def expired(self) -> trustme.LeafCert:
        now = datetime.datetime.now(datetime.timezone.utc)
        return self.ca.issue_cert("127.0.0.1", not_before=now - datetime.timedelta(days=30),
                                  not_after=now - datetime.timedelta(days=1))

    def not_yet_valid(self) -> trustme.LeafCert:
        now = datetime.datetime.now(datetime.timezone.utc)
        return self.ca.issue_cert("127.0.0.1", not_before=now + datetime.timedelta(days=1),
                                  not_after=now + datetime.timedelta(days=30))

    def wrong_host(self) -> trustme.LeafCert:
        return self.ca.issue_cert("login.example.invalid")

    @staticmethod
    def antivirus() -> trustme.LeafCert:
        """Issued by a CA that is not trusted here and is named like Avast's HTTPS-scanning root."""
        avast = trustme.CA(organization_name="Avast Web/Mail Shield Root",
                           organization_unit_name="generated by Avast Antivirus for SSL/TLS scanning")
        return avast.issue_cert("127.0.0.1")
