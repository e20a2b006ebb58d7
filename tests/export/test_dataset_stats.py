"""`dataset_stats`: polars tables over a built dataset."""

from __future__ import annotations

from export_helpers import offensive_task, write_export

from eventset.export.build import build_dataset
from eventset.export.stats import dataset_stats


def test_counts_per_type_role_split_annotator_language(tmp_path):
    tasks = [offensive_task(i, f"d{i}", user=1 + i % 2) for i in range(1, 11)]
    export = write_export(tmp_path / "e.json", tasks)
    build_dataset(export, tmp_path / "out", splits="0.5,0.5", seed=1)
    tables = dataset_stats(tmp_path / "out")
    events = {row["event_type"]: row for row in tables["events"].to_dicts()}
    assert events["MilitaryOperation"]["total"] == 10
    assert events["Conference"]["train"] + events["Conference"]["test"] == 10
    roles = {(r["event_type"], r["role"]): r["total"] for r in tables["roles"].to_dicts()}
    assert roles == {
        ("MilitaryOperation", "agent"): 10,
        ("MilitaryOperation", "target"): 10,
        ("MilitaryOperation", "time"): 10,
    }
    assert {r["annotator"]: r["total"] for r in tables["annotators"].to_dicts()} == {"1": 5, "2": 5}
    assert tables["languages"].to_dicts() == [{"lang": "en", "train": 5, "test": 5, "total": 10}]
    assert tables["documents"]["total"].to_list() == [10]


def test_documents_without_a_language_have_a_named_row(tmp_path):
    tasks = [offensive_task(i, f"d{i}") for i in range(1, 4)]
    del tasks[0]["data"]["lang"]  # neither given nor detected at import
    build_dataset(write_export(tmp_path / "e.json", tasks), tmp_path / "out", splits="1")
    rows = {r["lang"]: r["total"] for r in dataset_stats(tmp_path / "out")["languages"].to_dicts()}
    assert rows == {"(none)": 1, "en": 2}
