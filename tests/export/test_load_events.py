"""Reading a built dataset back: rows from folders and files, typed events, score files."""

from __future__ import annotations

import json
import re

import pytest
from export_helpers import offensive_task, write_export

from eventset.errors import InputError
from eventset.export.build import build_dataset
from eventset.export.load import dataset_ontology, iter_documents, load_events
from eventset.export.score import score_files
from eventset.schema import load_ontology


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    root = tmp_path_factory.mktemp("load")
    export = write_export(root / "e.json", [offensive_task(i, f"d{i}") for i in range(1, 6)])
    return build_dataset(export, root / "out", splits="0.6,0.4", seed=2).out_dir


def test_typed_events(dataset):
    events = load_events(dataset)
    assert sorted(events) == ["d1", "d2", "d3", "d4", "d5"]
    operation = next(e for e in events["d1"] if e.type == "MilitaryOperation")
    assert [a.text for a in operation.agent] == ["the rebels"]
    assert operation.modality == "planned" and operation.polarity == "positive"
    assert type(operation.agent[0]).__name__ == "ArmedGroup"
    assert dataset_ontology(dataset).name == "conflict-news"


def test_split_and_file_sources(dataset, tmp_path):
    test_ids = [r["doc_id"] for r in iter_documents(dataset, "test")]
    assert 0 < len(test_ids) < 5
    rows = list(iter_documents(dataset / "documents" / "test.parquet"))
    assert [r["doc_id"] for r in rows] == test_ids
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert load_events(jsonl, "conflict-news").keys() == set(test_ids)
    with pytest.raises(InputError, match=r"has no documents/dev\.parquet"):
        list(iter_documents(dataset, "dev"))


def test_score_files_against_itself_and_an_empty_prediction(dataset, tmp_path):
    assert score_files(dataset, dataset).overall("argument").f1 == 1.0
    empty = tmp_path / "pred.jsonl"
    empty.write_text(
        "".join(json.dumps({"doc_id": f"d{i}", "events": []}) + "\n" for i in range(1, 6))
    )
    scores = score_files(dataset, empty)
    assert scores.overall("trigger").fn == 10 and scores.overall("trigger").f1 == 0.0
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"doc_id": "zzz", "events": []}) + "\n")
    with pytest.raises(InputError, match="no predicted doc_id"):
        score_files(dataset, other)


def test_unknown_ontology_needs_to_be_passed(tmp_path):
    (tmp_path / "documents").mkdir()
    with pytest.raises(InputError, match="which ontology"):
        load_events(tmp_path)
    assert load_ontology("conflict-news").name == "conflict-news"


def test_another_ontology_is_refused_and_a_changed_one_named_with_the_row(dataset):
    from eventset.schema import Entity, Event, Ontology

    class Place(Entity):
        """A place."""

    class MilitaryOperation(Event):
        """An operation without roles: the built rows' agents no longer fit."""

    other = Ontology(name="tiny", version=1, entities=[Place], events=[MilitaryOperation])
    with pytest.raises(InputError, match="built with ontology 'conflict-news', not 'tiny'"):
        load_events(dataset, other)
    changed = Ontology(
        name="conflict-news", version=9, entities=[Place], events=[MilitaryOperation]
    )
    with pytest.raises(InputError) as caught:
        load_events(dataset, changed)
    message = str(caught.value)
    assert re.search(r"documents/\w+\.parquet row \d+: event 't\d+'", message)  # file and row
    assert "does not fit ontology 'conflict-news'" in message
    assert f"this one {changed.short_hash}" in message
