"""Benchmarks of the service: `make bench` runs `python -m bench.run`."""
