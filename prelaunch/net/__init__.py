"""The network: probes of the sign-in hosts, certificates and interceptors, the hosts file, the remembered
result."""
