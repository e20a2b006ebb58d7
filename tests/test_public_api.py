"""The public API: a handful of names, all importable, the heavy ones loaded lazily."""

from __future__ import annotations

import subprocess
import sys

import eventset


def test_every_public_name_resolves() -> None:
    for name in eventset.__all__:
        assert getattr(eventset, name) is not None, name


def test_importing_eventset_stays_light() -> None:
    heavy = ("datasets", "label_studio_sdk")
    code = f"import sys, eventset; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
