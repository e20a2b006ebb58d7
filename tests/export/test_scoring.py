"""The scorer shared by agreement and `eventset score`."""

from __future__ import annotations

from collections import Counter

import pytest

from eventset.export.scoring import Counts, Scores, cohen_kappa


def event(kind, start, end, *args, modality="asserted"):
    return {
        "type": kind,
        "trigger": {"start": start, "end": end},
        "modality": modality,
        "arguments": [{"role": r, "start": s, "end": e} for r, s, e in args],
    }


def test_counts():
    counts = Counts(tp=2, fp=1, fn=1)
    assert counts.precision == pytest.approx(2 / 3)
    assert counts.f1 == pytest.approx(2 / 3)
    assert Counts().f1 == 0.0


def test_trigger_and_argument_matching_per_type():
    gold = [event("A", 0, 5, ("agent", 6, 9), ("place", 10, 12)), event("B", 20, 25)]
    pred = [event("A", 0, 5, ("agent", 6, 9), ("place", 10, 13)), event("B", 20, 24)]
    scores = Scores()
    scores.compare(gold, pred)
    assert scores.trigger["A"] == Counts(1, 0, 0)
    assert scores.trigger["B"] == Counts(0, 1, 1)
    assert scores.argument["A"] == Counts(1, 1, 1)
    assert scores.overall("trigger").f1 == pytest.approx(0.5)
    table = scores.table()
    assert table[-1]["event_type"] == "overall"
    assert table[-1]["argument_gold"] == 2


def test_wrong_type_on_the_same_span_is_a_miss_and_a_kappa_pair():
    scores = Scores()
    scores.compare([event("A", 0, 5)], [event("B", 0, 5)])
    assert scores.overall("trigger") == Counts(0, 1, 1)
    assert scores.pairs["event type"] == Counter({("A", "B"): 1})
    assert "modality" not in scores.pairs  # attributes are paired only on exact matches


def test_cohen_kappa_known_value():
    # 20 items: both yes 8, both no 7, disagree 5 -> po=0.75, pe=0.5 -> kappa 0.5
    pairs = Counter({("y", "y"): 8, ("n", "n"): 7, ("y", "n"): 3, ("n", "y"): 2})
    assert cohen_kappa(pairs) == pytest.approx((0.75 - 0.5) / 0.5)
    assert cohen_kappa(Counter()) is None
    assert cohen_kappa(Counter({("y", "y"): 3})) is None


def test_attribute_kappa_on_matched_triggers():
    scores = Scores()
    scores.compare(
        [event("A", 0, 5, modality="planned"), event("A", 9, 12)],
        [event("A", 0, 5, modality="asserted"), event("A", 9, 12)],
    )
    assert scores.pairs["modality"] == Counter(
        {("planned", "asserted"): 1, ("asserted", "asserted"): 1}
    )
    assert scores.kappas()["modality"] == pytest.approx(0.0)


@pytest.mark.parametrize("reverse", [False, True])
def test_two_events_on_one_span_pair_by_type_whatever_their_order(reverse):
    pred = [event("A", 0, 5, modality="planned"), event("B", 0, 5), event("C", 0, 5)]
    scores = Scores()
    scores.compare(
        [event("A", 0, 5, modality="planned"), event("D", 0, 5)], pred[::-1] if reverse else pred
    )
    # A meets its own type (its modality is paired); D, with no match, meets B, the first by
    # name of those left: an event is paired once
    assert scores.pairs["event type"] == Counter({("A", "A"): 1, ("D", "B"): 1})
    assert scores.pairs["modality"] == Counter({("planned", "planned"): 1})


def test_rates_with_nothing_to_compare_are_none_and_shown_as_na():
    from eventset.export.card import _agreement_section

    scores = Scores()
    scores.compare([event("Conference", 0, 5)], [event("Conference", 0, 5)])
    row = next(r for r in scores.table() if r["event_type"] == "Conference")
    assert row["trigger_f1"] == 1.0
    assert row["argument_gold"] == 0 and row["argument_f1"] is None and row["argument_p"] is None
    section = _agreement_section(scores.to_dict())
    assert "| Conference | 1 / 1 | 1.000 | 0 / 0 | n/a |" in section
    missed = Scores()
    missed.compare([event("Conference", 0, 5, ("place", 6, 9))], [])
    assert missed.table()[0]["argument_f1"] == 0.0  # gold had one: a real zero
