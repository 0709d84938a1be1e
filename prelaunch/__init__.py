"""prelaunch: checks what makes "Failed to log in: Invalid session" happen, before the game starts."""

__version__ = "0.1.0"
