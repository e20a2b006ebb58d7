"""Pause Python's cyclic garbage collector around bulk work that creates no reference cycles.

Builds and imports create millions of small acyclic objects; every full collection re-walks all
of them while they are alive (about a third of a build's CPU, with the same peak memory without
it; see bench/README.md).

Example:
    >>> with cyclic_gc_paused():
    ...     rows = [{"n": n} for n in range(3)]
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; restore its previous state after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
