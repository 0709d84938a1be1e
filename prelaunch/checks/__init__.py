"""One module per check; each returns findings. `runner` runs them for a launch."""
