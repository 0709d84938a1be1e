"""The command launchers run: `<venv python> prelaunch_entry.py check|wrap ...`.

The installer copies this file next to prelaunch's virtual environment. It is the console script without
the costs a generated script adds (`re`, or `runpy` for `python -m`): the wrapper runs before every game.
"""

import sys

from prelaunch.cli import main

sys.exit(main())
