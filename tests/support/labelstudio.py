"""Fixtures that start a REAL Label Studio server (filled in by the annotate work)."""
