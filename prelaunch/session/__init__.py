"""The account while it plays: its lock and holder record, the processes, consent, the wrapper and its watchdog."""
