"""The raw export parser on a recorded Label Studio 1.23 export and on malformed input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventset.annotate.parse import iter_tasks, parse_task
from eventset.annotate.parsed import Relation
from eventset.errors import InputError

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "recorded_ls_1.23.json"


@pytest.fixture(scope="module")
def tasks():
    return {t.doc_id: t for t in iter_tasks(RECORDED)}


def test_every_task_is_read_with_its_document(tasks):
    assert list(tasks) == [
        "fx-en-clash",
        "fx-nl-arms",
        "fx-en-skip",
        "fx-en-draft",
        "fx-en-bad",
        "fx-en-untouched",
    ]
    arms = tasks["fx-nl-arms"]
    assert arms.lang == "nl"
    assert arms.meta == {"title": "fx-nl-arms", "source": "recorded-fixture"}
    assert arms.text.startswith("🚀 Frankrijk")


def test_one_region_collects_trigger_entity_and_choice_items(tasks):
    region = tasks["fx-nl-arms"].annotations[0].regions["n_t2"]
    assert region.trigger == ["ArmsTransfer"]
    assert region.entity == ["Weapon"]
    assert region.choices == {"modality": ["planned"]}
    assert (region.start, region.end, region.text) == (74, 82, "levering")


def test_offsets_are_code_points_after_an_emoji(tasks):
    arms = tasks["fx-nl-arms"]
    for region in arms.annotations[0].regions.values():
        assert arms.text[region.start : region.end] == region.text


def test_skipped_and_drafts_are_counted_not_submitted(tasks):
    skip, draft = tasks["fx-en-skip"], tasks["fx-en-draft"]
    assert [a.was_cancelled for a in skip.annotations] == [True]
    assert skip.submitted == []
    assert draft.drafts == 1 and draft.annotations == []


def test_annotation_metadata(tasks):
    first, second = tasks["fx-en-clash"].annotations
    assert (first.annotator, second.annotator) == ("1", "3")
    assert tasks["fx-nl-arms"].annotations[0].ground_truth is True
    assert first.created_at.startswith("20")


def test_relations_keep_labels_and_direction(tasks):
    relations = tasks["fx-en-clash"].annotations[0].relations
    assert Relation("a_e2", "a_t1", "left", ("target",)) in relations
    left = next(r for r in relations if r.direction == "left")
    assert left.oriented() == ("a_t1", "a_e2")
    assert any(r.labels == () for r in relations)
    assert any(r.labels == ("place", "target") for r in relations)


def test_snapshot_user_objects_and_flat_data_fields():
    raw = {
        "id": 7,
        "data": {"text": "Goma fell.", "doc_id": "g", "source": "x"},
        "annotations": [{"id": 1, "completed_by": {"id": 4, "email": "a@b.c"}, "result": []}],
    }
    task = parse_task(raw)
    # the numeric user id, never the email: the annotator is published with the dataset
    assert task.annotations[0].annotator == "4"
    assert task.meta == {"source": "x"}
    assert task.lang == ""  # no lang given and none guessed: the import stores "" too


def test_missing_doc_id_falls_back_to_the_task_id():
    assert parse_task({"id": 9, "data": {"text": "x"}}).doc_id == "task-9"


def test_malformed_results_become_issues():
    raw = {
        "id": 1,
        "data": {"text": "Goma fell."},
        "annotations": [
            {
                "id": 2,
                "result": [
                    {
                        "id": "r1",
                        "from_name": "entity",
                        "type": "labels",
                        "value": {"start": "0", "end": 4, "text": "Goma", "labels": ["Location"]},
                    },
                    {"type": "relation", "to_id": "r1", "labels": []},
                ],
            }
        ],
    }
    task = parse_task(raw)
    assert [i.kind for i in task.issues] == ["malformed_result", "malformed_result"]
    assert task.issues[0].region_id == "r1"
    assert task.annotations[0].regions == {}
    assert [i.dropped for i in task.issues] == ["entity", "relation"]


def test_malformed_trigger_and_choice_items_name_what_they_drop():
    value = {"start": 0, "end": "4", "text": "Goma"}
    items = [
        {"id": "t1", "from_name": "trigger", "type": "labels", "value": value},
        {"id": "c1", "from_name": "modality", "type": "choices", "value": value},
    ]
    raw = {"id": 1, "data": {"text": "Goma fell."}, "annotations": [{"id": 2, "result": items}]}
    assert [i.dropped for i in parse_task(raw).issues] == ["event", "nothing"]


def test_not_a_task_and_not_json_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="not a Label Studio task"):
        parse_task({"text": "no data"}, 3)
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": 1, "data": {"text": "a"}}, {oops', encoding="utf-8")
    with pytest.raises(InputError, match="not a valid JSON array"):
        list(iter_tasks(bad))
    with pytest.raises(InputError, match="does not exist"):
        list(iter_tasks(tmp_path / "missing.json"))
    with pytest.raises(InputError, match="is a folder; the export is one JSON file"):
        list(iter_tasks(tmp_path))


def test_tasks_are_yielded_one_at_a_time(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"id": i, "data": {"text": f"t{i}"}} for i in range(500)]))
    stream = iter_tasks(path)
    assert next(stream).doc_id == "task-0"
    assert sum(1 for _ in stream) == 499


def test_an_annotation_that_is_not_an_object_is_named():
    with pytest.raises(InputError, match=r"task 5: annotation 1 is 7, not an object") as info:
        parse_task({"id": 5, "data": {"text": "x"}, "annotations": [{"result": []}, 7]})
    assert "Label Studio's JSON format" in info.value.remedy


def test_a_result_that_is_not_a_list_is_named():
    raw = {"id": 5, "data": {"text": "x"}, "annotations": [{"id": 8, "result": {"id": "r"}}]}
    with pytest.raises(InputError, match=r"task 5: the result of annotation 8 is .*not a list"):
        parse_task(raw)


def test_no_metadata_is_dropped_when_data_and_data_meta_disagree():
    raw = {
        "id": 7,
        "data": {
            "text": "Talks began.",
            "doc_id": True,
            "lang": ["en", "fr"],
            "meta": {"source": "from-meta", "same": 1},
            "source": "from-data",
            "same": 1,
            "extra": None,
        },
    }
    task = parse_task(raw, 0)
    assert task.meta == {
        "source": "from-meta",
        "data.source": "from-data",
        "same": 1,
        "extra": None,
    }
    assert (task.doc_id, task.lang) == ("true", '["en","fr"]')  # JSON, not Python's repr
    nested = {"text": "x", "meta": {"n": [1, {"k": 1}]}, "n": [True, {"k": 1.0}]}
    assert parse_task({"id": 10, "data": nested}, 3).meta == {
        "n": [1, {"k": 1}],
        "data.n": [True, {"k": 1.0}],
    }
    tricky = {"text": "x", "meta": {"x": 1, "data.x": "mine", "flag": 1}, "x": 2, "flag": True}
    assert parse_task({"id": 9, "data": tricky}, 2).meta == {
        "x": 1,
        "data.x": "mine",
        "data.data.x": 2,
        "flag": 1,
        "data.flag": True,
    }
    plain = parse_task({"id": 8, "data": {"text": "x", "meta": "a plain note", "doc_id": 12}}, 1)
    assert plain.meta == {"meta": "a plain note"} and plain.doc_id == "12"
