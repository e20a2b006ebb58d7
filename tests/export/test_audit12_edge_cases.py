"""Edge cases from a data audit of hand-made exports: a region text given as null, one choice
value given twice, and page references before a number."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from export_helpers import choice, offensive_task, write_export

from eventset.export.build import build_dataset
from eventset.export.segment import segment


def test_a_null_region_text_is_empty_not_the_word_none(tmp_path):
    task = offensive_task(1, "d1")
    task["annotations"][0]["result"][2]["value"]["text"] = None  # "the rebels"
    out = tmp_path / "out"
    build_dataset(write_export(tmp_path / "e.json", [task]), out, splits="1")
    (row,) = pq.read_table(out / "raw" / "train.parquet").to_pylist()
    texts = {r["id"]: r["text"] for r in row["regions"]}
    assert texts["e1"] == ""
    issues = (out / "issues.jsonl").read_text(encoding="utf-8")
    assert "None" not in issues and "span_text_mismatch" in issues


def test_one_choice_value_given_twice_is_one_value(tmp_path):
    task = offensive_task(1, "d1")
    trigger = task["annotations"][0]["result"][0]
    task["annotations"][0]["result"].append(choice(trigger, "modality", "planned"))  # again
    out = tmp_path / "out"
    summary = build_dataset(write_export(tmp_path / "e.json", [task]), out, splits="1")
    assert "several_choices" not in summary.issue_counts
    (row,) = pq.read_table(out / "documents" / "train.parquet").to_pylist()
    (offensive,) = [e for e in row["events"] if e["type"] == "MilitaryOperation"]
    assert offensive["modality"] == "planned"
    assert len(offensive["arguments"]) == 3
    (raw,) = pq.read_table(out / "raw" / "train.parquet").to_pylist()
    (t1,) = [r for r in raw["regions"] if r["id"] == "t1"]
    assert t1["choices"] == [{"name": "modality", "values": ["planned", "planned"]}]  # as given
    json.dumps(raw)  # plain values


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("They attacked (see p. 4). Then they left.", 2),
        ("See pp. 4-5 for the map. The army left.", 2),
        ("Zie pag. 3 voor de kaart. Daarna vertrok het leger.", 2),
        ("He said no. 10 soldiers died.", 2),
    ],
)
def test_page_references_before_a_number_do_not_end_a_sentence(text, sentences):
    batch = segment([text])
    assert len(batch.sentence_first) == sentences


def test_labels_of_a_control_the_config_lacks_are_kept_in_raw(tmp_path):
    task = offensive_task(1, "d1")
    rebels = task["annotations"][0]["result"][2]  # "the rebels", an ArmedGroup entity
    rebels["from_name"] = "actor"  # a control of another labeling config
    out = tmp_path / "out"
    summary = build_dataset(write_export(tmp_path / "e.json", [task]), out, splits="1")
    assert summary.issue_counts["unknown_control"] == 1
    (raw,) = pq.read_table(out / "raw" / "train.parquet").to_pylist()
    (e1,) = [r for r in raw["regions"] if r["id"] == "e1"]
    assert (e1["entity_labels"], e1["trigger_labels"]) == ([], [])
    assert e1["other_labels"] == [{"control": "actor", "labels": ["ArmedGroup"]}]


def test_a_relation_to_an_id_that_names_two_spans_is_left_out_and_named(tmp_path):
    task = offensive_task(1, "d1")
    results = task["annotations"][0]["result"]
    goma = next(r for r in results if r.get("id") == "e2")
    other = json.loads(json.dumps(results[4]))  # "Tuesday", drawn again under Goma's id
    other["id"] = "e2"
    results.append(other)
    out = tmp_path / "out"
    build_dataset(write_export(tmp_path / "e.json", [task]), out, splits="1")
    (row,) = pq.read_table(out / "documents" / "train.parquet").to_pylist()
    (offensive,) = [e for e in row["events"] if e["type"] == "MilitaryOperation"]
    assert sorted(a["role"] for a in offensive["arguments"]) == ["agent", "time"]  # no target
    issues = [json.loads(line) for line in (out / "issues.jsonl").open(encoding="utf-8")]
    kinds = [(i["kind"], i["region_id"]) for i in issues]
    assert ("malformed_result", "e2") in kinds and ("relation_ambiguous_region", "e2") in kinds
    assert goma["value"]["text"] == "Goma"
