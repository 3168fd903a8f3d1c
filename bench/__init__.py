"""Benchmarks of evkg (not tests): `python -m bench`."""
