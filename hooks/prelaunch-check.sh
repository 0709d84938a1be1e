#!/bin/sh
# prelaunch's pre-launch command (Prism Launcher, MultiMC, Modrinth App). Written by `prelaunch install`.
# -I: nothing in the working directory (the instance folder) or in PYTHON* variables can shadow prelaunch.
# Arguments after the script are `check`'s: `--then CMD...` runs the player's own pre-launch command.
exec @PYTHON@ -I -m prelaunch check "$@"
