"""Choosing and merging annotations: ground truth, latest, first, all, majority."""

from __future__ import annotations

import pytest
from export_helpers import annotation, choice, find, relation, task

from eventset.annotate.parse import parse_task
from eventset.export.policy import select_annotations
from eventset.export.resolve import resolve_annotation
from eventset.schema import load_ontology

TEXT = "Rebels seized Goma and attacked Bukavu."


@pytest.fixture(scope="module")
def onto():
    return load_ontology("conflict-news")


def seize(with_target: bool = True):
    items = [
        find("t1", "trigger", TEXT, "seized", "TerritorialControl"),
        find("e1", "entity", TEXT, "Rebels", "ArmedGroup"),
        find("e2", "entity", TEXT, "Goma", "Location"),
        relation("t1", "e1", "agent"),
    ]
    return items + ([relation("t1", "e2", "territory")] if with_target else [])


def attack():
    return [
        find("t2", "trigger", TEXT, "attacked", "MilitaryOperation"),
        find("e3", "entity", TEXT, "Bukavu", "Location"),
        relation("t2", "e3", "target"),
    ]


def select(onto, annotations, policy):
    parsed = parse_task(task(1, "d", TEXT, annotations))
    resolved = [resolve_annotation(parsed, a, onto) for a in parsed.submitted]
    return select_annotations(parsed, resolved, policy, onto)


def events(selection):
    return sorted((e.type, tuple(sorted(a.role for a in e.arguments))) for e in selection.events)


def test_ground_truth_wins_over_any_policy(onto):
    annotations = [
        annotation(1, 1, seize(), ground_truth=True, when="2026-01-01"),
        annotation(2, 2, attack(), when="2026-02-01"),
    ]
    for policy in ("latest", "first", "all", "majority"):
        selection = select(onto, annotations, policy)
        assert events(selection) == [("TerritorialControl", ("agent", "territory"))]
        assert selection.annotators == ["1"]
        assert [i.kind for i in selection.issues] == ["annotation_not_selected"]
        assert selection.issues[0].annotation_id == 2


def test_latest_and_first(onto):
    annotations = [
        annotation(1, 1, seize(), when="2026-01-01"),
        annotation(2, 2, attack(), when="2026-02-01"),
    ]
    assert events(select(onto, annotations, "latest")) == [("MilitaryOperation", ("target",))]
    assert events(select(onto, annotations, "first")) == [
        ("TerritorialControl", ("agent", "territory"))
    ]


def test_all_is_the_union_without_duplicates(onto):
    annotations = [
        annotation(1, 1, seize(), when="2026-01-01"),
        annotation(2, 2, seize(False) + attack(), when="2026-02-01"),
    ]
    selection = select(onto, annotations, "all")
    assert events(selection) == [
        ("MilitaryOperation", ("target",)),
        ("TerritorialControl", ("agent", "territory")),
    ]
    assert selection.annotators == ["1", "2"]
    assert len({e.id for e in selection.entities}) == len(selection.entities) == 3
    assert selection.issues == []


def test_majority_keeps_what_most_annotators_marked(onto):
    annotations = [
        annotation(1, 1, seize(), when="2026-01-01"),
        annotation(2, 2, seize(False) + attack(), when="2026-02-01"),
        annotation(3, 3, seize(), when="2026-03-01"),
    ]
    selection = select(onto, annotations, "majority")
    assert events(selection) == [("TerritorialControl", ("agent", "territory"))]
    found = sorted((i.kind, i.annotation_id, i.region_id, i.dropped) for i in selection.issues)
    # one issue per mention the vote left out: the event and the entity only annotator 2 marked
    assert found == [("no_majority", 2, "e3", "entity"), ("no_majority", 2, "t2", "event")]
    assert any("MilitaryOperation 'attacked'" in i.message for i in selection.issues)
    assert any("Location 'Bukavu'" in i.message for i in selection.issues)
    argument_ids = {a.entity_id for e in selection.events for a in e.arguments}
    assert argument_ids <= {e.id for e in selection.entities}


