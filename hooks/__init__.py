"""What the launchers run, in source form. Installed as the package `prelaunch.hooks` (see pyproject.toml); the
installer fills in the private environment's interpreter and writes the scripts into prelaunch's data folder."""
