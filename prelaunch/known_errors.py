"""`prelaunch explain TEXT`: what a launcher, game or server message means, whose side it is, what helps."""

from __future__ import annotations

import re
from dataclasses import dataclass

RESTART_AND_RESIGN = (
    "Quit the game, restart the launcher (it fetches a fresh token), and launch again.",
    "If that does not help, sign out of the account in the launcher and sign in again.",
    "Make sure only one game runs on this account: a second launch of the same account breaks the first.",
    "Make sure your computer's clock is set automatically.",
)


@dataclass(frozen=True)
class Explanation:
    key: str
    phrases: tuple[str, ...]  # any one, matched in the normalised text
    side: str  # "client", "server", "account", "version" or "outage"
    meaning: str
    why: str
    fixes: tuple[str, ...]


EXPLANATIONS = (
    Explanation("unverified_username", ("failed to verify username", "tried to join with an invalid session"),
                "server", 'The server kicked you: "Failed to verify username!"',
                "The server asked Mojang whether you had joined, and Mojang said no: the game skipped the join "
                "step, which is what an offline (non-premium) account does, or the join was refused.",
                ("Check the account is a Microsoft account, not an offline one (prelaunch doctor says which).",
                 *RESTART_AND_RESIGN[:2])),
    Explanation("invalid_session", ("invalid session",), "client",
                'Your game was refused by Mojang\'s session server: "Invalid session"',
                "The game's access token is no longer valid: it is older than its 24-hour life, the launcher "
                "handed over a stale one, or the same account was started a second time.",
                RESTART_AND_RESIGN),
    Explanation("invalid_token", ("invalid token",), "client", '"Invalid token": a refused session token',
                "The old authentication server's wording for a token that is no longer valid; today's game shows "
                "it as \"Invalid session\".", RESTART_AND_RESIGN),
    Explanation("servers_unreachable",
                ("authentication servers are currently not reachable", "authentication servers are not reachable",
                 "failed to request yggdrasil public key"),
                "client", "Your game could not reach the sign-in servers",
                "Any network failure looks like this to the game: no connection, a DNS problem, a hosts-file entry "
                "for a Mojang host, an antivirus, VPN or proxy intercepting HTTPS (Java refuses its certificate), "
                "an old Java without current root certificates, or an outage at Mojang or Microsoft.",
                ("Run `prelaunch doctor`: it probes each sign-in host and names what is in the way.",
                 "Turn off HTTPS scanning in your antivirus (Avast, AVG, Kaspersky, ESET, Bitdefender ...) or add "
                 "the game's Java to its exceptions; disconnect any VPN or proxy.",
                 "Remove hosts-file lines that mention mojang.com, minecraft.net or xboxlive.com.",
                 "If everything else works, the servers are down: wait and try again later.")),
    Explanation("servers_down", ("authentication servers are down",), "outage",
                "The server could not reach Mojang's session server to check you",
                "This is on the server's side (or Mojang's); nothing on your computer causes it.",
                ("Wait a few minutes and join again.", "Tell the server's admin if it keeps happening.")),
    Explanation("multiplayer_disabled", ("multiplayer is disabled",), "account",
                "Your Microsoft account is not allowed to play online",
                "The account's Xbox privacy or family settings forbid multiplayer.",
                ("Sign in at the Xbox privacy settings page and allow \"You can join multiplayer games\".",
                 "For a child account, a parent allows it in Microsoft Family Safety.",
                 "Restart the launcher so it picks up the change.")),
    Explanation("banned", ("banned from playing online",), "account", "This account is banned from online play",
                "Mojang suspended multiplayer for this account (or it must change its name first).",
                ("Read the e-mail Mojang sent to the account's address; an appeal goes through Minecraft support.",)),
    Explanation("duplicate_login", ("logged in from another location",), "server",
                "The same account joined this server again from another game",
                "A server allows one connection per account; the newer one wins.",
                ("Close the other game that uses this account (prelaunch status lists them).",)),
    Explanation("name_taken", ("name is already taken",), "server",
                "The same account is already in this LAN world",
                "Two games on one account joined the same LAN world.",
                ("Use a different account for the second game.",)),
    Explanation("expired_public_key", ("expired profile public key",), "client",
                "Your chat signing key had expired: usually a wrong system clock",
                "The game renews its chat key by your local clock; a clock that is off lets the key run out.",
                ("Set your clock to update automatically, then restart the game.",)),
    Explanation("out_of_order_chat", ("out of order chat",), "client", "Your clock jumped during play",
                "Chat messages carry time stamps; a clock that changed mid-game makes them arrive out of order.",
                ("Set your clock to update automatically, then rejoin.",)),
    Explanation("version_mismatch", ("outdated client", "outdated server", "incompatible client"), "version",
                "Your game version does not match the server's (this is not a sign-in problem)",
                "The server runs another Minecraft version than your instance.",
                ("Launch an instance with the version the server names, or ask the admin which versions it takes.",)),
    Explanation("fetch_user_properties", ("failed to fetch user properties",), "client",
                "The token was already invalid when the game started",
                "The game logs this when its token is refused at start; joining a server will then fail with "
                "\"Invalid session\".", RESTART_AND_RESIGN),
    Explanation("bad_login", ("bad login",), "client", '"Bad login": the pre-2013 login system',
                "Very old game versions used a login service that no longer exists.",
                ("Use a current launcher with a Microsoft account; old versions play offline only.",)),
)


def normalise(text: str) -> str:
    """Lower case, words only, single spaces: wording drift in punctuation and case does not matter."""
    text = re.sub(r"[^a-z0-9]+", " ", text.lower())
    return f" {text.strip()} "


def find(text: str) -> Explanation | None:
    """The first explanation one of whose phrases stands in the text as whole words."""
    normalised = normalise(text)
    for explanation in EXPLANATIONS:
        if any(normalise(phrase) in normalised for phrase in explanation.phrases):
            return explanation
    return None


def render(text: str) -> tuple[str, bool]:
    """What `prelaunch explain` prints, and whether the text was recognised."""
    found = find(text)
    if found is None:
        return ("prelaunch does not know this message.\n"
                "Run `prelaunch doctor` for a full check of your account, clock and sign-in servers."), False
    lines = [found.meaning, f"Whose side: {found.side}", f"Why: {found.why}", "What to do, in order:"]
    lines += [f"  {number}. {fix}" for number, fix in enumerate(found.fixes, 1)]
    return "\n".join(lines), True
