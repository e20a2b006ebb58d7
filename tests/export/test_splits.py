"""Deterministic, order-independent, optionally grouped document splits."""

from __future__ import annotations

from collections import Counter

import pytest

from eventset.errors import InputError
from eventset.export.splits import assign_splits, parse_splits


def test_parse_splits():
    assert parse_splits("0.8,0.1,0.1") == {"train": 0.8, "validation": 0.1, "test": 0.1}
    assert parse_splits("0.7,0.3") == {"train": 0.7, "test": 0.3}
    assert parse_splits("1") == {"train": 1.0}
    for bad in ("0.8,0.3", "a,b", "0.5,0.2,0.2,0.1", "-0.1,1.1", "nan,0.5,0.5", "0.5,nan", "nan"):
        with pytest.raises(InputError, match="--splits"):
            parse_splits(bad)


def test_same_seed_same_assignment_regardless_of_order():
    docs = {f"d{i}": f"d{i}" for i in range(200)}
    fractions = parse_splits("0.8,0.1,0.1")
    forward = assign_splits(docs, fractions, 7)
    backward = assign_splits(dict(reversed(list(docs.items()))), fractions, 7)
    assert forward == backward
    assert Counter(forward.values()) == Counter({"train": 160, "validation": 20, "test": 20})
    assert assign_splits(docs, fractions, 8) != forward


def test_groups_stay_together():
    docs = {f"d{i}": f"group:{i % 10}" for i in range(100)}
    split_of = assign_splits(docs, parse_splits("0.6,0.2,0.2"), 1)
    by_group: dict[str, set[str]] = {}
    for doc, group in docs.items():
        by_group.setdefault(group, set()).add(split_of[doc])
    assert all(len(splits) == 1 for splits in by_group.values())
    assert set(split_of.values()) == {"train", "validation", "test"}
