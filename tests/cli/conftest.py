"""`prelaunch install` and `uninstall` are tested over the installer tests' launcher folders, in their HOME
(a space and a non-ASCII letter in its path)."""

from tests.helpers.homes import home  # noqa: F401 - the installer tests' HOME
from tests.helpers.installs import prism_dir  # noqa: F401 - a Prism data dir with its instances
from tests.helpers.world import installed, world  # noqa: F401 - Prism and Modrinth App, reset per run
