"""JSON Schema, guidelines and content hash derived from an ontology (golden files)."""

from __future__ import annotations

import json

import jsonschema
import pytest
from tests_golden import check_golden

from eventset.schema import Entity, Event, Ontology, Role, load_ontology


def test_guidelines_golden() -> None:
    text = load_ontology("conflict-news").guidelines()
    for name in load_ontology("conflict-news").event_types:
        assert f"### {name}" in text
    check_golden("conflict-news.guidelines.md", text)


def test_jsonschema_golden() -> None:
    schema = load_ontology("conflict-news").json_schema()
    check_golden("conflict-news.schema.json", json.dumps(schema, indent=2, sort_keys=True) + "\n")


def test_jsonschema_accepts_valid_and_rejects_invalid_events() -> None:
    onto = load_ontology("conflict-news")
    schema = onto.json_schema()
    event = onto.event_type("Training").cls(
        trigger={"text": "trains", "start": 0, "end": 6},
        trainer=[{"type": "Country", "text": "Russia"}],
        modality="uncertain",
    )
    jsonschema.validate(event.model_dump(mode="json"), schema)
    bad = event.model_dump(mode="json") | {"modality": "maybe"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


class Person(Entity):
    """A person."""


def _ontology(doc: str) -> Ontology:
    meet = type(
        "Meet",
        (Event,),
        {"__doc__": doc, "__annotations__": {"who": list[Person]}, "who": Role("Who.")},
    )
    return Ontology(name="t", version=1, entities=[Person], events=[meet])


def test_hash_is_stable_and_sensitive() -> None:
    first, again, changed = _ontology("A meeting."), _ontology("A meeting."), _ontology("Talks.")
    assert first.content_hash == again.content_hash
    assert first.content_hash != changed.content_hash
    assert len(first.short_hash) == 12


def test_a_docstring_keeps_its_markdown_layout_in_the_guidelines_only():
    from eventset.schema import Entity, Event, Ontology, Role

    class Town(Entity):
        """A town."""

    class Raid(Event):
        """An armed raid on a place.

        # Scope

        - Include *ambushes*
        - Exclude threats

        | case | label |
        |---|---|
        | a raid | Raid |
        """

        place: list[Town] = Role("Where.")

    onto = Ontology(name="raids", version=1, entities=[Town], events=[Raid])
    guidelines = onto.guidelines()
    assert "\n#### Scope\n\n- Include *ambushes*\n- Exclude threats\n" in guidelines
    assert "\n| case | label |\n|---|---|\n| a raid | Raid |\n" in guidelines
    definition = onto.event_type("Raid").definition  # the one-line form (label hints, hash)
    assert "\n" not in definition and definition.startswith("An armed raid on a place. # Scope")


@pytest.mark.parametrize(
    ("docstring", "shown"),
    [
        ("Raids. #MeToo is a hashtag.", "Raids. #MeToo is a hashtag."),
        ("Raids.\n\n~~~\n# a comment in code\n~~~", "~~~\n# a comment in code\n~~~"),
        ("Raids.\n\n  # Scope\nText", "#### Scope\nText"),
        ("Raids.\n\nNotes\n-----\nText", "#### Notes\nText"),
        ("Raids.\n\n####### not a heading", "####### not a heading"),
        ("Raids.\n\n```\ncode\n```\n---\nAfter", "```\ncode\n```\n---\nAfter"),
        ("Raids.\n\n1. First step\n---", "1. First step\n---"),
        ("Raids.\n\nLine one\nline two\n===", "#### Line one line two"),
        ("Raids.\n\n````\n```\n# in code\n````\n# H", "````\n```\n# in code\n````\n#### H"),
    ],
)
def test_docstring_headings_go_below_the_event_heading_and_nothing_else_changes(
    docstring: str, shown: str
) -> None:
    class Town(Entity):
        """A town."""

    raid = type("Raid", (Event,), {"__doc__": docstring})
    guidelines = Ontology(name="r", version=1, entities=[Town], events=[raid]).guidelines()
    assert shown in guidelines


class Siege(Event):
    """A siege."""

    besieger: list[Person] = Role("Who besieges.", min=1)
    helper: list[Person] = Role("Who helps.")


def test_jsonschema_requires_a_role_with_a_minimum_as_validation_does() -> None:
    onto = Ontology(name="sieges", version=1, entities=[Person], events=[Siege])
    schema = onto.json_schema()
    without = {"type": "Siege", "trigger": {"text": "siege"}}
    with pytest.raises(Exception, match="at least 1"):
        Siege.model_validate(without)
    with pytest.raises(jsonschema.ValidationError, match="'besieger' is a required property"):
        jsonschema.validate(without, schema)
    fine = without | {"besieger": [{"type": "Person", "text": "Ann"}]}
    jsonschema.validate(fine, schema)  # helper (min 0) may stay out
    Siege.model_validate(fine)
