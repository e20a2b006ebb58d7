"""A build against the wrong ontology fails instead of writing a dataset without its labels."""

from __future__ import annotations

import json

import pytest
from export_helpers import annotation, find, offensive_task, relation, task, write_export

from eventset.errors import InputError
from eventset.export.build import MISFIT_LABELS, build_dataset
from eventset.schema import Entity, Event, Ontology, Role


class Person(Entity):
    """A human being."""


class Location(Entity):
    """A place (a name that conflict-news has too)."""


class Siege(Event):
    """Forces surround a place."""

    besieger: list[Person] = Role("Who besieges.")
    place: list[Location] = Role("The place.")


SIEGES = Ontology(name="sieges", version=1, entities=[Person, Location], events=[Siege])


def test_an_export_of_another_ontology_is_refused_and_nothing_is_written(tmp_path):
    # offensive_task: MilitaryOperation, Conference, ArmedGroup, Time unknown; Location known
    export = write_export(tmp_path / "e.json", [offensive_task(i, f"d{i}") for i in (1, 2)])
    out = tmp_path / "out"
    with pytest.raises(InputError) as caught:
        build_dataset(export, out, ontology=SIEGES)
    message = str(caught.value)
    assert "8 of the 10 labels in" in message and "are not in ontology 'sieges'" in message
    assert "event MilitaryOperation x2" in message and "entity ArmedGroup x2" in message
    assert "--ontology" in caught.value.remedy
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]  # no leftovers


def test_labels_from_a_foreign_labeling_config_are_refused(tmp_path):
    text = "The general besieged Oran in May."
    items = [
        find("r1", "label", text, "Oran", "LOC"),
        find("r2", "label", text, "general", "PER"),
        find("r3", "label", text, "May", "DATE"),
    ]
    export = write_export(tmp_path / "e.json", [task(1, "d1", text, [annotation(1, 1, items)])])
    with pytest.raises(InputError, match=r"3 of the 3 labels .*control label x3"):
        build_dataset(export, tmp_path / "out", splits="1")


def test_one_stray_label_of_a_kind_nothing_else_has_is_an_issue_not_a_failure(tmp_path):
    # 20 events and no entities yet, but one entity with a stale label name
    tasks = []
    for n in range(1, 21):
        text = f"Talks number {n} began in Goma."
        items = [find("t1", "trigger", text, "Talks", "Conference")]
        if n == 1:
            items.append(find("e1", "entity", text, "Goma", "Org"))
        tasks.append(task(n, f"d{n}", text, [annotation(n, 1, items)]))
    summary = build_dataset(write_export(tmp_path / "e.json", tasks), tmp_path / "out", splits="1")
    assert summary.tally["unknown_labels"] == {"entity/Org": 1}
    assert summary.tally["known_labels"] == 20
    assert sum(summary.tally["events"].values()) == 20


def test_a_typo_after_spans_that_do_not_match_is_an_issue_not_a_failure(tmp_path):
    tasks = []
    for n in range(1, 4):
        text = "The general besieged Oran."
        trigger = find("t1", "trigger", text, "besieged", "Conference")
        trigger["value"]["text"] = "besieges"  # every known trigger is dropped for its span
        items = [trigger, find("e1", "entity", text, "The general", "Persn")]
        items.append(relation("t1", "e1", "participant"))
        tasks.append(task(n, f"d{n}", text, [annotation(n, 1, items)]))
    export = write_export(tmp_path / "e.json", tasks)
    summary = build_dataset(export, tmp_path / "out", splits="1")  # 3 typos, none known
    assert summary.tally["unknown_labels"] == {"entity/Persn": 3}
    assert MISFIT_LABELS == 3 and summary.issue_counts["span_text_mismatch"] == 3


def test_a_few_unknown_labels_are_issues_and_counted_not_a_failure(tmp_path):
    good = offensive_task(1, "d1")
    odd = offensive_task(2, "d2")
    odd["annotations"][0]["result"][0]["value"]["labels"] = ["Invasion"]
    export = write_export(tmp_path / "e.json", [good, odd])
    summary = build_dataset(export, tmp_path / "out", splits="1")
    assert summary.tally["unknown_labels"] == {"event/Invasion": 1}
    saved = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert saved["tally"]["unknown_labels"] == {"event/Invasion": 1}
    assert saved["tally"]["known_labels"] == 9
    issues = [json.loads(line) for line in (tmp_path / "out" / "issues.jsonl").open()]
    unknown = [i for i in issues if i["kind"] == "unknown_label"]
    assert [i["dropped"] for i in unknown] == ["event"]


class ArmedGroup(Entity):
    """An armed group (a name that conflict-news has too)."""


class Time(Entity):
    """A date or time (a name that conflict-news has too)."""


SHARED_ENTITIES = Ontology(
    name="sieges-shared", version=1, entities=[Person, Location, ArmedGroup, Time], events=[Siege]
)


def test_triggers_of_another_ontology_are_refused_although_entity_names_match(tmp_path):
    # 6 entity labels known, 4 trigger labels unknown: the dataset would have no event at all
    export = write_export(tmp_path / "e.json", [offensive_task(i, f"d{i}") for i in (1, 2)])
    out = tmp_path / "out"
    with pytest.raises(InputError) as caught:
        build_dataset(export, out, ontology=SHARED_ENTITIES)
    message = str(caught.value)
    assert "all 4 event labels in" in message and "'sieges-shared'" in message
    assert "event MilitaryOperation x2" in message and "event Conference x2" in message
    assert not out.exists()


def test_a_renamed_event_type_that_most_triggers_had_is_dropped_not_refused(tmp_path):
    # the project renamed MilitaryOperation with `project sync --force`: 4 of 6 triggers unknown
    tasks = [offensive_task(i, f"d{i}") for i in range(1, 4)]
    for odd in tasks[:2]:
        odd["annotations"][0]["result"][0]["value"]["labels"] = ["Offensive"]
        odd["annotations"][0]["result"][5]["value"]["labels"] = ["Offensive"]
    summary = build_dataset(write_export(tmp_path / "e.json", tasks), tmp_path / "out", splits="1")
    assert summary.tally["unknown_labels"] == {"event/Offensive": 4}
    assert summary.tally["known_event_labels"] == 2
    assert sum(summary.tally["events"].values()) == 2


def test_a_few_unknown_triggers_among_known_ones_are_issues_not_a_failure(tmp_path):
    tasks = [offensive_task(i, f"d{i}") for i in range(1, 5)]
    for odd in tasks[:3]:
        odd["annotations"][0]["result"][0]["value"]["labels"] = ["Invasion"]
    summary = build_dataset(write_export(tmp_path / "e.json", tasks), tmp_path / "out", splits="1")
    # 3 unknown trigger labels against 5 known (4 Conference, 1 MilitaryOperation)
    assert summary.tally["unknown_labels"] == {"event/Invasion": 3}
    assert summary.tally["known_event_labels"] == 5
