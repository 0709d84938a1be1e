"""What a game's command line says about its account: the name, the UUID and the token's expiry only.

Command lines of game processes hold live tokens. Only `--username` and `--uuid` are kept; the value after
`--accessToken` is looked at for its expiry and dropped.
"""

from __future__ import annotations

from prelaunch import jwt
from prelaunch.uuids import normalise as normalise_uuid

MAIN_CLASSES = {
    "net.minecraft.client.main.Main": None,
    "net.minecraft.launchwrapper.Launch": None,
    "cpw.mods.modlauncher.Launcher": None,
    "cpw.mods.bootstraplauncher.BootstrapLauncher": None,
    "net.minecraftforge.bootstrap.ForgeBootstrap": None,
    "net.neoforged.fml.startup.Client": None,
    "net.fabricmc.loader.impl.launch.knot.KnotClient": None,
    "net.fabricmc.loader.launch.knot.KnotClient": None,
    "org.quiltmc.loader.impl.launch.knot.KnotClient": None,
    "org.prismlauncher.EntryPoint": "prism",
    "org.polymc.EntryPoint": "prism",
    "org.multimc.EntryPoint": "multimc",
    "com.modrinth.theseus.MinecraftLaunch": "modrinth",
    "com.moonsworth.lunar.genesis.Genesis": None,
}


class GameArgs:
    """What a command line says: whether it is a game, its launcher, account name, UUID and token expiry."""

    def __init__(self, is_game: bool, launcher: str | None = None, username: str | None = None,
                 uuid: str | None = None, token_expires_at: int | None = None) -> None:
        self.is_game, self.launcher, self.username = is_game, launcher, username
        self.uuid, self.token_expires_at = uuid, token_expires_at


def _value_after(argv: list[str], flag: str) -> str | None:
    for index, arg in enumerate(argv[:-1]):
        if arg == flag:
            return argv[index + 1]
    return None


def parse(argv: list[str]) -> GameArgs:
    """Recognise a Minecraft command line and read its account; everything else in it is ignored."""
    markers = [MAIN_CLASSES[a] for a in argv if a in MAIN_CLASSES]
    is_game = bool(markers) or "--accessToken" in argv
    if not is_game:
        return GameArgs(False)
    launcher = next((m for m in markers if m), None)
    return GameArgs(True, launcher, _value_after(argv, "--username"),
                    normalise_uuid(_value_after(argv, "--uuid")), jwt.expiry(_value_after(argv, "--accessToken")))