def test_majority_of_two_needs_both(onto):
    annotations = [
        annotation(1, 1, seize(), when="2026-01-01"),
        annotation(2, 2, seize(False), when="2026-02-01"),
    ]
    selection = select(onto, annotations, "majority")
    assert events(selection) == [("TerritorialControl", ("agent",))]
    assert [(i.kind, i.region_id, i.dropped) for i in selection.issues] == [
        ("no_majority", "t1", "argument")
    ]
    assert "TerritorialControl.territory 'Goma' (relation t1 -> e2)" in selection.issues[0].message


def test_majority_counts_annotators_not_mentions(onto):
    # annotator 1 submitted twice; three annotators, so two agreeing ones are a majority
    annotations = [
        annotation(1, 1, attack(), when="2026-01-01"),
        annotation(2, 1, attack(), when="2026-01-02"),
        annotation(3, 2, seize(), when="2026-02-01"),
        annotation(4, 3, seize(), when="2026-03-01"),
    ]
    selection = select(onto, annotations, "majority")
    assert events(selection) == [("TerritorialControl", ("agent", "territory"))]
    assert {(i.annotation_id, i.region_id) for i in selection.issues if i.dropped == "event"} == {
        (1, "t2"),
        (2, "t2"),
    }


def test_merged_events_keep_their_same_as_clusters(onto):
    linked = [*seize(), *attack(), relation("t2", "t1", "same_as"), relation("e2", "e3", "same_as")]
    annotations = [
        annotation(1, 1, linked, when="2026-01-01"),
        annotation(2, 2, attack(), when="2026-02-01"),
    ]
    for policy in ("all", "majority"):
        selection = select(onto, annotations, policy)
        by_type = {e.type: e.cluster_id for e in selection.events}
        if policy == "all":
            assert by_type == {"TerritorialControl": "t1", "MilitaryOperation": "t1"}
            clusters = {x.text: x.cluster_id for x in selection.entities}
            assert clusters["Goma"] == clusters["Bukavu"] == "e2"
        else:  # only the attack has a majority; its cluster id names a kept event
            assert by_type == {"MilitaryOperation": "t2"}
            assert {x.cluster_id for x in selection.entities} <= {x.id for x in selection.entities}


def test_no_submitted_annotation_selects_nothing(onto):
    selection = select(onto, [annotation(1, 1, [], cancelled=True)], "latest")
    assert selection.events == [] and selection.annotators == []


def test_unknown_policy(onto):
    with pytest.raises(ValueError, match="unknown policy"):
        select(onto, [annotation(1, 1, seize())], "random")


def test_majority_attribute_vote_is_one_vote_per_annotator(onto):
    def planned():
        items = attack()
        return [*items, choice(items[0], "modality", "planned")]

    annotations = [
        annotation(1, 1, planned(), when="2026-01-01"),
        annotation(2, 1, planned(), when="2026-01-02"),  # the same annotator again
        annotation(3, 2, attack(), when="2026-02-01"),
        annotation(4, 3, attack(), when="2026-03-01"),
    ]
    (event,) = select(onto, annotations, "majority").events
    assert event.attributes["modality"] == "asserted"  # two annotators against one


def _attack_with(modality: str | None):
    items = attack()
    return items + ([choice(items[0], "modality", modality)] if modality else [])


@pytest.mark.parametrize("policy", ["all", "majority"])
def test_an_attribute_value_that_loses_the_vote_is_reported(onto, policy):
    annotations = [
        annotation(1, 1, _attack_with("planned"), when="2026-01-01"),
        annotation(2, 2, _attack_with(None), when="2026-02-01"),  # asserted, the default
        annotation(3, 3, _attack_with(None), when="2026-03-01"),
    ]
    selection = select(onto, annotations, policy)
    (event,) = selection.events
    assert event.attributes["modality"] == "asserted"  # two annotators against one
    found = [(i.kind, i.annotation_id, i.region_id, i.severity) for i in selection.issues]
    assert found == [("attribute_disagreement", 1, "t2", "warning")]
    assert "'planned'" in selection.issues[0].message


