"""prelaunch's pre-launch and wrapper command on Windows, run by the environment's pythonw.exe so that no
console window opens (the Modrinth App gives a hook none of its own). Copied as is by `prelaunch install`;
the launcher's command names `check` or `wrap --` after this file."""

import sys

from prelaunch.cli import main

sys.exit(main())
