"""`prelaunch explain TEXT`: what a launcher, game or server message means, whose side it is, what helps."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The steps for a stale or refused sign-in, in the order the project's source article gives them (a fresh
# token is fetched only when the game starts; the launcher keeps a cached one; sign-out rebuilds it), with
# what prelaunch adds: the one-game-per-account rule it enforces, and the account, outage and clock checks.
QUIT_AND_RELAUNCH = ("Quit Minecraft completely (leaving the server or the world is not enough) and launch it "
                     "again: the launcher hands the game a new token only at start.")
RESTART_LAUNCHER = ("Still failing: close the launcher itself too and open it again, so it stops reusing its "
                    "cached token.")
SIGN_OUT_IN = ("Still failing: in the launcher, sign out of the Microsoft account and sign in again: that "
               "replaces the stored credentials, which a restart does not.")
ONE_GAME = ("Make sure only one game runs on this account, on this computer and on others: the newest launch "
            "wins and the older one gets \"Invalid session\". End leftover game processes (`prelaunch status` "
            "lists the games it knows).")
ACCOUNT_HEALTHY = ("Check that the account can sign in at xbox.com and minecraft.net; an account that only ever "
                   "signed in with one-time e-mail codes may need a real password set first.")
OUTAGE = ("If many players fail at once, Mojang's or Xbox's sign-in is down: wait and try later "
          "(`prelaunch doctor` probes the sign-in servers).")
CLOCK_AND_FILTERS = ("Set the date, time and time zone to update automatically; turn off a VPN, proxy or "
                     "antivirus HTTPS scanning briefly to see whether it is in the way.")
STALE_SIGN_IN = (QUIT_AND_RELAUNCH, RESTART_LAUNCHER, SIGN_OUT_IN, ONE_GAME, ACCOUNT_HEALTHY, OUTAGE,
                 CLOCK_AND_FILTERS)
REBUILD_SIGN_IN = (SIGN_OUT_IN.replace("Still failing: in", "In"), ACCOUNT_HEALTHY, OUTAGE, CLOCK_AND_FILTERS)


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
                "The server asked Mojang's session server whether you had joined and got no. Restarting your "
                "game or launcher does not change that. The usual causes: a Mojang outage (neither side can "
                "reach the session server); an offline, non-premium or cracked account on a server in online "
                "mode (online-mode=true, the server.properties default); or, for server owners, a BungeeCord or "
                "Velocity proxy whose backend servers are not set up to run in offline mode behind it.",
                ("Play with a genuine Microsoft account that owns Minecraft (`prelaunch doctor` shows the "
                 "account's type), or pick a server that allows offline accounts.",
                 "If others cannot join either, it is an outage: wait and try later.",
                 "Running the server behind BungeeCord or Velocity: set the backends to online-mode=false with "
                 "the proxy's player-info forwarding on, and online mode on the proxy.",
                 "Otherwise tell the server's admin: the check happens on their side.")),
    Explanation("cracked_launcher", ("tlauncher", "t launcher", "cracked launcher", "cracked account",
                                     "sklauncher", "non premium", "nonpremium"),
                "account", "Cracked and third-party launchers (TLauncher and the like) have no Microsoft session",
                "They make up session ids Mojang never issued, so no online-mode server can verify the account. "
                "This is not a stale token: there is nothing to refresh, and restarting changes nothing.",
                ("Sign in with a genuine Microsoft account that owns Minecraft, in an official launcher or one "
                 "that signs in with Microsoft (Prism Launcher, MultiMC, Modrinth App).",
                 "Without one, play singleplayer, LAN or servers running in offline mode.")),
    Explanation("xbox_live", ("unable to authenticate with xbox live", "authenticate with xbox live",
                              "xbox live authentication failed"),
                "account", '"Login failed. Unable to authenticate with Xbox live.": the stored sign-in no '
                "longer works",
                "The launcher's Microsoft/Xbox credentials stopped checking out, the same family as "
                "\"Invalid session\". Restarting alone does not rebuild them. Xbox sign-in also fails when the "
                "clock is off by more than about four minutes.",
                REBUILD_SIGN_IN),
    Explanation("invalid_session", ("invalid session",), "client",
                'Your game was refused by Mojang\'s session server: "Invalid session"',
                "The game's access token is no longer valid: the game stayed open past the token's 24-hour "
                "life, the launcher handed over a stale one, the launcher renewed the account's sign-in while "
                "the game was running (Prism's Refresh button, Prism's background renewal before 11.0.3, a launch "
                "of the same account in another launcher or on another computer: the running game keeps playing "
                "but its session is over), or the same account was started a second time (the older game loses). "
                "This is your side, not the server's, and not a version problem.",
                STALE_SIGN_IN),
    Explanation("invalid_token", ("invalid token",), "client",
                '"Invalid token": the stored sign-in no longer checks out',
                "The same family as \"Invalid session\": the old sign-in server's wording for a token that is "
                "no longer valid (today's game shows \"Invalid session\").", STALE_SIGN_IN),
    Explanation("modrinth_auth_file", ("minecraft_auth json", "minecraft auth json"), "client",
                "minecraft_auth.json belongs to the Modrinth App only",
                "Clearing the Modrinth App's cache and minecraft_auth.json works around a token-renewal bug of "
                "its versions 0.7 and later; other launchers keep their sign-in elsewhere, so deleting it does "
                "nothing for them.",
                ("In other launchers, sign out of the Microsoft account and sign in again instead.",
                 "In the Modrinth App, update it: newer versions renew the sign-in before it runs out.")),
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
                "The server runs another Minecraft version than your instance; signing in again or restarting "
                "does not change it.",
                ("Launch an instance with the version the server names, or ask the admin which versions it takes.",)),
    Explanation("key_pair_refused", ("failed to retrieve profile key pair",), "client",
                "The game's sign-in stopped working while it ran (when the lines after it say 401)",
                "The game asks for a new chat key now and then; a refusal late in a session means its sign-in "
                "was replaced or ran out meanwhile: the launcher renewed the account while the game ran (Prism's "
                "Refresh button, a background renewal, a launch of the account elsewhere), or the game ran past "
                "the token's 24-hour life. The game plays on, but online servers now answer \"Invalid session\". "
                "Lines after it that name a connection failure instead mean the sign-in servers could not be "
                "reached.", STALE_SIGN_IN),
    Explanation("fetch_user_properties", ("failed to fetch user properties", "failed to verify authentication"),
                "client",
                "The token was already invalid when the game started (when the lines after it say "
                "InvalidCredentialsException)",
                "The game logs this when its token is refused at start; joining a server will then fail with "
                "\"Invalid session\".", STALE_SIGN_IN),
    Explanation("bad_login", ("bad login",), "client", '"Bad login": the stored sign-in no longer checks out',
                "Today this is the same family as \"Invalid session\", and signing out and in is what rebuilds "
                "the credentials (a restart only refreshes a token). In very old game versions (before 2013) it "
                "was the reply of a login service that no longer exists; those versions can only play offline.",
                (*REBUILD_SIGN_IN,
                 "On a pre-2013 game version: use a current launcher with a Microsoft account, or play offline.")),
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
