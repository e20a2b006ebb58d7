"""Annotators are published by numeric user id, never by email (snapshot exports inline users)."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
from export_helpers import offensive_task, write_export

from eventset.export.build import build_dataset


def test_emails_of_snapshot_exports_are_never_written(tmp_path):
    raw = offensive_task(1, "d1", user=4)
    second = json.loads(json.dumps(raw["annotations"][0]))
    second["id"], second["updated_at"] = 11, "2026-12-01T00:00:00Z"
    raw["annotations"].append(second)
    raw["annotations"][0]["completed_by"] = {"id": 4, "email": "ann@example.org"}
    second["completed_by"] = {"id": 7, "email": "bob@example.org"}
    out = build_dataset(write_export(tmp_path / "e.json", [raw]), tmp_path / "out", splits="1")
    documents = pq.read_table(out.out_dir / "documents" / "train.parquet").to_pylist()
    assert documents[0]["annotators"] == ["7"]
    raw_rows = pq.read_table(out.out_dir / "raw" / "train.parquet").to_pylist()
    assert sorted(r["annotator"] for r in raw_rows) == ["4", "7"]
    assert json.loads((out.out_dir / "summary.json").read_text())["tally"]["annotators"]
    for file in sorted(out.out_dir.rglob("*")):
        if file.is_file():
            assert b"example.org" not in file.read_bytes(), file
