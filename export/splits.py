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
import math

import numpy as np
import numpy.typing as npt

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
        or not all(math.isfinite(v) and v >= 0 for v in values)
        or abs(sum(values) - 1.0) > 1e-6
    ):
        raise InputError(
            f"--splits {spec!r} is not 1 to 3 non-negative fractions summing to 1",
            remedy="write e.g. --splits 0.8,0.1,0.1 (train,validation,test) or 0.8,0.2",
        )
    return dict(zip(SPLIT_NAMES[len(values)], values, strict=True))


def rank(seed: int, key: str) -> tuple[int, int]:
    """The seeded order of a group key: the first 128 bits of a SHA-256, as two integers."""
    digest = hashlib.sha256(f"{seed}\x00{key}".encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big"), int.from_bytes(digest[8:16], "big")


def assign_splits(groups: dict[str, str], fractions: dict[str, float], seed: int) -> dict[str, str]:
    """Map each doc id (keys of ``groups``, valued by group key) to a split name."""
    docs = sorted(groups)
    ranks = np.array([rank(seed, groups[d]) for d in docs], dtype=np.uint64).reshape(-1, 2)
    _, group_of = np.unique(ranks, axis=0, return_inverse=True)
    names = list(fractions)
    codes = assign_codes(group_of.reshape(-1), fractions)
    return {doc: names[code] for doc, code in zip(docs, codes.tolist(), strict=True)}


def assign_codes(
    group_of: npt.NDArray[np.int64], fractions: dict[str, float]
) -> npt.NDArray[np.uint8]:
    """Split number (index into ``fractions``) of each document, given its group's number.

    Group numbers must follow the groups' seeded order (``rank``). Groups are laid end to end in
    that order over [0, 1); a group goes to the split its midpoint falls in.
    """
    if not len(group_of):
        return np.zeros(0, dtype=np.uint8)
    _, inverse, sizes = np.unique(group_of, return_inverse=True, return_counts=True)
    before = np.cumsum(sizes) - sizes
    midpoints = (before + sizes / 2) / len(group_of)
    bounds = np.cumsum(np.array(list(fractions.values()), dtype=np.float64))
    codes = np.minimum(np.searchsorted(bounds, midpoints, side="right"), len(bounds) - 1)
    return codes.astype(np.uint8)[inverse.reshape(-1)]


def stable_codes(
    ranks: npt.NDArray[np.uint64], fractions: dict[str, float]
) -> npt.NDArray[np.uint8]:
    """Split number of each group from its seeded hash alone (``ranks``: ``rank`` pairs).

    The first 64 bits of the hash are a point in [0, 1); a group goes to the split whose share of
    [0, 1) holds it. Unlike ``assign_codes`` this does not depend on the other groups, so a
    document keeps its split as the export grows; the shares are met on average only.

    Example:
        >>> ranks = np.array([[0, 0], [2**63, 0], [2**64 - 1, 0]], dtype=np.uint64)
        >>> stable_codes(ranks, {"train": 0.5, "test": 0.5}).tolist()
        [0, 1, 1]
    """
    points = (ranks[:, 0] >> np.uint64(11)).astype(np.float64) / 2.0**53  # exact, below 1
    bounds = np.cumsum(np.array(list(fractions.values()), dtype=np.float64))
    codes = np.minimum(np.searchsorted(bounds, points, side="right"), len(bounds) - 1)
    return codes.astype(np.uint8)


def empty_reason(
    config: str, split: str, counts: dict[str, dict[str, int]], fractions: dict[str, float]
) -> str:
    """Why ``split`` of ``config`` has no rows, for the build summary and the dataset card.

    Example:
        >>> counts = {"documents": {"train": 9}, "sentences": {"train": 0}}
        >>> empty_reason("sentences", "train", counts, {"train": 1.0, "test": 0.0})
        'its documents have no sentences (empty or whitespace-only texts)'
    """
    if not fractions.get(split):
        return "its --splits fraction is 0"
    if config == "sentences" and counts.get("documents", {}).get(split):
        return "its documents have no sentences (empty or whitespace-only texts)"
    return "too few documents for the --splits fractions"
