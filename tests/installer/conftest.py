"""Every installer test runs in a HOME whose path holds a space and a non-ASCII letter, so every path prelaunch
writes into a launcher's files (its scripts, its environment's Python) has both; a Prism data dir and the
installer tests' world are fixtures here."""

from tests.helpers.homes import home  # noqa: F401 - the HOME with a space and a non-ASCII letter
from tests.helpers.installs import prism_dir  # noqa: F401 - a Prism data dir with its instances
from tests.helpers.world import installed, world  # noqa: F401 - Prism and Modrinth App, reset per run
