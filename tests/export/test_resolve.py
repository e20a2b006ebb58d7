"""Resolving parsed annotations against the ontology: arguments, clusters, attributes, issues."""

from __future__ import annotations

import pytest
from export_helpers import RECORDED, annotation, choice, find, relation, span, task

from eventset.annotate.parse import iter_tasks, parse_task
from eventset.export.resolve import resolve_annotation
from eventset.schema import Entity, Event, Ontology, Role, load_ontology


@pytest.fixture(scope="module")
def onto():
    return load_ontology("conflict-news")


@pytest.fixture(scope="module")
def recorded():
    return {t.doc_id: t for t in iter_tasks(RECORDED)}


def resolve(onto, text, items):
    parsed = parse_task(task(1, "d", text, [annotation(1, 1, items)]))
    return resolve_annotation(parsed, parsed.annotations[0], onto)


def kinds(resolved):
    return sorted(i.kind for i in resolved.issues)


def test_relations_in_both_directions_become_arguments(onto, recorded):
    clash = recorded["fx-en-clash"]
    resolved = resolve_annotation(clash, clash.annotations[0], onto)
    operation = next(e for e in resolved.events if e.type == "MilitaryOperation")
    assert sorted((a.role, a.text) for a in operation.arguments) == [
        ("agent", "Russian forces"),
        ("target", "Avdiivka"),
    ]
    assert operation.attributes == {"modality": "asserted", "polarity": "positive"}


def test_empty_and_double_relation_labels_are_reported(onto, recorded):
    clash = recorded["fx-en-clash"]
    resolved = resolve_annotation(clash, clash.annotations[0], onto)
    assert kinds(resolved) == ["relation_no_label", "relation_several_labels"]
    fighting = next(e for e in resolved.events if e.type == "ArmedClash")
    assert fighting.arguments == []
    assert fighting.attributes["modality"] == "uncertain"


def test_nested_overlapping_and_double_labelled_regions(onto, recorded):
    arms = recorded["fx-nl-arms"]
    resolved = resolve_annotation(arms, arms.annotations[0], onto)
    assert resolved.issues == []
    spans = {(e.text, e.type) for e in resolved.entities}
    assert {
        ("het Oekraïense leger", "ArmedGroup"),
        ("Oekraïense", "Country"),
        ("leger Caesar", "Organization"),
        ("levering", "Weapon"),
    } <= spans
    transfer = {e.id: e for e in resolved.events}
    assert sorted(a.role for a in transfer["n_t1"].arguments) == ["recipient", "supplier", "weapon"]
    assert transfer["n_t2"].attributes["modality"] == "planned"


def test_same_as_joins_events_into_one_cluster(onto, recorded):
    arms = recorded["fx-nl-arms"]
    resolved = resolve_annotation(arms, arms.annotations[0], onto)
    clusters = {e.id: e.cluster_id for e in resolved.events}
    assert clusters["n_t1"] == clusters["n_t2"] == "n_t1"
    assert clusters["n_t3"] == "n_t3"


def test_entity_clusters_never_name_an_event(onto, recorded):
    # "levering" is both a Weapon entity and the ArmsTransfer trigger n_t2; the events n_t1 and
    # n_t2 are joined by same_as, but the entity n_t2 is in no entity cluster.
    arms = recorded["fx-nl-arms"]
    resolved = resolve_annotation(arms, arms.annotations[0], onto)
    entity_ids = {x.id for x in resolved.entities}
    assert {x.id: x.cluster_id for x in resolved.entities}["n_t2"] == "n_t2"
    assert all(x.cluster_id in entity_ids for x in resolved.entities)
    assert all(e.cluster_id in {v.id for v in resolved.events} for e in resolved.events)


def test_mixed_same_as_is_an_issue_and_joins_nothing(onto):
    text = "Rebels seized Goma."
    items = [
        find("t1", "trigger", text, "seized", "TerritorialControl"),
        find("e1", "entity", text, "Goma", "Location"),
        relation("e1", "t1", "same_as"),
    ]
    resolved = resolve(onto, text, items)
    assert kinds(resolved) == ["coref_mixed"]
    assert "joins an event and an entity;" in resolved.issues[0].message
    assert [x.cluster_id for x in resolved.entities] == ["e1"]
    assert [e.cluster_id for e in resolved.events] == ["t1"]


