"""A relation from a region to itself (a region that is both trigger and entity, linked to
itself) is refused with its own issue, not read as the event's own argument."""

from __future__ import annotations

from export_helpers import annotation, relation, span, task

from eventset.annotate.parse import parse_task
from eventset.export.resolve import resolve_annotation
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")
TEXT = "The siege of Mirsa went on."


def test_a_relation_to_itself_is_named_and_not_an_argument():
    both = span("r", "trigger", TEXT, 4, 9, "MilitaryOperation")
    place = span("r", "entity", TEXT, 4, 9, "Location")
    result = [both, place, relation("r", "r", "place"), relation("r", "r", "same_as")]
    parsed = parse_task(task(1, "d1", TEXT, [annotation(1, 1, result)]))
    resolved = resolve_annotation(parsed, parsed.annotations[0], ONTO)
    [event] = resolved.events
    assert event.arguments == []
    refused = [i for i in resolved.issues if i.kind == "relation_to_itself"]
    assert [(i.region_id, i.dropped) for i in refused] == [("r", "argument"), ("r", "relation")]
    assert "starts and ends at the same region" in refused[0].message
