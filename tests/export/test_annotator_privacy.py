"""An annotator given by e-mail address is never written into the dataset (docs: annotators are
user ids everywhere); a hand-made export's ``7.0`` is user 7, not a second annotator "7.0"."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
from export_helpers import offensive_task, write_export

from eventset.annotate.parse import parse_task
from eventset.annotate.wire import parse_line
from eventset.export.build import build_dataset

EMAIL = "bob.smith@example.org"


def _tasks():
    first, second, third = (offensive_task(i, f"d{i}") for i in (1, 2, 3))
    first["annotations"][0]["completed_by"] = EMAIL
    second["annotations"][0]["completed_by"] = 7.0
    third["annotations"][0]["completed_by"] = {"email": EMAIL}  # a user object without an id
    return [first, second, third]


def test_an_email_annotator_is_never_written_and_the_annotation_is_named(tmp_path):
    out = tmp_path / "out"
    summary = build_dataset(write_export(tmp_path / "e.json", _tasks()), out, splits="1")
    for path in out.rglob("*"):
        if path.is_file():
            assert EMAIL.encode() not in path.read_bytes(), path
    raw = pq.read_table(out / "raw" / "train.parquet").to_pylist()
    assert sorted(row["annotator"] for row in raw) == ["7", "unknown-10", "unknown-30"]
    issues = [json.loads(line) for line in (out / "issues.jsonl").open(encoding="utf-8")]
    named = [i for i in issues if "completed_by is not a user id" in i["message"]]
    assert [(i["kind"], i["task_id"], i["annotation_id"]) for i in named] == [
        ("malformed_annotation", 1, 10),
        ("malformed_annotation", 3, 30),
    ]
    assert summary.tally["annotators"] == {"7": 1, "unknown-10": 1, "unknown-30": 1}


def test_both_parsers_read_the_annotator_alike():
    for task in _tasks():
        line = json.dumps(task).encode()
        fast, general = parse_line(line, 0), parse_task(json.loads(line), 0)
        assert fast == general
        assert EMAIL not in repr(fast)