def test_cluster_id_names_a_kept_event():
    # t1 comes first in the text but fails validation (two hosts where one is allowed); the
    # cluster it shared with t2 and t3 must be named after a kept event.
    tiny = Ontology(name="tiny", version=1, entities=[Person], events=[Meeting])
    text = "Ann and Bob met, then a summit and a meeting."
    t1 = find("t1", "trigger", text, "met", "Meeting")
    t2 = find("t2", "trigger", text, "summit", "Meeting")
    t3 = find("t3", "trigger", text, "meeting", "Meeting")
    hosts = [
        find("e1", "entity", text, "Ann", "Person"),
        find("e2", "entity", text, "Bob", "Person"),
    ]
    items = [t1, t2, t3, *hosts, relation("t1", "e1", "host"), relation("t1", "e2", "host")]
    items += [relation("t1", "t2", "same_as"), relation("t3", "t1", "same_as")]
    resolved = resolve(tiny, text, items)
    assert kinds(resolved) == ["cardinality"]
    assert {e.id: e.cluster_id for e in resolved.events} == {"t2": "t2", "t3": "t2"}


def test_unknown_label_disallowed_type_and_missing_region(onto, recorded):
    bad = recorded["fx-en-bad"]
    resolved = resolve_annotation(bad, bad.annotations[0], onto)
    assert kinds(resolved) == [
        "argument_type_not_allowed",
        "relation_missing_region",
        "unknown_label",
    ]
    (event,) = resolved.events
    assert [(a.role, a.text) for a in event.arguments] == [("agent", "The militia")]
    issue = next(i for i in resolved.issues if i.kind == "argument_type_not_allowed")
    assert (issue.task_id, issue.annotation_id, issue.region_id) == (bad.id, 7, "x_e3")
    assert "instrument" in issue.message and "Weapon" in issue.message


def test_span_text_and_range_problems_drop_the_region(onto):
    text = "Rebels seized Goma."
    wrong = find("t1", "trigger", text, "seized", "TerritorialControl")
    wrong["value"]["text"] = "seize"
    outside = {
        "id": "e9",
        "from_name": "entity",
        "to_name": "text",
        "type": "labels",
        "value": {"start": 15, "end": 40, "text": "x", "labels": ["Location"]},
    }
    resolved = resolve(onto, text, [wrong, outside, relation("t1", "e9", "territory")])
    assert kinds(resolved) == ["relation_missing_region", "span_out_of_range", "span_text_mismatch"]
    assert resolved.events == [] and resolved.entities == []


def test_role_rules(onto):
    text = "Rebels seized Goma near Kivu."
    items = [
        find("t1", "trigger", text, "seized", "TerritorialControl"),
        find("e1", "entity", text, "Rebels", "ArmedGroup"),
        find("e2", "entity", text, "Goma", "Location"),
        find("e3", "entity", text, "Kivu", "Location"),
        relation("t1", "e1", "weapon"),  # a role of another event type
        relation("t1", "e2", "victim"),  # no such role at all
        relation("e2", "e3", "place"),  # between two entities
        relation("e2", "e3", "same_as"),
        relation("t1", "e3", "same_as"),  # event with entity
        relation("t1", "e2", "territory"),
        relation("t1", "e2", "territory"),  # drawn twice
    ]
    resolved = resolve(onto, text, items)
    assert kinds(resolved) == [
        "coref_mixed",
        "duplicate_argument",
        "relation_between_entities",
        "role_not_allowed",
        "unknown_role",
    ]
    (event,) = resolved.events
    assert [(a.role, a.text) for a in event.arguments] == [("territory", "Goma")]
    clusters = {e.text: e.cluster_id for e in resolved.entities}
    assert clusters["Goma"] == clusters["Kivu"] == "e2"


def test_bad_choices(onto):
    text = "Talks in Goma."
    t1 = find("t1", "trigger", text, "Talks", "Conference")
    e1 = find("e1", "entity", text, "Goma", "Location")
    resolved = resolve(
        onto,
        text,
        [
            t1,
            e1,
            choice(t1, "modality", "rumoured"),
            choice(e1, "polarity", "negative"),
            choice(t1, "certainty", "high"),
        ],
    )
    assert kinds(resolved) == [
        "choice_without_trigger",
        "unknown_attribute",
        "unknown_attribute_value",
    ]
    dropped = {i.kind: i.dropped for i in resolved.issues}
    assert set(dropped.values()) == {"choice"}
    # a value the ontology lacks (removed since, or mistyped) loses the choice, not the event
    [event] = resolved.events
    assert event.attributes["modality"] == "asserted"  # the default
    message = next(i.message for i in resolved.issues if i.kind == "unknown_attribute_value")
    assert "'rumoured' is not one of asserted" in message


class Person(Entity):
    """A person."""


class Meeting(Event):
    """A meeting."""

    host: list[Person] = Role("Who hosts.", max=1)


