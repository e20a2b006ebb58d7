"""``Scores.compare`` groups keys by event type once; the counts match a per-type filter."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from eventset.export.records import ArgumentRecord, EventRecord, TriggerRecord
from eventset.export.scoring import ATTRIBUTE_SKIP, Counts, Scores


def _reference(pairs: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]) -> Scores:
    """The straightforward scorer: every key set filtered once per event type."""
    scores = Scores(with_standard=True)
    for gold, pred in pairs:
        scores.comparisons += 1
        for table, keys in ((scores.trigger, _trigger_keys), (scores.argument, _argument_keys)):
            g, p = keys(gold), keys(pred)
            for kind in sorted({k[0] for k in g | p}):
                table.setdefault(kind, Counts()).add(
                    {k for k in g if k[0] == kind}, {k for k in p if k[0] == kind}
                )
        for event, other in _span_pairs(gold, pred):
            scores.pairs.setdefault("event type", Counter())[(event["type"], other["type"])] += 1
            if other["type"] == event["type"]:
                for name, value in event.items():  # the gold side's attributes ...
                    theirs = other.get(name)  # ... that the other side gives a value too
                    if (
                        name not in ATTRIBUTE_SKIP
                        and isinstance(value, str)
                        and isinstance(theirs, str)
                    ):
                        scores.pairs.setdefault(name, Counter())[(value, theirs)] += 1
        for name, keys in _STANDARD_KEYS.items():
            scores.standard[name].add(keys(gold), keys(pred))
        scores.standard["argument_identification"].add_matched(*_identification(gold, pred))
    return scores


def _arguments(events):
    return [(e["type"], a) for e in events for a in e.get("arguments") or []]


# ACE/OneIE keys as the convention states them (the trigger's span is not part of an argument's)
_STANDARD_KEYS = {
    "trigger_identification": lambda events: {
        (e["trigger"]["start"], e["trigger"]["end"]) for e in events
    },
    "argument_classification": lambda events: {
        (kind, a["start"], a["end"], a["role"]) for kind, a in _arguments(events)
    },
}


def _identification(gold, pred):
    """(matched, gold, predicted) (type, span, role) arguments: each predicted argument takes an
    unused gold argument of its event type and span, if there is one."""
    keys = _STANDARD_KEYS["argument_classification"]
    unused, offered = sorted(keys(gold)), sorted(keys(pred))
    matched = 0
    for kind, start, end, _ in offered:
        for i, (k, s, e, _) in enumerate(unused):
            if (k, s, e) == (kind, start, end):
                del unused[i]
                matched += 1
                break
    return matched, len(keys(gold)), len(offered)


def _span_pairs(gold, pred):
    """Per span (in gold order): the n-th event of a type on each side pair up; the events left
    over pair up in order of type name. Nothing is paired twice."""
    out = []

    def span(e):
        return (e["trigger"]["start"], e["trigger"]["end"])

    for where in dict.fromkeys(span(e) for e in gold):
        mine = [e for e in gold if span(e) == where]
        theirs = [e for e in pred if span(e) == where]
        rest_mine, rest_theirs, pairs = [], [], []
        for kind in dict.fromkeys(e["type"] for e in mine + theirs):
            a = [e for e in mine if e["type"] == kind]
            b = [e for e in theirs if e["type"] == kind]
            pairs += list(zip(a, b, strict=False))
            rest_mine += a[len(b) :]
            rest_theirs += b[len(a) :]
        # gold order before sorting by type; by identity: equal events are still two events
        order = [e for e in mine if any(e is r for r in rest_mine)]
        rest_mine = sorted(order, key=lambda e: e["type"])
        left = [e for e in theirs if any(e is r for r in rest_theirs)]
        rest_theirs = sorted(left, key=lambda e: e["type"])
        # the same-type pairs come in gold order, as the scorer makes them
        pairs.sort(key=lambda pair: next(i for i, e in enumerate(mine) if e is pair[0]))
        out += pairs + list(zip(rest_mine, rest_theirs, strict=False))
    return out


def _trigger_keys(events):
    return {(e["type"], e["trigger"]["start"], e["trigger"]["end"]) for e in events}


def _argument_keys(events):
    return {
        (e["type"], e["trigger"]["start"], e["trigger"]["end"], a["role"], a["start"], a["end"])
        for e in events
        for a in e.get("arguments") or []
    }


_ARGUMENT = st.fixed_dictionaries(
    {"role": st.sampled_from(["agent", "place"]), "start": st.integers(0, 3), "end": st.just(9)}
)
_EVENT = st.builds(
    lambda kind, start, length, arguments, modality: {
        "type": kind,
        "trigger": {"start": start, "end": start + length},
        "arguments": arguments,
        **({"modality": modality} if modality else {}),
    },
    st.sampled_from(["A", "B", "C"]),
    st.integers(0, 4),
    st.integers(1, 2),
    st.one_of(st.none(), st.lists(_ARGUMENT, max_size=3)),
    st.sampled_from([None, "asserted", "planned"]),
)
_PAIRS = st.lists(st.tuples(st.lists(_EVENT, max_size=5), st.lists(_EVENT, max_size=5)), max_size=6)


_A = {"type": "A", "trigger": {"start": 0, "end": 1}, "arguments": None}
_B = {"type": "B", "trigger": {"start": 0, "end": 1}, "arguments": None}


@given(_PAIRS)
@example([([dict(_A), dict(_A), dict(_A)], [dict(_A), dict(_A), dict(_B), dict(_B)])])
def test_compare_counts_like_a_filter_per_event_type(pairs):
    scores = Scores(with_standard=True)
    for gold, pred in pairs:
        scores.compare(gold, pred)
    expected = _reference(pairs)
    assert scores == expected
    assert list(scores.trigger) == list(expected.trigger)
    assert list(scores.argument) == list(expected.argument)
    assert list(scores.pairs) == list(expected.pairs)
    assert scores.to_dict() == expected.to_dict()


def test_an_event_type_without_arguments_gets_no_argument_counts():
    scores = Scores()
    gold = [{"type": "A", "trigger": {"start": 0, "end": 1}, "arguments": None}]
    pred = [{"type": "B", "trigger": {"start": 0, "end": 1}, "arguments": []}]
    scores.compare(gold, pred)
    assert scores.trigger == {"A": Counts(0, 0, 1), "B": Counts(0, 1, 0)}
    assert scores.argument == {}
    assert [row["event_type"] for row in scores.table()] == ["A", "B", "overall"]


@given(_PAIRS)
def test_records_score_like_their_rows(pairs):
    from_rows, from_records = Scores(), Scores()
    attributes = ["modality", "polarity"]
    for gold, pred in pairs:
        gold_records, pred_records = _records(gold), _records(pred)
        from_rows.compare(
            [e.row(attributes) for e in gold_records], [e.row(attributes) for e in pred_records]
        )
        from_records.compare_records(gold_records, pred_records, attributes)
    assert from_records == from_rows
    assert from_records.to_dict() == from_rows.to_dict()


@given(_PAIRS, st.integers(0, 6))
def test_merged_batches_score_like_one_pass(pairs, cut):
    whole, first, second = (Scores(with_standard=True) for _ in range(3))
    for number, (gold, pred) in enumerate(pairs):
        whole.compare(gold, pred)
        (first if number < cut else second).compare(gold, pred)
    first.merge(second)
    assert first == whole
    assert list(first.trigger) == list(whole.trigger)
    assert list(first.pairs) == list(whole.pairs)
    assert first.to_dict() == whole.to_dict()


def _records(events: list[dict[str, Any]]) -> list[EventRecord]:
    return [
        EventRecord(
            f"e{number}",
            f"e{number}",
            e["type"],
            TriggerRecord("x", e["trigger"]["start"], e["trigger"]["end"]),
            [
                ArgumentRecord(a["role"], f"a{number}", "Person", "y", a["start"], a["end"])
                for a in e["arguments"] or []
            ],
            {"modality": e["modality"]} if "modality" in e else {},
        )
        for number, e in enumerate(events)
    ]


@given(st.lists(_EVENT, max_size=6), st.lists(_EVENT, max_size=6))
def test_kappa_pairs_do_not_depend_on_which_side_comes_first(a, b):
    one, other = Scores(), Scores()
    one.compare(a, b)
    other.compare(b, a)
    for name in one.pairs.keys() | other.pairs.keys():
        swapped = Counter({(y, x): n for (x, y), n in other.pairs.get(name, Counter()).items()})
        assert one.pairs.get(name, Counter()) == swapped
    assert one.overall("trigger").f1 == other.overall("trigger").f1
