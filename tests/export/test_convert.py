"""`eventset convert`: OneIE JSONL read back by the annotate OneIE reader, and brat."""

from __future__ import annotations

import json
import re

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from export_helpers import annotation, choice, find, offensive_task, relation, task, write_export

from eventset.annotate.oneie import OneIEPreAnnotator
from eventset.annotate.parse import parse_task
from eventset.annotate.tasks import Document
from eventset.export.brat import ann_lines, fragments, write_brat
from eventset.export.build import build_dataset
from eventset.export.load import iter_documents
from eventset.export.oneie import write_oneie
from eventset.export.resolve import resolve_annotation
from eventset.schema import load_ontology

DUTCH = "Frankrijk levert houwitsers aan Oekraïne. De levering volgt op gesprekken in Brussel."


def dutch_task():
    t1 = find("t1", "trigger", DUTCH, "levert", "ArmsTransfer")
    items = [
        t1,
        choice(t1, "modality", "planned"),
        find("e1", "entity", DUTCH, "Frankrijk", "Country"),
        find("e2", "entity", DUTCH, "houwitsers", "Weapon"),
        find("e3", "entity", DUTCH, "Oekraïne", "Country"),
        find("t2", "trigger", DUTCH, "gesprekken", "Conference"),
        find("e4", "entity", DUTCH, "Brussel", "Location"),
        relation("t1", "e1", "supplier"),
        relation("t1", "e2", "weapon"),
        relation("e3", "t1", "recipient", direction="left"),
        relation("t2", "e4", "place"),
    ]
    return task(2, "nl-1", DUTCH, [annotation(2, 1, items)], lang="nl")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    root = tmp_path_factory.mktemp("convert")
    export = write_export(root / "export.json", [offensive_task(), dutch_task()])
    build_dataset(export, root / "dataset", splits="1")
    return root / "dataset"


def comparable(events):
    return sorted(
        (
            e["type"],
            e["trigger"]["start"],
            e["trigger"]["end"],
            tuple(
                sorted((a["role"], a["entity_type"], a["start"], a["end"]) for a in e["arguments"])
            ),
        )
        for e in events
    )


def test_oneie_round_trip_through_the_annotate_reader(dataset, tmp_path):
    onto = load_ontology("conflict-news")
    assert write_oneie(dataset, tmp_path / "oneie") == {"train": 4}  # 2 + 2 sentences
    reader = OneIEPreAnnotator(tmp_path / "oneie" / "train.jsonl", onto)
    for row in iter_documents(dataset):
        (reannotated,) = reader.annotations(Document(row["text"], row["doc_id"], row["lang"]))
        raw = task(1, row["doc_id"], row["text"], [annotation(1, 1, reannotated["result"])])
        parsed = parse_task(raw)
        resolved = resolve_annotation(parsed, parsed.annotations[0], onto)
        assert resolved.issues == []
        back = [e.row(list(onto.attributes)) for e in resolved.events]
        assert comparable(back) == comparable(row["events"])
        assert len(row["events"]) >= 1
        attributes = [(e["type"], e["modality"], e["polarity"]) for e in row["events"]]
        assert sorted((e["type"], e["modality"], e["polarity"]) for e in back) == sorted(attributes)
    modalities = {e["modality"] for row in iter_documents(dataset) for e in row["events"]}
    assert "planned" in modalities  # a non-default value: the comparison above can fail
    assert not reader.dropped


def test_oneie_lines_have_the_oneie_keys(dataset, tmp_path):
    write_oneie(dataset, tmp_path / "o")
    line = json.loads((tmp_path / "o" / "train.jsonl").read_text().splitlines()[0])
    assert {
        "doc_id",
        "sent_id",
        "tokens",
        "sentence",
        "entity_mentions",
        "relation_mentions",
        "event_mentions",
    } <= set(line)