def test_cardinality_violation_drops_the_event():
    tiny = Ontology(name="tiny", version=1, entities=[Person], events=[Meeting])
    text = "Ann and Bob hosted a meeting."
    resolved = resolve(
        tiny,
        text,
        [
            find("t1", "trigger", text, "meeting", "Meeting"),
            find("e1", "entity", text, "Ann", "Person"),
            find("e2", "entity", text, "Bob", "Person"),
            relation("t1", "e1", "host"),
            relation("t1", "e2", "host"),
        ],
    )
    assert kinds(resolved) == ["cardinality"]
    assert resolved.issues[0].dropped == "event"
    assert "at most 1" in resolved.issues[0].message
    assert resolved.events == [] and len(resolved.entities) == 2


def test_unknown_control_and_several_labels(onto):
    text = "Rebels seized Goma."
    odd = find("s1", "sentiment", text, "Rebels", "Negative")
    double = find("t1", "trigger", text, "seized", "TerritorialControl")
    double["value"]["labels"].append("MilitaryOperation")
    resolved = resolve(onto, text, [odd, double])
    assert kinds(resolved) == ["several_labels", "unknown_control"]
    foreign = next(i for i in resolved.issues if i.kind == "unknown_control")
    assert foreign.dropped == "label"  # the Negative label is not in the dataset
    several = next(i for i in resolved.issues if i.kind == "several_labels")
    assert several.dropped == "event" and "MilitaryOperation" in several.message
    assert resolved.events == []


def test_dropped_says_what_was_really_left_out(onto):
    text = "Rebels seized Goma near Kivu."
    t1 = find("t1", "trigger", text, "seized", "TerritorialControl")
    t1["value"]["labels"] = ["TerritorialControl", "Takeover"]  # one known, one unknown label
    e1 = find("e1", "entity", text, "Goma", "Location")
    e2 = find("e2", "entity", text, "Kivu", "Location")
    items = [
        t1,
        e1,
        e2,
        relation("e1", "e9", "same_as"),
        relation("t1", "e9", "territory"),
        relation("t1", "e2"),
        relation("t1", "e2", "same_as", "place"),
    ]
    resolved = resolve(onto, text, items)
    dropped = sorted((i.kind, i.dropped) for i in resolved.issues)
    assert dropped == [
        ("relation_missing_region", "argument"),
        ("relation_missing_region", "relation"),
        ("relation_no_label", "relation"),
        ("relation_several_labels", "argument"),
        ("unknown_label", "label"),  # the region stays a trigger with its known label
    ]
    assert [e.type for e in resolved.events] == ["TerritorialControl"]


def test_a_relation_of_a_left_out_trigger_or_entity_says_so(onto):
    text = "Rebels seized Goma; talks in Kivu."
    t1 = find("t1", "trigger", text, "seized", "TerritorialControl")
    t1["value"]["labels"].append("MilitaryOperation")  # several labels: the event is left out
    e1 = find("e1", "entity", text, "Rebels", "ArmedGroup")
    e1["value"]["labels"].append("Organization")  # the entity too
    items = [
        t1,
        e1,
        find("e2", "entity", text, "Goma", "Location"),
        find("t2", "trigger", text, "talks", "Conference"),
        relation("t1", "e2", "territory"),
        relation("e2", "t1", "territory"),  # drawn the other way round
        relation("t2", "e1", "participant"),
    ]
    resolved = resolve(onto, text, items)
    missing = [
        (i.region_id, i.message) for i in resolved.issues if i.kind == "relation_missing_region"
    ]
    assert [region for region, _ in missing] == ["t1", "t1", "e1"]
    assert "the event at region t1 was left out" in missing[0][1]
    assert "the entity at region e1 was left out" in missing[2][1]
    assert "relation_between_entities" not in kinds(resolved)
    assert "argument_not_entity" not in kinds(resolved)


def test_a_relation_to_a_malformed_region_says_it_was_left_out(onto):
    text = "Rebels seized Goma."
    e2 = find("e2", "entity", text, "Goma", "Location")
    e2["value"]["start"] = "14"  # not an integer: the item is malformed
    items = [find("t1", "trigger", text, "seized", "TerritorialControl"), e2]
    parsed = parse_task(
        task(1, "d", text, [annotation(1, 1, [*items, relation("t1", "e2", "territory")])])
    )
    resolved = resolve_annotation(parsed, parsed.annotations[0], onto)
    assert [i.kind for i in parsed.issues] == ["malformed_result"]
    (issue,) = resolved.issues
    assert (
        issue.kind == "relation_missing_region" and "was left out (see its issue)" in issue.message
    )


def test_an_arrow_from_a_trigger_that_is_also_an_entity_reads_as_its_argument(onto):
    text = "The delivery of drones came before the attack on Goma."
    items = [
        find("r1", "trigger", text, "delivery of drones", "ArmsTransfer"),
        find("r1", "entity", text, "delivery of drones", "Weapon"),
        find("t2", "trigger", text, "attack", "MilitaryOperation"),
    ]
    for drawn in (relation("t2", "r1", "instrument"), relation("r1", "t2", "instrument")):
        resolved = resolve(onto, text, [*items, drawn])
        assert resolved.issues == []
        attack = next(e for e in resolved.events if e.type == "MilitaryOperation")
        assert [(a.role, a.entity_id) for a in attack.arguments] == [("instrument", "r1")]


