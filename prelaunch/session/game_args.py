"""What a game's command line says about its account: the name and the UUID, and for the wrapper's own game
the token's expiry.

Command lines of game processes hold live tokens. Of another process's command line only `--username` and
`--uuid` are read; the value after `--accessToken` is looked at only in the command line the wrapper was given,
for its expiry, and dropped.
"""

from __future__ import annotations

from prelaunch import identifiers
from prelaunch.identifiers import normalise_uuid

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
                 uuid: str | None = None) -> None:
        self.is_game, self.launcher, self.username, self.uuid = is_game, launcher, username, uuid


def _value_after(argv: list[str], flag: str) -> str | None:
    for index, arg in enumerate(argv[:-1]):
        if arg == flag:
            return argv[index + 1]
    return None


def parse(argv: list[str]) -> GameArgs:
    """Recognise a Minecraft command line and read its account (name and UUID); everything else in it,
    the token above all, is ignored."""
    markers = [MAIN_CLASSES[a] for a in argv if a in MAIN_CLASSES]
    is_game = bool(markers) or "--accessToken" in argv
    if not is_game:
        return GameArgs(False)
    launcher = next((m for m in markers if m), None)
    return GameArgs(True, launcher, _value_after(argv, "--username"), normalise_uuid(_value_after(argv, "--uuid")))


def own_token_expiry(argv: list[str]) -> int | None:
    """The expiry of the token on the wrapper's own game command line (never another process's)."""
    return identifiers.jwt_expiry(_value_after(argv, "--accessToken"))