@pytest.mark.parametrize("policy", ["all", "majority"])
def test_a_tie_keeps_the_earliest_value_and_reports_the_other(onto, policy):
    annotations = [
        annotation(2, 2, _attack_with(None), when="2026-02-01"),
        annotation(1, 1, _attack_with("planned"), when="2026-01-01"),
    ]
    selection = select(onto, annotations, policy)
    (event,) = selection.events
    assert event.attributes["modality"] == "planned"
    assert [(i.kind, i.annotation_id) for i in selection.issues] == [("attribute_disagreement", 2)]


@pytest.mark.parametrize("policy", ["all", "majority"])
def test_equal_creation_times_order_annotations_by_numeric_id(onto, policy):
    # "10" < "9" as strings; the earliest of two simultaneous annotations is 9, as for `first`
    annotations = [
        annotation(10, 2, _attack_with("uncertain"), when="2026-01-01"),
        annotation(9, 1, _attack_with("planned"), when="2026-01-01"),
    ]
    (event,) = select(onto, annotations, policy).events
    (first,) = select(onto, annotations, "first").events
    assert event.attributes["modality"] == first.attributes["modality"] == "planned"


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("2026-01-01T10:00:00Z", "2026-01-01T10:00:00.500000Z"),  # as text, ".5Z" sorts first
        ("2026-01-01T12:00:00+02:00", "2026-01-01T11:00:00Z"),  # 10:00 UTC before 11:00 UTC
        ("2026-01-01T10:00:00", "2026-01-01T10:00:01Z"),  # no offset: read as UTC
    ],
)
def test_first_and_latest_compare_timestamps_as_instants(onto, earlier, later):
    annotations = [
        annotation(1, 1, seize(), when=later),
        annotation(2, 2, attack(), when=earlier),
    ]
    assert events(select(onto, annotations, "first")) == [("MilitaryOperation", ("target",))]
    assert events(select(onto, annotations, "latest")) == [
        ("TerritorialControl", ("agent", "territory"))
    ]


def test_merged_ids_name_one_region_across_entities_and_events(onto):
    # A's entity and B's trigger reuse the region id "x" for different spans
    a = annotation(1, 1, [find("x", "entity", TEXT, "Rebels", "ArmedGroup")], when="2026-01-01")
    b = annotation(2, 2, [find("x", "trigger", TEXT, "attacked", "MilitaryOperation")])
    selection = select(onto, [a, b], "all")
    (entity,), (event,) = selection.entities, selection.events
    assert (entity.id, event.id) == ("x", "2-x")
    assert selection.sources == {"x": 1, "2-x": 2}
    # one region that is both an entity and a trigger keeps one id for both
    both = find("y", "trigger", TEXT, "Rebels", "MilitaryOperation")
    same = [both, {**find("y", "entity", TEXT, "Rebels", "ArmedGroup")}]
    selection = select(onto, [annotation(3, 3, same), annotation(4, 4, same)], "all")
    assert [x.id for x in selection.entities] == [e.id for e in selection.events] == ["y"]


@pytest.mark.parametrize("stamp", [None, "", "garbage", "yesterday"])
def test_an_undated_annotation_loses_to_a_dated_one_with_a_warning(onto, stamp):
    undated = annotation(2, 2, attack(), when="2026-02-01")
    undated["created_at"] = undated["updated_at"] = stamp
    annotations = [annotation(1, 1, seize(), when="2026-01-01"), undated]
    for policy in ("latest", "first"):
        selection = select(onto, annotations, policy)
        assert events(selection) == [("TerritorialControl", ("agent", "territory"))], policy
        warned = [i for i in selection.issues if i.kind == "annotation_time_unknown"]
        assert [(i.annotation_id, i.severity) for i in warned] == [(2, "warning")]
        assert f"({(stamp or '')!r})" in warned[0].message


