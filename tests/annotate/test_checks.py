"""Checks of result items before they are sent to Label Studio."""

from __future__ import annotations

from eventset.annotate.checks import ontology_problems, result_problems, task_problems
from eventset.annotate.config import build_label_config
from eventset.annotate.sync import config_values
from eventset.annotate.tasks import choice_result, relation_result, span_result
from eventset.schema import load_ontology

OFFERED = config_values(build_label_config(load_ontology("conflict-news")))
TEXT = "🚀 Rebels attacked Goma."


def _span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def test_well_formed_result_has_no_problems():
    result = [
        span_result("trigger", "t", TEXT, *_span("attacked"), "MilitaryOperation"),
        choice_result("modality", "t", TEXT, *_span("attacked"), "asserted"),
        span_result("entity", "e", TEXT, *_span("Rebels"), "ArmedGroup"),
        relation_result("t", "e", ["agent"]),
        relation_result("e", "t", [], "left"),
    ]
    assert result_problems(TEXT, result, OFFERED) == []


def test_every_kind_of_problem_is_reported():
    start, end = _span("Goma")
    result = [
        {"from_name": "entity", "type": "labels", "value": {"start": 0, "end": 1, "labels": []}},
        {
            "id": "a",
            "from_name": "trigger",
            "type": "labels",
            "value": {"start": end, "end": start, "text": "", "labels": ["MilitaryOperation"]},
        },
        {
            "id": "b",
            "from_name": "entity",
            "type": "labels",
            "value": {"start": start + 1, "end": end + 1, "text": "Goma", "labels": ["Planet"]},
        },
        {
            "id": "c",
            "from_name": "mood",
            "type": "choices",
            "value": {"start": start, "end": end, "text": "Goma", "choices": ["x"]},
        },
        choice_result("modality", "b", TEXT, start + 1, end + 1, "certain"),
        relation_result("a", "zz", ["agent", "friend"], "up"),
    ]
    assert result_problems(TEXT, result, OFFERED) == [
        "a entity region has no id",
        f"region a: offsets {end}..{start} are not a span of the {len(TEXT)}-character text",
        f"region b: text 'Goma' differs from the span 'oma.' at {start + 1}..{end + 1}",
        "region b: entity has no label 'Planet'",
        "region c: the config has no choices control 'mood'",
        "region b: modality has no choice 'certain'",
        "relation a -> zz: no region zz",
        "relation a -> zz: bad direction 'up'",
        "relation a -> zz: the config has no relation 'friend'",
    ]


def test_offsets_beyond_the_text_are_caught():
    item = {
        "id": "r",
        "from_name": "trigger",
        "type": "labels",
        "value": {"start": 0, "end": len(TEXT) + 1, "text": TEXT, "labels": ["Support"]},
    }
    assert result_problems(TEXT, [item], OFFERED) == [
        f"region r: offsets 0..{len(TEXT) + 1} are not a span of the {len(TEXT)}-character text"
    ]


ONTO = load_ontology("conflict-news")


def _regions():
    return [
        span_result("trigger", "t", TEXT, *_span("attacked"), "MilitaryOperation"),
        span_result("entity", "rebels", TEXT, *_span("Rebels"), "ArmedGroup"),
        span_result("entity", "goma", TEXT, *_span("Goma"), "Location"),
    ]


def test_roles_the_ontology_allows_pass():
    result = [
        *_regions(),
        relation_result("t", "rebels", ["agent"]),
        relation_result("goma", "t", ["place"], "left"),
        relation_result("rebels", "goma", ["same_as"]),
    ]
    assert ontology_problems(result, ONTO) == []
    assert result_problems(TEXT, result, OFFERED) == []


def test_a_role_of_another_event_type_and_a_disallowed_entity_type_are_found():
    # Both fit the config (the labels exist), only the ontology can tell.
    result = [
        *_regions(),
        relation_result("t", "rebels", ["supplier"]),
        relation_result("t", "goma", ["agent"]),
        relation_result("rebels", "goma", ["place"]),
    ]
    assert result_problems(TEXT, result, OFFERED) == []
    assert ontology_problems(result, ONTO) == [
        "relation t -> rebels: MilitaryOperation has no role 'supplier'",
        "relation t -> goma: MilitaryOperation.agent does not accept Location "
        "(only ArmedGroup, Country, Organization, Person)",
        "relation rebels -> goma: role 'place' must start at a trigger",
    ]


def test_task_problems_name_the_source_of_each_problem():
    bad = [*_regions(), relation_result("t", "rebels", ["weapon"])]
    task = {
        "predictions": [{"model_version": "m1", "result": bad}],
        "annotations": [{"result": [span_result("trigger", "x", TEXT, 0, 1, "Nope")]}],
    }
    problems = task_problems(TEXT, task, OFFERED, ONTO)
    assert problems == [
        "prediction of m1: relation t -> rebels: MilitaryOperation has no role 'weapon'",
        "annotation of the corpus: region x: trigger has no label 'Nope'",
    ]
