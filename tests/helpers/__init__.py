"""What the tests share; test modules import these, never each other (tests/test_imports.py holds to it).

Launcher files: builders (data folders, accounts and tokens made by code), parsers and parsers_commands (the
launchers' own readers and splitters, as oracles), nasty and hostile_names (values that break naive formats,
names that try to), installs (a Prism folder as Prism writes it; `prelaunch install`), modrinth_app (an
app.db's hooks as the app reads them), world (the installer tests' folders, rebuilt for every run), homes (a
HOME with a space and a non-ASCII letter), launcher_writes (launchers rewriting their sign-in stores).
Processes: game (the stand-in for Java) and launch (starting it, as `java`, or wrapped), game_logs (its
latest.log), session (the tests' own account, watchdogs), crowd (many real processes at once). Computers:
sync and syncthing (folders kept in step), leases (another computer's). Desktop: xserver (Xvfb and a window
manager), popups (`check` asking there). Network: netservers and netfixtures (loopback HTTP/TLS servers, their
certificate authority), netconfig (prelaunch configured for them). Time: faketime. The package: imports (its
modules and their imports). Configuration: configs."""
