"""Events are validated once per shape only where the shape decides; custom rules always run."""

from __future__ import annotations

import json
from typing import Literal

from export_helpers import annotation, find, relation, task, write_export
from pydantic import Field, field_validator

from eventset.export.build import build_dataset
from eventset.schema import Ontology, load_ontology
from eventset.schema.dsl import Entity, Event, Role
from eventset.schema.shapes import shape_decides


class Person(Entity):
    """A person."""


class Named(Entity):
    """A person named with a capital letter (a custom rule on the text)."""

    @field_validator("text")
    @classmethod
    def _capital(cls, value: str) -> str:
        if not value[:1].isupper():
            raise ValueError("a name starts with a capital letter")
        return value


class Meeting(Event):
    """People meet."""

    who: list[Person] = Role("Who meets.", max=2)
    modality: Literal["asserted", "planned"] = "asserted"


class Greeting(Event):
    """Someone greets."""

    who: list[Named] = Role("Who greets.")


class Scored(Event):
    """An event with an extra constrained field."""

    who: list[Person] = Role("Who.")
    score: int = Field(default=0, ge=0)


def test_only_classes_that_add_nothing_are_decided_by_shape():
    assert all(shape_decides(e.cls) for e in load_ontology("conflict-news").event_types.values())
    assert shape_decides(Meeting)
    assert not shape_decides(Greeting)  # custom validator on an entity's text
    assert not shape_decides(Scored)  # a field that is neither a role nor an attribute


def _issues(tmp_path, label: str, sentences: list[tuple[str, str]]) -> list[dict]:
    tasks = []
    for n, (text, names) in enumerate(sentences, start=1):
        result = [find("t", "trigger", text, "met" if label == "Meeting" else "greeted", label)]
        for k, name in enumerate(names.split(",")):
            kind = "Named" if label == "Greeting" else "Person"
            result += [find(f"p{k}", "entity", text, name, kind), relation("t", f"p{k}", "who")]
        tasks.append(task(n, f"d{n}", text, [annotation(n, 1, result)]))
    onto = Ontology(name="shapes", version=1, entities=[Person, Named], events=[Meeting, Greeting])
    out = tmp_path / "out"
    build_dataset(write_export(tmp_path / "e.json", tasks), out, ontology=onto, splits="1,0,0")
    return [json.loads(line) for line in (out / "issues.jsonl").open()]


def test_a_custom_rule_still_rejects_an_event_whose_shape_was_valid_before(tmp_path):
    issues = _issues(
        tmp_path,
        "Greeting",
        [("Anna greeted us.", "Anna"), ("Then bob greeted us.", "bob"), ("Cleo greeted.", "Cleo")],
    )
    assert [(i["kind"], i["doc_id"]) for i in issues] == [("invalid_event", "d2")]


def test_a_shape_seen_valid_is_accepted_and_a_new_one_is_validated(tmp_path):
    sentences = [
        ("Anna met Bo.", "Anna,Bo"),
        ("Cleo met Dan.", "Cleo,Dan"),  # same shape as d1: accepted without pydantic
        ("Eve, Fay and Gus met.", "Eve,Fay,Gus"),  # three people: more than max=2
    ]
    issues = _issues(tmp_path, "Meeting", sentences)
    assert [(i["kind"], i["doc_id"]) for i in issues] == [("cardinality", "d3")]
