"""`build_dataset` on the recorded export: load_dataset, round trips, bytes, atomicity."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
from export_helpers import (
    RECORDED,
    crossing_task,
    offensive_task,
    task,
    unaccounted,
    write_export,
)

from eventset.annotate.parse import iter_tasks
from eventset.errors import ValidationFailed
from eventset.export import build as build_module
from eventset.export.build import build_dataset
from eventset.export.features import document_features
from eventset.export.load import event_from_row, load_events
from eventset.export.policy import select_annotations
from eventset.export.records import event_payload
from eventset.export.resolve import resolve_annotation
from eventset.schema import load_ontology


@pytest.fixture(scope="module")
def onto():
    return load_ontology("conflict-news")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "dataset"
    summary = build_dataset(RECORDED, out, splits="1")
    return out, summary


def expected_events(onto, path, policy="latest"):
    out = {}
    for parsed in iter_tasks(path):
        resolved = [resolve_annotation(parsed, a, onto) for a in parsed.submitted]
        if resolved:
            selection = select_annotations(parsed, resolved, policy, onto)
            out[parsed.doc_id] = [
                onto.event_type(e.type).cls.model_validate(event_payload(e))
                for e in selection.events
            ]
    return out


def test_load_dataset_reads_every_config(built):
    out, summary = built
    documents = datasets.load_dataset(str(out))
    assert list(documents) == ["train"]
    assert sorted(documents["train"]["doc_id"]) == ["fx-en-bad", "fx-en-clash", "fx-nl-arms"]
    sentences = datasets.load_dataset(str(out), "sentences")["train"]
    assert {row["doc_id"] for row in sentences} == set(documents["train"]["doc_id"])
    raw = datasets.load_dataset(str(out), "raw")["train"]
    assert len(raw) == 5 and sum(raw["was_cancelled"]) == 1
    assert summary.counts["documents"] == {"train": 3}
    assert summary.tally["drafts"] == 1 and summary.tally["unannotated"] == 3


def test_declared_features_are_the_loaded_features(built, onto):
    out, _ = built
    loaded = datasets.load_dataset(str(out))["train"].features
    declared = document_features(onto, ["source", "title"])
    assert loaded == datasets.Features.from_arrow_schema(declared.arrow_schema)
    assert loaded.to_dict() == declared.to_dict()


def test_typed_events_round_trip(built, onto):
    out, _ = built
    expected = expected_events(onto, RECORDED)
    assert load_events(out) == expected
    rows = datasets.load_dataset(str(out))["train"]
    from_rows = {r["doc_id"]: [event_from_row(e, onto) for e in r["events"]] for r in rows}
    assert from_rows == expected
    assert sum(len(v) for v in expected.values()) == 5
    by_doc = {r["doc_id"]: r for r in rows}
    assert {d: _events(r) for d, r in by_doc.items()} == RECORDED_EVENTS


# Written by hand from the recorded export, not computed by eventset: code-point offsets after
# the emoji (UTF-16 offsets would be one higher), the recipient drawn as a `left` arrow from the
# entity to the trigger, and the same_as cluster of the two ArmsTransfer events.
RECORDED_EVENTS = {
    "fx-nl-arms": [
        (
            "n_t1",
            "n_t1",
            "ArmsTransfer",
            ("levert", 12, 18),
            [
                ("recipient", "n_e2", "het Oekraïense leger", 19, 39),
                ("supplier", "n_e1", "Frankrijk", 2, 11),
                ("weapon", "n_e4", "Caesar-houwitsers", 40, 57),
            ],
        ),
        ("n_t2", "n_t1", "ArmsTransfer", ("levering", 74, 82), []),
        (
            "n_t3",
            "n_t3",
            "Conference",
            ("gesprekken", 92, 102),
            [("place", "n_e6", "Brussel", 106, 113)],
        ),
    ],
    "fx-en-clash": [
        (
            "b_t1",
            "b_t1",
            "ArmedClash",
            ("offensive", 28, 37),
            [
                ("participant", "b_e1", "Russian forces", 1, 15),
                ("place", "b_e2", "Avdiivka", 41, 49),
            ],
        )
    ],
    "fx-en-bad": [
        (
            "x_t2",
            "x_t2",
            "MilitaryOperation",
            ("attacked", 12, 20),
            [("agent", "x_e1", "The militia", 0, 11)],
        )
    ],
}


def _events(row):
    text = row["text"]
    out = []
    for e in row["events"]:
        t = e["trigger"]
        assert text[t["start"] : t["end"]] == t["text"]
        arguments = sorted(
            (a["role"], a["entity_id"], a["text"], a["start"], a["end"]) for a in e["arguments"]
        )
        out.append(
            (e["id"], e["cluster_id"], e["type"], (t["text"], t["start"], t["end"]), arguments)
        )
    return out


def test_recorded_entity_clusters_name_entities(built):
    out, _ = built
    arms = next(r for r in datasets.load_dataset(str(out))["train"] if r["doc_id"] == "fx-nl-arms")
    assert arms["text"][0] == "🚀" and arms["text"][2:11] == "Frankrijk"
    # "levering" is a Weapon entity and the trigger n_t2; only the events share a cluster
    clusters = {e["id"]: e["cluster_id"] for e in arms["entities"]}
    assert clusters["n_t2"] == "n_t2"
    assert all(cluster == entity for entity, cluster in clusters.items())


def test_every_trigger_and_argument_is_in_documents_or_issues(built):
    out, _ = built
    assert unaccounted(RECORDED, out) == []
    kinds = {json.loads(line)["kind"] for line in (out / "issues.jsonl").read_text().splitlines()}
    assert {
        "unknown_label",
        "argument_type_not_allowed",
        "relation_missing_region",
        "relation_no_label",
        "relation_several_labels",
        "annotation_not_selected",
    } <= kinds


def test_sentence_view_uses_sentence_relative_tokens(built):
    out, _ = built
    sentences = datasets.load_dataset(str(out), "sentences")["train"]
    for row in sentences:
        for mention in row["entity_mentions"]:
            # covering tokens: every span of the recorded export starts and ends on a token
            covered = "".join(row["tokens"][mention["start"] : mention["end"]])
            assert mention["text"].replace(" ", "") in covered
        for event in row["event_mentions"]:
            trigger = event["trigger"]
            assert row["tokens"][trigger["start"] : trigger["end"]] == [trigger["text"]]


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_rebuild_is_byte_identical(tmp_path):
    first = build_dataset(RECORDED, tmp_path / "a", seed=3).out_dir
    second = build_dataset(RECORDED, tmp_path / "b", seed=3).out_dir
    assert _digest(first) == _digest(second)
    assert "README.md" in _digest(first) and "documents/train.parquet" in _digest(first)


def test_card_holds_counts_agreement_issues_and_stamps(built, onto):
    out, _ = built
    card = (out / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\nconfigs:\n- config_name: documents\n  default: true")
    assert onto.content_hash in card and "eventset 0.1.0" in card
    assert "| MilitaryOperation |" in card and "## Agreement" in card
    assert "| unknown_label | 1 |" in card
    assert (out / "guidelines.md").read_text() == onto.guidelines()
    assert json.loads((out / "ontology.schema.json").read_text()) == onto.json_schema()


def test_failed_build_keeps_the_previous_dataset(tmp_path, monkeypatch):
    out = tmp_path / "dataset"
    build_dataset(RECORDED, out)
    before = _digest(out)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "card_body", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        build_dataset(RECORDED, out, seed=99)
    assert _digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset"]


def test_strict_fails_and_writes_nothing_but_the_issues(tmp_path):
    out = tmp_path / "dataset"
    with pytest.raises(ValidationFailed, match="5 error and 0 warning issue") as caught:
        build_dataset(RECORDED, out, strict=True)
    assert "dataset.issues.jsonl" in str(caught.value)
    assert not out.exists()
    assert (tmp_path / "dataset.issues.jsonl").read_text().count("\n") >= 5
    clean = write_export(tmp_path / "clean.json", [offensive_task()])
    assert build_dataset(clean, tmp_path / "ok", strict=True).errors == 0


def test_group_by_keeps_related_documents_together(tmp_path):
    tasks = [offensive_task(i, f"d{i}") for i in range(1, 13)]
    for i, t in enumerate(tasks):
        t["data"]["meta"]["story"] = f"s{i % 3}"
    export = write_export(tmp_path / "e.json", tasks)
    build_dataset(export, tmp_path / "out", group_by="story", splits="0.4,0.3,0.3")
    splits = {}
    for split, rows in datasets.load_dataset(str(tmp_path / "out")).items():
        for row in rows:
            splits.setdefault(row["story"], set()).add(split)
    assert all(len(s) == 1 for s in splits.values()) and len(splits) == 3


def test_group_by_counts_and_names_the_tasks_without_the_field(tmp_path):
    tasks = [offensive_task(i, f"d{i}") for i in range(1, 9)]
    for t in tasks[:3]:
        t["data"]["meta"]["story"] = "s1"
    export = write_export(tmp_path / "e.json", tasks)
    summary = build_dataset(export, tmp_path / "out", group_by="story", splits="0.5,0.5")
    assert summary.ungrouped == 5
    assert summary.to_dict()["ungrouped_tasks"] == 5
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "5 document(s) have no `story` field; each went to a split on its own." in card
    plain = build_dataset(export, tmp_path / "plain", splits="0.5,0.5")
    assert plain.ungrouped == 0
    # only documents of the dataset count: not unannotated tasks (raw config only), nor a task
    # whose doc id an earlier task has
    unannotated = [{"id": 20 + i, "data": {"text": "Quiet.", "doc_id": f"u{i}"}} for i in range(4)]
    repeated = offensive_task(30, "d4")  # d4 (no story) is in the dataset already
    export = write_export(tmp_path / "e2.json", [*tasks, *unannotated, repeated])
    mixed = build_dataset(export, tmp_path / "mixed", group_by="story", splits="0.5,0.5")
    assert mixed.ungrouped == 5
    assert "have no `" not in (tmp_path / "plain" / "README.md").read_text(encoding="utf-8")


def test_duplicate_doc_ids_keep_the_first(tmp_path):
    tasks = [offensive_task(1, "same"), offensive_task(2, "same")]
    export = write_export(tmp_path / "e.json", tasks)
    summary = build_dataset(export, tmp_path / "out", splits="1")
    assert summary.counts["documents"] == {"train": 1}
    assert summary.counts["raw"] == {"train": 2}
    assert summary.issue_counts == {"duplicate_doc_id": 1}


def test_arguments_outside_the_trigger_sentence_are_listed(tmp_path):
    export = write_export(tmp_path / "e.json", [crossing_task()])
    summary = build_dataset(export, tmp_path / "out", splits="1")
    assert summary.tally["cross_sentence_arguments"] == 1
    assert "- d event t1: agent -> e1" in (tmp_path / "out" / "README.md").read_text()
    sentence = datasets.load_dataset(str(tmp_path / "out"), "sentences")["train"][1]
    assert [a["role"] for a in sentence["event_mentions"][0]["arguments"]] == ["territory"]


def test_raw_config_flags_the_annotations_used(built):
    out, _ = built
    raw = datasets.load_dataset(str(out), "raw")["train"]
    flags = {(r["doc_id"], r["annotation_id"]): r["selected"] for r in raw}
    assert flags == {
        ("fx-en-clash", "3"): False,
        ("fx-en-clash", "4"): True,
        ("fx-nl-arms", "5"): True,
        ("fx-en-skip", "6"): False,
        ("fx-en-bad", "7"): True,
    }
    arms = next(r for r in raw if r["doc_id"] == "fx-nl-arms")
    double = next(g for g in arms["regions"] if g["id"] == "n_t2")
    assert (double["trigger_labels"], double["entity_labels"]) == (["ArmsTransfer"], ["Weapon"])
    assert {"from_id": "n_t1", "to_id": "n_t2", "direction": "bi", "labels": ["same_as"]} in arms[
        "relations"
    ]


def test_rows_are_written_in_batches_and_row_groups(tmp_path, monkeypatch):
    from eventset.export import parquet, pipeline

    export = write_export(tmp_path / "e.json", [offensive_task(i, f"d{i}") for i in range(1, 8)])
    whole = build_dataset(export, tmp_path / "whole", splits="1").out_dir
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)
    monkeypatch.setattr(parquet, "ROWS_PER_GROUP", 3)
    batched = build_dataset(export, tmp_path / "batched", splits="1").out_dir
    import pyarrow.parquet as pq

    assert pq.ParquetFile(batched / "documents" / "train.parquet").num_row_groups == 3
    assert (
        pq.read_table(batched / "documents" / "train.parquet").to_pylist()
        == pq.read_table(whole / "documents" / "train.parquet").to_pylist()
    )


def test_two_annotators_who_disagree(built):
    _, summary = built
    agreement = summary.agreement
    assert agreement["comparisons"] == 1
    overall = agreement["table"][-1]
    assert overall["trigger_gold"] == 2 and overall["trigger_f1"] == 0.0
    assert agreement["kappa"] == {"event type": 0.0}


@pytest.mark.parametrize("policy", ["first", "all", "majority"])
def test_every_policy_accounts_for_every_mention(tmp_path, policy):
    summary = build_dataset(RECORDED, tmp_path / "out", splits="1", policy=policy)
    assert unaccounted(RECORDED, tmp_path / "out") == []
    clash = {r["doc_id"]: r for r in datasets.load_dataset(str(tmp_path / "out"))["train"]}
    types = sorted(e["type"] for e in clash["fx-en-clash"]["events"])
    expected = {
        "first": ["ArmedClash", "MilitaryOperation"],
        "all": ["ArmedClash", "ArmedClash", "MilitaryOperation"],
        "majority": [],
    }
    assert types == expected[policy]
    if policy == "majority":  # one issue per left-out mention: 3 events and 2 entities
        assert summary.issue_counts["no_majority"] == 5


def test_never_replaces_a_folder_it_did_not_write(tmp_path, monkeypatch):
    from eventset.errors import InputError

    precious = tmp_path / "work"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    with pytest.raises(InputError, match="refusing to replace"):
        build_dataset(RECORDED, precious)
    monkeypatch.chdir(precious)
    with pytest.raises(InputError, match="refusing to replace"):
        build_dataset(RECORDED, ".")
    assert (precious / "notes.txt").read_text() == "keep me"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_dataset(RECORDED, empty).counts["documents"]


def test_never_replaces_a_folder_that_holds_its_input(tmp_path):
    from eventset.errors import InputError
    from eventset.export.brat import write_brat
    from eventset.export.oneie import write_oneie
    from eventset.schema import load_ontology

    dataset = tmp_path / "ds"
    build_dataset(RECORDED, dataset)
    kept = dataset / "export.json"
    kept.write_bytes(RECORDED.read_bytes())
    with pytest.raises(InputError, match="holds the input"):
        build_dataset(kept, dataset)
    assert kept.read_bytes() == RECORDED.read_bytes()
    # a converter's output folder that holds the dataset it converts is refused too
    oneie = tmp_path / "oneie"
    write_oneie(dataset, oneie)
    moved = oneie / "ds"
    dataset.rename(moved)
    with pytest.raises(InputError, match="holds the input"):
        write_oneie(moved, oneie)
    brat = tmp_path / "brat"
    write_brat(moved, brat, load_ontology("conflict-news"))
    (brat / "ds").mkdir()
    with pytest.raises(InputError, match="holds the input"):
        write_brat(brat / "ds", brat, load_ontology("conflict-news"))
    assert (moved / "export.json").is_file() and (oneie / "train.jsonl").is_file()


def test_a_later_successful_build_removes_the_strict_issue_file(tmp_path):
    with pytest.raises(ValidationFailed):
        build_dataset(RECORDED, tmp_path / "d", strict=True)
    assert (tmp_path / "d.issues.jsonl").is_file()
    build_dataset(RECORDED, tmp_path / "d")
    assert not (tmp_path / "d.issues.jsonl").exists()


def test_split_proportions_count_annotated_documents_only(tmp_path):
    annotated = [offensive_task(i, f"d{i}") for i in range(1, 11)]
    empty = [task(100 + i, f"e{i}", "Nothing here.", []) for i in range(30)]
    export = write_export(tmp_path / "e.json", annotated + empty)
    summary = build_dataset(export, tmp_path / "out", splits="0.5,0.5", seed=4)
    assert summary.counts["documents"] == {"train": 5, "test": 5}
    assert sum(summary.counts["raw"].values()) == 10  # unannotated tasks have no annotation rows
    assert summary.tally["unannotated"] == 30


def test_a_metadata_field_never_overwrites_another(tmp_path):
    raw = offensive_task(1, "d1")
    raw["data"]["meta"] = {"tokens": "from tokens", "meta_tokens": "from meta_tokens"}
    raw["data"]["text_source"] = "wire"
    export = write_export(tmp_path / "e.json", [raw])
    out = build_dataset(export, tmp_path / "out", splits="1").out_dir
    (row,) = pq.read_table(out / "documents" / "train.parquet").to_pylist()
    assert row["meta_meta_tokens"] == "from tokens"
    assert row["meta_tokens"] == "from meta_tokens"
    assert row["text_source"] == "wire"
    assert isinstance(row["tokens"], list)  # the built-in column keeps its name


@pytest.mark.parametrize("first", ["unannotated", "skipped"])
def test_a_doc_id_belongs_to_its_first_task_with_a_submitted_annotation(tmp_path, first):
    earlier = offensive_task(1, "same")
    if first == "unannotated":
        earlier["annotations"] = []
    else:
        earlier["annotations"][0]["was_cancelled"] = True
    tasks = [earlier, offensive_task(2, "same"), offensive_task(3, "other")]
    export = write_export(tmp_path / "e.json", tasks)
    summary = build_dataset(export, tmp_path / "out", splits="1")
    assert summary.counts["documents"] == {"train": 2}  # "same" is there, from task 2
    issues = [json.loads(line) for line in (tmp_path / "out" / "issues.jsonl").open()]
    assert [(i["kind"], i["task_id"]) for i in issues] == [("duplicate_doc_id", 1)]
    rows = pq.read_table(tmp_path / "out" / "documents" / "train.parquet").to_pylist()
    same = next(row for row in rows if row["doc_id"] == "same")
    assert [e["type"] for e in same["events"]] == ["MilitaryOperation", "Conference"]
