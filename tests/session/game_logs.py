"""latest.log as the game writes it (log4j's `[%d{HH:mm:ss}] [%t/%level]: %msg%n`, exceptions on the lines after
their message), with the lines of reference auth.md sections 5 and 12."""

from __future__ import annotations

import time
from pathlib import Path

from tests.builders import mint_jwt

INVALID_AT_START = ("Render thread", "ERROR", "Failed to verify authentication",
                    "com.mojang.authlib.exceptions.InvalidCredentialsException: Status: 401",
                    "\tat com.mojang.authlib.exceptions.MinecraftClientHttpException.toAuthenticationException"
                    "(MinecraftClientHttpException.java:56)")
KEY_REFUSED = ("Worker-Main-7", "ERROR", "Failed to retrieve profile key pair",
               "com.mojang.authlib.exceptions.MinecraftClientHttpException: Status: 401",
               "\tat com.mojang.authlib.minecraft.client.MinecraftClient.readInputStream(MinecraftClient.java:106)")
KEY_UNREACHABLE = ("Worker-Main-7", "ERROR", "Failed to retrieve profile key pair",
                   "com.mojang.authlib.exceptions.MinecraftClientException: Failed to read from "
                   "https://api.minecraftservices.com/player/certificates due to Connection reset")
DUPLICATE = ("Render thread", "WARN", "Client disconnected with reason: You logged in from another location")
ORDINARY = ("Render thread", "INFO", "Loaded 1234 recipes")


def join(host: str = "play.example.net", port: int = 25565) -> tuple[str, ...]:
    return ("Server Connector #1", "INFO", f"Connecting to {host}, {port}")


def entry(at: float, kind: tuple[str, ...]) -> str:
    """One log entry at `at` (epoch seconds, written in local time as the game does)."""
    thread, level, message, *after = kind
    stamp = time.strftime("%H:%M:%S", time.localtime(at))
    return "".join([f"[{stamp}] [{thread}/{level}]: {message}\n", *(f"{line}\n" for line in after)])


def preamble(at: float, token: str | None = None) -> str:
    """The start of a session's log; a modded game may log its own command line, token and all."""
    token = token or mint_jwt(time.time() + 3600)
    return (entry(at, ("main", "INFO", "Setting user: Steve"))
            + entry(at, ("main", "INFO", f"Launching with arguments [--username, Steve, --accessToken, {token}]"))
            + entry(at + 1, ("Render thread", "INFO", "Backend library: LWJGL version 3.3.3")))


def write_log(game_dir: Path, started_at: float, entries: list[tuple[float, tuple[str, ...]]],
              append: bool = False) -> Path:
    """A session's latest.log: the preamble at `started_at`, then `entries` (time, kind)."""
    log = game_dir / "logs" / "latest.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    text = preamble(started_at) + "".join(entry(at, kind) for at, kind in entries)
    with open(log, "a" if append else "w", encoding="utf-8") as handle:
        handle.write(text)
    return log
