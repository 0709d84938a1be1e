#!/bin/sh
# prelaunch's wrapper command. Written by `prelaunch install`. The launcher appends the game's command line;
# `exec` keeps this process the launcher's child, so prelaunch can in turn become the game.
exec @PYTHON@ -I -m prelaunch wrap -- "$@"
