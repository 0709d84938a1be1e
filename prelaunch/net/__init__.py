"""The network: probes of the sign-in hosts and their verdicts, certificates and interceptors, the hosts
file, and the remembered result."""
