"""Every exit code prelaunch's commands use, in one place (docs/commands.md's command table is the contract)."""

GO = 0  # check: the launch goes on; other verbs: done
STOP = 1  # check: cancelled or refused by policy; doctor: something at warning or above; explain: unknown text
USAGE = 2  # a command line prelaunch cannot read
WRAP_REFUSED = 1  # wrap: the launch was refused before the game started
WRAP_NOT_FOUND = 127  # wrap: the game's command cannot start
