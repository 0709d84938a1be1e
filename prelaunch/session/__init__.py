"""The account while it plays: its lock and holder record, the small records beside it (consent), the
processes, the wrapper and its watchdog."""
