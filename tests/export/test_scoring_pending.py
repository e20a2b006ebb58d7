"""Comparisons wait to be counted until the scores are read: the result is the same as counting
each comparison at once, rows and pairs in the same order, however the reads fall."""

from __future__ import annotations

import pickle
from typing import Any
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_scoring_by_type import _reference

from eventset.export import scoring
from eventset.export.records import ArgumentRecord, EventRecord, TriggerRecord
from eventset.export.scoring import Scores

# unusual on purpose: non-ASCII and astral type names and values, a name the scorer skips
ATTRIBUTES = ["modality", "id", "polarität"]
_VALUE = st.sampled_from([None, "asserted", "plänned", "𝔸x", ""])
_ARGUMENT = st.tuples(st.sampled_from(["agent", "plâce"]), st.integers(0, 3), st.just(9))
_EVENT = st.builds(
    lambda kind, start, length, arguments, values: {
        "type": kind,
        "start": start,
        "end": start + length,
        "arguments": arguments,
        "attributes": {n: v for n, v in zip(ATTRIBUTES, values, strict=True) if v is not None},
    },
    st.sampled_from(["A", "B", "Ω", "𝔹"]),
    st.integers(0, 4),
    st.integers(1, 2),  # few spans: events often share one (the general pairing path)
    st.lists(_ARGUMENT, max_size=3),
    st.tuples(_VALUE, _VALUE, _VALUE),
)
_PAIRS = st.lists(st.tuples(st.lists(_EVENT, max_size=5), st.lists(_EVENT, max_size=5)), max_size=8)


def _records(events: list[dict[str, Any]]) -> list[EventRecord]:
    return [
        EventRecord(
            f"e{number}",
            f"e{number}",
            e["type"],
            TriggerRecord("x", e["start"], e["end"]),
            [
                ArgumentRecord(role, f"a{number}", "Person", "y", start, end)
                for role, start, end in e["arguments"]
            ],
            dict(e["attributes"]),
        )
        for number, e in enumerate(events)
    ]


def _rows(events: list[EventRecord]) -> list[dict[str, Any]]:
    return [e.row(ATTRIBUTES) for e in events]  # attribute "id" takes the event id's place


def _assert_same(scores: Scores, expected: Scores) -> None:
    assert scores == expected
    assert list(scores.trigger) == list(expected.trigger)
    assert list(scores.argument) == list(expected.argument)
    assert list(scores.pairs) == list(expected.pairs)
    for name, pairs in expected.pairs.items():
        assert list(scores.pairs[name]) == list(pairs)
    assert scores.to_dict() == expected.to_dict()


@settings(max_examples=300)
@given(_PAIRS, st.sets(st.integers(0, 8)), st.integers(1, 4))
@example([([], [])], set(), 4)
@example(
    [
        (
            [{"type": "A", "start": 0, "end": 1, "arguments": [], "attributes": {"id": "x"}}],
            [{"type": "A", "start": 0, "end": 1, "arguments": [], "attributes": {"id": "x"}}],
        )
    ],
    set(),
    4,
)
def test_records_count_like_the_straightforward_scorer_whenever_read(
    pairs: list[Any], reads: set[int], settle_after: int
) -> None:
    scores = Scores(with_standard=True)
    rows = []
    with patch.object(scoring, "SETTLE_AFTER", settle_after):
        for number, (gold, pred) in enumerate(pairs):
            if number in reads:
                assert scores.argument is not None  # a read counts what waits
            gold_records, pred_records = _records(gold), _records(pred)
            scores.compare_records(gold_records, pred_records, ATTRIBUTES)
            rows.append((_rows(gold_records), _rows(pred_records)))
    _assert_same(scores, _reference(rows))


@given(_PAIRS, st.integers(0, 8))
def test_pickled_and_merged_scores_count_what_waited(pairs: list[Any], cut: int) -> None:
    whole, first, second = Scores(), Scores(), Scores()
    for number, (gold, pred) in enumerate(pairs):
        gold_records, pred_records = _records(gold), _records(pred)
        whole.compare_records(gold_records, pred_records, ATTRIBUTES)
        part = first if number < cut else second
        part.compare_records(gold_records, pred_records, ATTRIBUTES)
    first = pickle.loads(pickle.dumps(first))
    assert not first._pending.sides  # counted before pickling, where the comparisons were made
    first.merge(pickle.loads(pickle.dumps(second)))
    _assert_same(first, whole)