def test_a_cleared_choice_leaves_the_default(onto):
    text = "Rebels attacked Goma."
    t1 = find("t1", "trigger", text, "attacked", "MilitaryOperation")
    cleared = choice(t1, "modality", "planned")
    cleared["value"]["choices"] = []
    resolved = resolve(onto, text, [t1, cleared])
    assert resolved.issues == []
    (event,) = resolved.events
    assert event.attributes["modality"] == "asserted"


def test_a_choice_item_off_its_region_says_the_choice_is_not_read():
    text = "Rebels attacked Goma."
    t1 = find("t1", "trigger", text, "attacked", "MilitaryOperation")
    moved = choice(t1, "modality", "planned")
    moved["value"]["end"] += 1
    parsed = parse_task(task(1, "d", text, [annotation(1, 1, [t1, moved])]))
    (issue,) = parsed.issues
    assert issue.kind == "malformed_result" and issue.region_id == "t1"
    assert "its choice is not read (the attribute keeps its default)" in issue.message
    assert parsed.annotations[0].regions["t1"].choices == {}


def test_a_span_of_only_whitespace_is_left_out_with_its_issue(onto):
    text = "Rebels seized Goma.\r\nTalks began."
    blank = span("t1", "trigger", text, 19, 21, "Conference")  # the "\r\n" between sentences
    space = span("e1", "entity", text, 6, 7, "Location")  # the space after "Rebels"
    items = [
        blank,
        space,
        find("e2", "entity", text, "Goma", "Location"),
        relation("t1", "e2", "place"),
    ]
    resolved = resolve(onto, text, items)
    blanks = [(i.region_id, i.dropped) for i in resolved.issues if i.kind == "span_blank"]
    assert blanks == [("t1", "event"), ("e1", "entity")]
    assert resolved.events == [] and [e.id for e in resolved.entities] == ["e2"]
    assert "holds only whitespace ('\\r\\n')" in resolved.issues[0].message


def test_a_region_whose_labels_were_all_removed_is_reported(onto):
    text = "Het leger viel Goma aan."
    bare = find("r1", "entity", text, "Het", "Location")
    bare["value"]["labels"] = []  # Label Studio keeps a region whose last label was removed
    items = [bare, find("e1", "entity", text, "Goma", "Location")]
    resolved = resolve(onto, text, items)
    assert kinds(resolved) == ["region_no_label"]
    (issue,) = resolved.issues
    assert issue.region_id == "r1" and issue.dropped == "nothing"
    assert "'Het' at 0..3 has no label" in issue.message
    assert [e.id for e in resolved.entities] == ["e1"]


def test_same_as_to_a_region_whose_labels_were_refused_is_a_missing_region(onto):
    # As for a region refused for its span: the relation lost its end, it did not mix kinds.
    text = "Rebels and the militia met in Goma."
    items = [
        find("e1", "entity", text, "Rebels", "ArmedGroup"),
        find("e2", "entity", text, "the militia", "Militia"),  # not a conflict-news type
        find("e3", "entity", text, "Goma", "Location"),
        find("t1", "trigger", text, "met", "Conference"),
        relation("e1", "e2", "same_as"),
        relation("t1", "e3", "same_as"),  # an event and an entity: mixed
    ]
    resolved = resolve(onto, text, items)
    assert kinds(resolved) == ["coref_mixed", "relation_missing_region", "unknown_label"]
    missing = next(i for i in resolved.issues if i.kind == "relation_missing_region")
    assert "region e2 was left out (see its issue)" in missing.message
    assert missing.dropped == "relation"


def test_two_events_of_one_type_on_one_span_are_kept_with_a_warning(onto):
    text = "Rebels attacked Kyiv."
    t1 = find("t1", "trigger", text, "attacked", "MilitaryOperation")
    t2 = find("t2", "trigger", text, "attacked", "MilitaryOperation")
    items = [
        t1,
        t2,
        find("e1", "entity", text, "Rebels", "ArmedGroup"),
        relation("t1", "e1", "agent"),
    ]
    resolved = resolve(onto, text, items)
    assert [e.id for e in resolved.events] == ["t1", "t2"]  # both kept
    [issue] = resolved.issues
    assert (issue.kind, issue.severity, issue.dropped, issue.region_id) == (
        "duplicate_event",
        "warning",
        "nothing",
        "t2",
    )
    assert "2 MilitaryOperation events on 'attacked' at 7..15 (t1, t2)" in issue.message
