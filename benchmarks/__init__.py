"""Benchmarks of c2c-assistant; run each from the repository root as `python -m benchmarks.<name>`.

Kept empty of imports: the cold-start children (`benchmarks.latency_*`) import this package first.
"""