def test_dated_annotations_give_no_time_warning(onto):
    annotations = [annotation(1, 1, seize(), when="2026-01-01")]
    assert select(onto, annotations, "latest").issues == []  # one annotation: time is moot
    undated = annotation(1, 1, seize(), when="2026-01-01")
    undated["updated_at"] = undated["created_at"] = "garbage"
    assert select(onto, [undated], "latest").issues == []


def test_annotation_ids_with_non_ascii_digits_order_as_text():
    from eventset.export.merge import order_key

    assert order_key("²") == (1, "²")  # "²".isdigit() is True, int("²") fails
    assert order_key("10") == (0, 10) and order_key(9) < order_key("10") < order_key("²")


def test_majority_links_same_as_by_vote_and_all_by_any_annotator(onto):
    # All three annotators mark both entities; only annotator 1 links Goma and Bukavu.
    both = [*seize(), *attack()]
    one_link = [*both, relation("e2", "e3", "same_as")]
    annotations = [
        annotation(1, 1, one_link, when="2026-01-01"),
        annotation(2, 2, both, when="2026-02-01"),
        annotation(3, 3, both, when="2026-03-01"),
    ]

    def clusters(policy):
        selection = select(onto, annotations, policy)
        return {x.text: x.cluster_id for x in selection.entities}

    assert clusters("all")["Goma"] == clusters("all")["Bukavu"]  # any annotator's link
    alone = clusters("majority")
    assert alone["Goma"] != alone["Bukavu"]  # one of three is no majority
    # ... and the link that lost the vote is named, not dropped silently
    lost = [i for i in select(onto, annotations, "majority").issues if i.kind == "no_majority"]
    assert [(i.annotation_id, i.region_id, i.dropped, i.severity) for i in lost] == [
        (1, "e2", "relation", "warning")
    ]
    assert "same_as 'Goma' = 'Bukavu' (relation e2 -> e3)" in lost[0].message
    annotations[1] = annotation(2, 2, [*both, relation("e3", "e2", "same_as")], when="2026-02-01")
    linked = clusters("majority")
    assert linked["Goma"] == linked["Bukavu"]  # two of three
    assert not [i for i in select(onto, annotations, "majority").issues if i.kind == "no_majority"]


@pytest.mark.parametrize("policy", ["all", "majority"])
def test_a_later_annotation_of_a_voter_whose_value_is_not_used_is_named(onto, policy):
    annotations = [
        annotation(81, 1, _attack_with(None), when="2026-01-01"),  # asserted: user 1 votes so
        annotation(82, 1, _attack_with("planned"), when="2026-01-02"),  # user 1 again: no vote
        annotation(83, 2, _attack_with(None), when="2026-02-01"),
    ]
    selection = select(onto, annotations, policy)
    (event,) = selection.events
    assert event.attributes["modality"] == "asserted"
    found = [(i.kind, i.annotation_id) for i in selection.issues]
    assert found == [("attribute_disagreement", 82)]
    assert "(annotator 1 voted with annotation 81)" in selection.issues[0].message


@pytest.mark.parametrize("policy", ["all", "majority"])
def test_a_repeated_mention_in_one_annotation_says_it_did_not_vote(onto, policy):
    twice = _attack_with(None)
    again = find("t9", "trigger", TEXT, "attacked", "MilitaryOperation")  # the same span again
    twice += [again, choice(again, "modality", "planned")]
    annotations = [
        annotation(1, 1, twice, when="2026-01-01"),
        annotation(2, 2, _attack_with(None), when="2026-02-01"),
    ]
    selection = select(onto, annotations, policy)
    disagreements = [i for i in selection.issues if i.kind == "attribute_disagreement"]
    assert [(i.annotation_id, i.region_id) for i in disagreements] == [(1, "t9")]
    assert "(a repeated mention; this annotation voted with t2)" in disagreements[0].message
