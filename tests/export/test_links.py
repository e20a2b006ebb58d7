"""``representatives``: the cluster id of each kept mention, against a brute-force reference."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventset.export.links import UnionFind, representatives

IDS = [f"r{n}" for n in range(12)]


def _reference(pairs: list[tuple[str, str]], kept: list[str], order: dict) -> dict[str, str]:
    """Components by repeated merging, each kept id named by its cluster's first kept member."""
    component = {i: {i} for i in IDS}
    for a, b in pairs:
        merged = component[a] | component[b]
        for member in merged:
            component[member] = merged
    return {i: min((k for k in kept if k in component[i]), key=order.__getitem__) for i in kept}


@given(
    pairs=st.lists(st.tuples(st.sampled_from(IDS), st.sampled_from(IDS)), max_size=10),
    kept=st.lists(st.sampled_from(IDS), unique=True),
    starts=st.lists(st.integers(0, 5), min_size=len(IDS), max_size=len(IDS)),
)
def test_representatives_match_brute_force(pairs, kept, starts) -> None:
    order = {i: (start, start + 1, i) for i, start in zip(IDS, starts, strict=True)}
    clusters = UnionFind(order)
    for a, b in pairs:
        clusters.union(a, b)
    assert representatives(clusters, kept) == _reference(pairs, kept, order)


def test_a_mention_alone_heads_its_cluster_and_a_dropped_head_is_never_named() -> None:
    order = {"a": (0, 1, "a"), "b": (5, 6, "b"), "c": (9, 10, "c")}
    clusters = UnionFind(order)
    clusters.union("a", "b")
    assert representatives(clusters, ["b", "c"]) == {"b": "b", "c": "c"}
    assert representatives(clusters, ["a", "b", "c"]) == {"a": "a", "b": "a", "c": "c"}
