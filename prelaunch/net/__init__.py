"""The network: probes of the sign-in hosts, their verdicts, certificates and interceptors, the hosts file, the remembered result."""