def test_brat_files(dataset, tmp_path):
    onto = load_ontology("conflict-news")
    assert write_brat(dataset, tmp_path / "brat", onto) == {"train": 2}
    ann = (tmp_path / "brat" / "train" / "nl-1.ann").read_text().splitlines()
    text = (tmp_path / "brat" / "train" / "nl-1.txt").read_text()
    assert text == DUTCH
    spans = {}
    for line in ann:
        if line.startswith("T"):
            tid, kind_span, covered = line.split("\t")
            kind, start, end = kind_span.split(" ")
            assert text[int(start) : int(end)] == covered
            spans[tid] = kind
    events = [line for line in ann if line.startswith("E")]
    assert len(events) == 2
    assert any("supplier:" in e and "recipient:" in e and "weapon:" in e for e in events)
    assert "A1\tmodality E1 planned" in ann
    conf = (tmp_path / "brat" / "annotation.conf").read_text()
    assert "[events]" in conf and "ArmsTransfer\tsupplier*:" in conf


def test_brat_fragments_and_repeated_roles():
    assert fragments("ab\ncd", 0, 5) == "0 2;3 5"
    row = {
        "text": "A and B met.",
        "entities": [
            {"id": "e1", "type": "Person", "start": 0, "end": 1},
            {"id": "e2", "type": "Person", "start": 6, "end": 7},
        ],
        "events": [
            {
                "type": "Conference",
                "trigger": {"start": 8, "end": 11},
                "modality": None,
                "arguments": [
                    {"role": "participant", "entity_id": "e1"},
                    {"role": "participant", "entity_id": "e2"},
                ],
            }
        ],
    }
    assert "E1\tConference:T3 participant:T1 participant2:T2" in ann_lines(row, ["modality"])


def test_convert_does_not_replace_foreign_folders(dataset, tmp_path):
    from eventset.errors import InputError

    (tmp_path / "mine.txt").write_text("x")
    with pytest.raises(InputError, match="refusing to replace"):
        write_oneie(dataset, tmp_path)
    with pytest.raises(InputError, match="refusing to replace"):
        write_brat(dataset, tmp_path, load_ontology("conflict-news"))
    write_oneie(dataset, tmp_path / "o")
    assert write_oneie(dataset, tmp_path / "o") == {"train": 4}  # its own output: replaced
    assert (tmp_path / "mine.txt").exists()


def test_folders_that_only_look_like_outputs_are_never_replaced(dataset, tmp_path):
    from eventset.errors import InputError

    onto = load_ontology("conflict-news")
    jsonl = tmp_path / "jsonl"
    jsonl.mkdir()
    (jsonl / "mine.jsonl").write_text("{}\n")
    brat = tmp_path / "brat"
    brat.mkdir()
    (brat / "annotation.conf").write_text("[entities]\n")
    with pytest.raises(InputError, match="refusing to replace"):
        write_oneie(dataset, jsonl)
    with pytest.raises(InputError, match="refusing to replace"):
        write_brat(dataset, brat, onto)
    write_oneie(dataset, tmp_path / "o")
    with pytest.raises(InputError, match="holds eventset oneie output, not brat"):
        write_brat(dataset, tmp_path / "o", onto)
    assert (jsonl / "mine.jsonl").read_text() == "{}\n"
    assert (brat / "annotation.conf").read_text() == "[entities]\n"
    marker = json.loads((tmp_path / "o" / ".eventset-output.json").read_text())
    assert marker["kind"] == "oneie" and marker["version"]


