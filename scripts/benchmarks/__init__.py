"""The parts of ``scripts/bench.py``.

A browser over Flask's test client, the interactions measured, the naive baseline, and
the measures taken in one process.
"""
