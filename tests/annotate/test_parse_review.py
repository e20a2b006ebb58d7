"""Annotation fields read as Label Studio means them, the same on the fast and general paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventset.annotate import wire
from eventset.annotate.parse import parse_task
from eventset.errors import InputError

TEXT = "Rebels attacked Kyiv."


def _trigger(kind: str, text: str = "attacked") -> dict:
    value = {"start": 7, "end": 15, "text": text}
    if kind == "labels":
        return {
            "id": "t1",
            "from_name": "trigger",
            "type": "labels",
            "value": value | {"labels": ["MilitaryOperation"]},
        }
    return {
        "id": "t1",
        "from_name": "modality",
        "type": "choices",
        "value": value | {"choices": ["planned"]},
    }


def _raw(annotation: dict, **data) -> dict:
    return {"id": 1, "data": {"text": TEXT, **data}, "annotations": [annotation]}


def _both(raw: dict):
    """The task as the general path and as the line parser (fast path when it can) read it."""
    general = parse_task(json.loads(json.dumps(raw)), 0)
    line = wire.parse_line(json.dumps(raw).encode(), 0)
    assert line == general
    return general


@pytest.mark.parametrize(
    ("value", "read", "warned"),
    [
        (True, True, False),
        (None, False, False),
        ("false", False, False),
        ("True", True, False),
        (0, False, False),
        (1, True, False),
        ("yes", False, True),
        (2, False, True),
        ([], False, True),
    ],
)
@pytest.mark.parametrize("key", ["ground_truth", "was_cancelled"])
def test_true_false_fields_are_read_as_label_studio_means_them(key, value, read, warned):
    task = _both(_raw({"id": 5, "completed_by": 1, key: value, "result": []}))
    assert getattr(task.annotations[0], key) is read
    issues = [(i.kind, i.severity, i.annotation_id) for i in task.issues]
    assert issues == ([("malformed_annotation", "warning", 5)] if warned else [])
    if warned:
        assert f"{key} is {value!r}, not true or false" in task.issues[0].message
    assert task.annotated is not (key == "was_cancelled" and read)


@pytest.mark.parametrize("order", ["choice first", "labels first"])
def test_a_regions_text_comes_from_its_labels_whatever_the_order(order):
    items = [_trigger("choices", text=""), _trigger("labels")]
    if order == "labels first":
        items.reverse()
    task = _both(_raw({"id": 1, "completed_by": 1, "result": items}))
    region = task.annotations[0].regions["t1"]
    assert (region.text, region.trigger, region.choices) == (
        "attacked",
        ["MilitaryOperation"],
        {"modality": ["planned"]},
    )


def test_annotations_without_a_user_are_annotators_of_their_own():
    raw = _raw({"id": 1, "result": []})
    raw["annotations"].append({"id": 2, "completed_by": None, "result": []})
    raw["annotations"].append({"id": 3, "completed_by": {"email": "x@y"}, "result": []})
    task = _both(raw)
    assert [a.annotator for a in task.annotations] == ["unknown-1", "unknown-2", "unknown-3"]
    no_ids = _both(_raw({"result": []}) | {"annotations": [{"result": []}, {"result": []}]})
    assert [a.annotator for a in no_ids.annotations] == ["unknown-#0", "unknown-#1"]


def test_a_text_that_is_not_a_string_is_named_as_such():
    with pytest.raises(InputError, match=r"task 1: data.text is a int \('12345'\), not a string"):
        _both({"id": 1, "data": {"text": 12345}})
    with pytest.raises(InputError, match=r"task 1 has no text in data\.text"):
        _both({"id": 1, "data": {"title": "x"}})


@pytest.mark.parametrize("key", ["annotations", "drafts"])
def test_annotations_or_drafts_that_are_not_lists_are_refused(key):
    raw = {"id": 1, "data": {"text": TEXT}, key: {"id": 1}}
    with pytest.raises(InputError, match=f"task 1: {key} is a dict, not a list"):
        _both(raw)


def test_a_result_without_a_span_names_its_control():
    item = {"id": "x", "from_name": "notes", "type": "textarea", "value": {"text": ["hi"]}}
    task = _both(_raw({"id": 1, "completed_by": 1, "result": [item]}))
    (issue,) = task.issues
    assert issue.kind == "malformed_result"
    assert "control 'notes' (type 'textarea') has no span" in issue.message


@pytest.mark.parametrize("doc_id", [None, ""])
def test_an_empty_doc_id_falls_back_to_the_task_id(doc_id):
    assert _both(_raw({"id": 1, "completed_by": 1, "result": []}, doc_id=doc_id)).doc_id == "task-1"


def test_two_annotations_without_users_are_two_votes_in_a_majority(tmp_path: Path):
    from eventset.export.build import build_dataset

    items = [_trigger("labels")]
    raw = {
        "id": 1,
        "data": {"text": TEXT, "doc_id": "d"},
        "annotations": [
            {"id": 1, "result": items, "created_at": "2026-01-01T00:00:00Z"},
            {"id": 2, "result": items, "created_at": "2026-01-02T00:00:00Z"},
            {"id": 3, "completed_by": 5, "result": [], "created_at": "2026-01-03T00:00:00Z"},
        ],
    }
    export = tmp_path / "e.json"
    export.write_text(json.dumps([raw]), encoding="utf-8")
    summary = build_dataset(export, tmp_path / "out", splits="1", policy="majority")
    assert summary.issue_counts.get("no_majority", 0) == 0  # 2 of 3 annotators marked it
    import pyarrow.parquet as pq

    (row,) = pq.read_table(tmp_path / "out" / "documents" / "train.parquet").to_pylist()
    assert [e["type"] for e in row["events"]] == ["MilitaryOperation"]
    assert sorted(row["annotators"]) == ["5", "unknown-1", "unknown-2"]
