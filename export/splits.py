"""Deterministic document-level splits, optionally keeping groups of documents together.

Groups (a document, or every document sharing a metadata value) are ordered by a seeded hash of
their key, then laid end to end over [0, 1); each group goes to the split its midpoint falls in.
The result depends only on the keys, their sizes and the seed, never on the input order.

Example:
    >>> assign_splits({"a": "a", "b": "b", "c": "c", "d": "d"}, parse_splits("0.5,0.25,0.25"), 1)
    {'a': 'train', 'b': 'train', 'c': 'validation', 'd': 'test'}
"""

from __future__ import annotations

import hashlib
from collections import Counter

from eventset.errors import InputError

SPLIT_NAMES = {1: ("train",), 2: ("train", "test"), 3: ("train", "validation", "test")}


def parse_splits(spec: str) -> dict[str, float]:
    """``"0.8,0.1,0.1"`` -> ``{"train": 0.8, "validation": 0.1, "test": 0.1}``."""
    try:
        values = [float(part) for part in spec.split(",")]
    except ValueError:
        values = []
    if (
        len(values) not in SPLIT_NAMES
        or any(v < 0 for v in values)
        or abs(sum(values) - 1.0) > 1e-6
    ):
        raise InputError(
            f"--splits {spec!r} is not 1 to 3 non-negative fractions summing to 1",
            remedy="write e.g. --splits 0.8,0.1,0.1 (train,validation,test) or 0.8,0.2",
        )
    return dict(zip(SPLIT_NAMES[len(values)], values, strict=True))


def _rank(seed: int, key: str) -> str:
    return hashlib.sha256(f"{seed}\x00{key}".encode()).hexdigest()


def assign_splits(groups: dict[str, str], fractions: dict[str, float], seed: int) -> dict[str, str]:
    """Map each doc id (keys of ``groups``, valued by group key) to a split name."""
    sizes = Counter(groups.values())
    total = sum(sizes.values())
    bounds, acc = [], 0.0
    for name, fraction in fractions.items():
        acc += fraction
        bounds.append((acc, name))
    of_group: dict[str, str] = {}
    position = 0
    for key in sorted(sizes, key=lambda k: (_rank(seed, k), k)):
        midpoint = (position + sizes[key] / 2) / total
        of_group[key] = next((n for b, n in bounds if midpoint < b), bounds[-1][1])
        position += sizes[key]
    return {doc: of_group[group] for doc, group in sorted(groups.items())}