def test_brat_file_names_never_collide(tmp_path):
    rows = [
        {"doc_id": doc_id, "text": doc_id, "entities": [], "events": []}
        for doc_id in ("x/001", "x_001", "X_001", "..")
    ]
    folder = tmp_path / "ds"
    (folder / "documents").mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows), folder / "documents" / "train.parquet")
    assert write_brat(folder, tmp_path / "b", load_ontology("conflict-news")) == {"train": 4}
    mapping = (tmp_path / "b" / "doc_ids.tsv").read_text().splitlines()[1:]
    names = dict(line.split("\t")[::-1] for line in mapping)
    assert len(set(names.values())) == 4
    # "x_001" and "X_001" are one file on case-insensitive file systems: both get a hash
    assert names["x_001"] == "train/x_001-4775a9f2" and names["X_001"] == "train/X_001-d330ab85"
    for doc_id, name in names.items():
        assert (tmp_path / "b" / f"{name}.txt").read_text() == doc_id


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028", "\x85", "\n\n"])
def test_brat_lines_hold_no_line_break_of_any_kind(brk):
    text = f"Rebels met in Goma{brk}City."
    start, end = text.index("Goma"), text.index("City") + 4
    assert fragments(text, start, end) == f"{start} {start + 4};{end - 4} {end}"
    row = {
        "text": text,
        "entities": [{"id": "e1", "type": "Location", "start": start, "end": end}],
        "events": [],
    }
    (line,) = ann_lines(row, [])
    assert line == f"T1\tLocation {start} {start + 4};{end - 4} {end}\tGoma City"
    assert line.splitlines() == [line]  # how brat's codecs reader splits .ann files


def test_brat_long_and_odd_doc_ids(tmp_path):
    odd = [
        "https://example.org/" + "news/" * 60 + "story",
        "tab\there",
        "line\nbreak",
        "back\\slash",
    ]
    rows = [{"doc_id": doc_id, "text": "x", "entities": [], "events": []} for doc_id in odd]
    folder = tmp_path / "ds"
    (folder / "documents").mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows), folder / "documents" / "train.parquet")
    assert write_brat(folder, tmp_path / "b", load_ontology("conflict-news")) == {"train": 4}
    lines = (tmp_path / "b" / "doc_ids.tsv").read_text().split("\n")[1:-1]
    assert len(lines) == 4 and all(line.count("\t") == 1 for line in lines)
    unescape = {"\\t": "\t", "\\n": "\n", "\\r": "\r", "\\\\": "\\"}
    read = [
        re.sub(r"\\[tnr\\]", lambda m: unescape[m.group()], line.split("\t")[1]) for line in lines
    ]
    assert read == odd
    names = [line.split("\t")[0] for line in lines]
    assert all(len(name.split("/")[1]) <= 130 for name in names)
    assert all((tmp_path / "b" / f"{name}.ann").is_file() for name in names)


def test_brat_ann_of_a_document_without_annotations_is_empty(dataset, tmp_path):
    rows = [{"doc_id": "quiet", "text": "Nothing happened.", "entities": [], "events": []}]
    folder = tmp_path / "ds"
    (folder / "documents").mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows), folder / "documents" / "train.parquet")
    write_brat(folder, tmp_path / "b", load_ontology("conflict-news"))
    assert (tmp_path / "b" / "train" / "quiet.ann").read_bytes() == b""  # brat refuses blank lines
    write_brat(dataset, tmp_path / "full", load_ontology("conflict-news"))
    for ann in (tmp_path / "full").rglob("*.ann"):
        content = ann.read_text(encoding="utf-8")
        assert content.endswith("\n") and "\n\n" not in content and content.strip()


@pytest.mark.parametrize("order", [("A", "a", "a-2"), ("a-2", "a", "A")])
def test_brat_never_names_a_file_after_another_documents_id(tmp_path, order):
    rows = [{"doc_id": doc_id, "text": doc_id, "entities": [], "events": []} for doc_id in order]
    folder = tmp_path / "ds"
    (folder / "documents").mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows), folder / "documents" / "train.parquet")
    write_brat(folder, tmp_path / "b", load_ontology("conflict-news"))
    mapping = (tmp_path / "b" / "doc_ids.tsv").read_text().splitlines()[1:]
    names = dict(line.split("\t")[::-1] for line in mapping)
    assert names["a-2"] == "train/a-2"  # a safe id no other id shares keeps its own name
    assert names["A"] != "train/A" and names["a"] != "train/a"  # "A" and "a" are one file
    assert len({name.lower() for name in names.values()}) == 3
    for doc_id, name in names.items():
        stem = name.split("/")[1]
        assert stem.lower() not in {other.lower() for other in order if other != doc_id}
        assert (tmp_path / "b" / f"{name}.txt").read_text() == doc_id
