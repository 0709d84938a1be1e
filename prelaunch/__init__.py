"""prelaunch: checks what makes "Failed to log in: Invalid session" happen, before the game starts."""

import time

__version__ = "0.1.0"

# When this process began its work (the package is the first thing it imports): `check`'s network deadline
# counts from here, so a launch waits at most the deadline however long the start-up took.
STARTED_AT = time.monotonic()
