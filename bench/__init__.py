"""Benchmarks for eventset (issue 6): run with ``python -m bench`` from the repository root.

Not part of the installed package; ``make bench`` runs it and rewrites ``bench/README.md``.
"""
