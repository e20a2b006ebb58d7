"""A span selected with the whitespace next to its word is used without it (an info issue names
it), so ``Kyiv`` and ``Kyiv `` are one entity and annotators who differ only so agree."""

from __future__ import annotations

from export_helpers import annotation, relation, span, task

from eventset.annotate.parse import parse_task
from eventset.export.policy import select_annotations
from eventset.export.resolve import resolve_annotation
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")
TEXT = "Rebels attacked Kyiv \non Monday.\r\nTalks failed."


def _result(city_end: int, time_end: int) -> list[dict[str, object]]:
    return [
        span("t", "trigger", TEXT, 7, 15, "MilitaryOperation"),
        span("c", "entity", TEXT, 15, city_end, "Location"),  # " Kyiv" plus what follows
        span("m", "entity", TEXT, 22, time_end, "Time"),
        relation("t", "c", "target"),
        relation("t", "m", "time"),
    ]


def test_edges_are_trimmed_and_named_and_raw_offsets_stay():
    raw = task(1, "d1", TEXT, [annotation(1, 1, _result(22, 34))])
    parsed = parse_task(raw)
    resolved = resolve_annotation(parsed, parsed.annotations[0], ONTO)
    spans = {e.text: (e.start, e.end) for e in resolved.entities}
    assert spans == {"Kyiv": (16, 20), "on Monday.": (22, 32)}
    assert TEXT[16:20] == "Kyiv" and TEXT[22:32] == "on Monday."
    [event] = resolved.events
    assert {(a.role, a.text, a.start, a.end) for a in event.arguments} == {
        ("target", "Kyiv", 16, 20),
        ("time", "on Monday.", 22, 32),
    }
    trimmed = [i for i in resolved.issues if i.kind == "span_trimmed"]
    assert [(i.region_id, i.severity, i.dropped) for i in trimmed] == [
        ("c", "info", "nothing"),
        ("m", "info", "nothing"),
    ]
    assert "used as 'Kyiv' at 16..20" in trimmed[0].message
    # the parsed region, which the raw config is written from, keeps the span as drawn
    assert parsed.annotations[0].regions["c"].start == 15
    assert not [i for i in resolved.issues if i.severity == "error"]


def test_two_annotators_who_differ_only_by_a_space_agree_under_majority():
    tight = _result(20, 32)
    loose = _result(22, 34)
    raw = task(1, "d1", TEXT, [annotation(1, 1, loose), annotation(2, 2, tight)])
    parsed = parse_task(raw)
    resolved = [resolve_annotation(parsed, a, ONTO) for a in parsed.annotations]
    chosen = select_annotations(parsed, resolved, "majority", ONTO)
    assert sorted(e.text for e in chosen.entities) == ["Kyiv", "on Monday."]
    assert [len(e.arguments) for e in chosen.events] == [2]
    assert not [i for i in chosen.issues if i.kind == "no_majority"]
