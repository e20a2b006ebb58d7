"""A build against the wrong ontology fails instead of writing a dataset without events."""

from __future__ import annotations

import json

import pytest
from export_helpers import annotation, find, offensive_task, relation, task, write_export

from eventset.errors import InputError
from eventset.export.build import build_dataset
from eventset.schema import Entity, Event, Ontology, Role


class Person(Entity):
    """A human being."""


class City(Entity):
    """A city."""


class Siege(Event):
    """Forces surround a city."""

    besieger: list[Person] = Role("Who besieges.")
    city: list[City] = Role("The city.")


SIEGES = Ontology(name="sieges", version=1, entities=[Person, City], events=[Siege])


def test_an_export_of_another_ontology_is_refused_and_nothing_is_written(tmp_path):
    export = write_export(tmp_path / "e.json", [offensive_task(i, f"d{i}") for i in (1, 2)])
    out = tmp_path / "out"
    with pytest.raises(InputError) as caught:
        build_dataset(export, out, ontology=SIEGES)
    message = str(caught.value)
    assert "no event or entity label of" in message
    assert "ontology 'sieges'" in message
    assert "event MilitaryOperation x2" in message and "entity ArmedGroup x2" in message
    assert "--ontology" in caught.value.remedy
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]  # no leftovers


def test_only_events_lost_is_refused_too(tmp_path):
    text = "The general besieged Oran."
    items = [
        find("t1", "trigger", text, "besieged", "Blockade"),  # not a sieges event type
        find("e1", "entity", text, "The general", "Person"),
        find("e2", "entity", text, "Oran", "City"),
        relation("t1", "e1", "besieger"),
    ]
    export = write_export(tmp_path / "e.json", [task(1, "d1", text, [annotation(1, 1, items)])])
    with pytest.raises(InputError, match=r"no event label of .* \(unknown: event Blockade x1\)"):
        build_dataset(export, tmp_path / "out", ontology=SIEGES, splits="1")


def test_labels_from_a_foreign_labeling_config_are_refused(tmp_path):
    text = "The general besieged Oran."
    items = [find("r1", "label", text, "Oran", "LOC"), find("r2", "label", text, "general", "PER")]
    export = write_export(tmp_path / "e.json", [task(1, "d1", text, [annotation(1, 1, items)])])
    with pytest.raises(InputError, match=r"no region label .*control label x2"):
        build_dataset(export, tmp_path / "out", splits="1")


def test_a_few_unknown_labels_are_issues_and_counted_not_a_failure(tmp_path):
    good = offensive_task(1, "d1")
    odd = offensive_task(2, "d2")
    odd["annotations"][0]["result"][0]["value"]["labels"] = ["Invasion"]
    export = write_export(tmp_path / "e.json", [good, odd])
    summary = build_dataset(export, tmp_path / "out", splits="1")
    assert summary.tally["unknown_labels"] == {"event/Invasion": 1}
    saved = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert saved["tally"]["unknown_labels"] == {"event/Invasion": 1}
    issues = [json.loads(line) for line in (tmp_path / "out" / "issues.jsonl").open()]
    unknown = [i for i in issues if i["kind"] == "unknown_label"]
    assert [i["dropped"] for i in unknown] == ["event"]
