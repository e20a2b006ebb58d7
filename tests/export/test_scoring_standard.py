"""ACE/OneIE scores beside eventset's own (``eventset score``), attribute kappa only where both
sides give a value, and agreement counts that do not depend on which annotation of a pair comes
first."""

from __future__ import annotations

import pytest

from eventset.export.card import card_body
from eventset.export.scoring import STANDARD, Scores
from eventset.export.tally import Tally
from eventset.schema import load_ontology


def event(kind, start, end, *args, **attributes):
    return {
        "type": kind,
        "trigger": {"start": start, "end": end},
        "arguments": [{"role": r, "start": s, "end": e} for r, s, e in args],
        **attributes,
    }


GOLD = [
    event("A", 0, 5, ("agent", 6, 9), ("place", 10, 12)),
    event("B", 20, 25, ("victim", 30, 35)),
]
# The A trigger one character short, one role wrong; the B event exact.
PRED = [
    event("A", 0, 4, ("agent", 6, 9), ("target", 10, 12)),
    event("B", 20, 25, ("victim", 30, 35)),
]


def test_the_four_standard_scores_by_hand():
    scores = Scores(with_standard=True)
    scores.compare(GOLD, PRED)
    f1 = {name: s["f1"] for name, s in scores.standard_scores().items()}
    assert list(f1) == list(STANDARD)
    assert f1["trigger_identification"] == pytest.approx(0.5)  # spans: 1 of 2 each way
    assert f1["trigger_classification"] == pytest.approx(0.5)
    # argument keys without the trigger span: (type, span) all three match ...
    assert f1["argument_identification"] == pytest.approx(1.0)
    # ... and with the role, two of three
    assert f1["argument_classification"] == pytest.approx(2 / 3)
    # eventset's own argument key includes the trigger span: only B's argument matches
    assert scores.overall("argument").f1 == pytest.approx(1 / 3)
    assert scores.to_dict()["standard"] == scores.standard_scores()


def test_trigger_classification_is_the_overall_trigger_row():
    scores = Scores(with_standard=True)
    scores.compare(GOLD, PRED)
    scores.compare(PRED, [])
    row = scores.table()[-1]
    standard = scores.standard_scores()["trigger_classification"]
    assert (standard["gold"], standard["f1"]) == (row["trigger_gold"], row["trigger_f1"])


def test_nothing_on_either_side_scores_nothing():
    scores = Scores(with_standard=True)
    scores.compare([], [])
    assert all(s["f1"] is None and s["either"] == 0 for s in scores.standard_scores().values())


def test_an_attribute_the_prediction_does_not_give_gets_no_kappa():
    gold = [event("A", 0, 5, modality="planned", polarity="positive")]
    pred = [event("A", 0, 5, text="attack", label="x", polarity="negative")]
    scores = Scores()
    scores.compare(gold, pred)
    # no modality pair (not predicted), no text/label pairs (not gold attributes)
    assert set(scores.pairs) == {"event type", "polarity"}
    assert scores.pairs["polarity"] == {("positive", "negative"): 1}
    assert scores.kappas()["polarity"] == pytest.approx(0.0)  # observed 0, expected 0


def test_agreement_counts_do_not_depend_on_the_order_of_a_pair():
    forward, backward = Scores(with_standard=True), Scores(with_standard=True)
    forward.compare(GOLD, PRED)
    backward.compare(PRED, GOLD)
    same = ("matched", "either", "f1")
    for a, b in zip(forward.table(), backward.table(), strict=True):
        for kind in ("trigger", "argument"):
            assert [a[f"{kind}_{k}"] for k in same] == [b[f"{kind}_{k}"] for k in same]
    assert forward.table()[-1]["trigger_matched"] == 1
    assert forward.table()[-1]["trigger_either"] == 3
    for name in STANDARD:
        assert forward.standard_scores()[name]["f1"] == backward.standard_scores()[name]["f1"]


def test_the_card_shows_symmetric_counts_and_says_when_nothing_was_paired():
    scores = Scores()
    scores.compare([event("A", 0, 5)], [event("A", 9, 12)])
    tally = Tally(tasks=3, annotations=2, duplicates=1)
    card = card_body(load_ontology("conflict-news"), tally, ["train"], scores.to_dict(), {}, {})
    assert "| overall | 0 / 2 | 0.000 |" in card
    assert "ACE" not in card  # a build's agreement keeps the strict table only
    assert "No labels were paired" in card
    assert "1 task(s) whose doc id belongs to another task kept in `raw` only" in card
    assert "coreferent mention is not credited" in card


def test_argument_classification_never_exceeds_identification():
    # Gomez is both candidate and winner in gold: two arguments, one (type, span)
    gold = [event("Election", 0, 8, ("candidate", 10, 15), ("winner", 10, 15), ("place", 20, 28))]
    pred = [event("Election", 0, 8, ("candidate", 10, 15), ("winner", 10, 15), ("place", 30, 35))]
    scores = Scores(with_standard=True)
    scores.compare(gold, pred)
    standard = scores.standard_scores()
    identification, classification = (
        standard["argument_identification"],
        standard["argument_classification"],
    )
    # both count the three (type, span, role) arguments of each side; two are identified
    assert (identification["gold"], identification["f1"]) == (3, pytest.approx(2 / 3))
    assert (classification["gold"], classification["f1"]) == (3, pytest.approx(2 / 3))


def test_an_argument_in_one_role_identifies_one_of_two_gold_arguments_on_its_span():
    gold = [event("Election", 0, 8, ("candidate", 10, 15), ("winner", 10, 15))]
    pred = [event("Election", 0, 8, ("candidate", 10, 15))]
    scores = Scores(with_standard=True)
    scores.compare(gold, pred)
    identification = scores.standard_scores()["argument_identification"]
    assert identification["r"] == pytest.approx(1 / 2)
    assert identification["p"] == pytest.approx(1.0)
