"""`eventset convert`: OneIE JSONL read back by the annotate OneIE reader, and brat."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Literal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from export_helpers import annotation, choice, find, offensive_task, relation, task, write_export

from eventset.annotate.oneie import OneIEPreAnnotator
from eventset.annotate.parse import parse_task
from eventset.annotate.tasks import Document
from eventset.export.brat import ann_lines, annotation_conf, fragments, write_brat
from eventset.export.build import build_dataset
from eventset.export.load import iter_documents
from eventset.export.oneie import write_oneie
from eventset.export.resolve import resolve_annotation
from eventset.schema import Entity, Event, Ontology, Role, load_ontology

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


# --- brat: coreference (Equiv), role cardinality, brat's reading rules ----------------------

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "conflict-news" / "gold_export.json"
BRAT_ID = re.compile(r"^(?:[A-Za-z#][0-9]+|\*)$")
BRAT_ARG_KEY = re.compile(r"^(\S+?)(\{\S+\}|\?|\*|\+|)$")  # role + repetition marker
BRAT_RANGE = re.compile(r"^\{(\d+)(?:-(\d+))?\}$")


@pytest.fixture(scope="module")
def example_brat(tmp_path_factory):
    """The conflict-news example (it has same_as clusters of entities and of events) as brat."""
    root = tmp_path_factory.mktemp("example")
    build_dataset(EXAMPLE, root / "dataset", splits="1")
    write_brat(root / "dataset", root / "brat", load_ontology("conflict-news"))
    rows = {row["doc_id"]: row for row in iter_documents(root / "dataset")}
    return rows, root / "brat"


def equivs_of(lines):
    return [line.split("\t")[1].split(" ")[1:] for line in lines if line.startswith("*")]


def test_brat_writes_same_as_clusters_as_equiv_lines():
    row = {
        "text": "Kestland and it met. Talks, the talks.",
        "entities": [
            {"id": "k1", "cluster_id": "k1", "type": "Country", "start": 0, "end": 8},
            {"id": "k2", "cluster_id": "k1", "type": "Country", "start": 13, "end": 15},
            {"id": "x", "cluster_id": "x", "type": "Country", "start": 32, "end": 37},
            {"id": "y", "cluster_id": None, "type": "Country", "start": 28, "end": 31},
        ],
        "events": [
            {
                "id": "t1",
                "cluster_id": "t1",
                "type": "Conference",
                "trigger": {"start": 16, "end": 19},
                "arguments": [],
            },
            {
                "id": "t2",
                "cluster_id": "t1",
                "type": "Conference",
                "trigger": {"start": 21, "end": 26},
                "arguments": [],
            },
            # an event cluster id equal to an entity's: the two clusters stay apart
            {
                "id": "k1",
                "cluster_id": "k1",
                "type": "Conference",
                "trigger": {"start": 32, "end": 37},
                "arguments": [],
            },
        ],
    }
    lines = ann_lines(row, [])
    assert [line for line in lines if line.startswith("*")] == [
        "*\tEquiv T1 T2",  # entities k1, k2; the singleton x and y (no cluster) get none
        "*\tEquiv T5 T6",  # the triggers of t1 and t2
    ]
    assert lines[-2:] == ["*\tEquiv T1 T2", "*\tEquiv T5 T6"]  # after the T/E lines they name


def test_brat_equiv_lines_of_the_example_dataset(example_brat):
    rows, brat = example_brat
    onto = load_ontology("conflict-news")
    mapping = (brat / "doc_ids.tsv").read_text().splitlines()[1:]
    seen: set[str] = set()
    for line in mapping:
        name, doc_id = line.split("\t")
        row = rows[doc_id]
        lines = (brat / f"{name}.ann").read_text(encoding="utf-8").splitlines()
        tids = {t.split("\t")[0]: t.split("\t")[1].split(" ")[0] for t in lines if t[0] == "T"}
        # T ids in row order: entities, then each event's trigger
        # brat's Equiv members share one type: a cluster of several types is one line per type
        of_mention = [("entity", e["cluster_id"], e["type"]) for e in row["entities"]]
        of_mention += [("event", e["cluster_id"], e["type"]) for e in row["events"]]
        expected: dict[tuple[str, str, str], set[str]] = {}
        for number, key in enumerate(of_mention, 1):
            expected.setdefault(key, set()).add(f"T{number}")
        wanted = {frozenset(ids) for ids in expected.values() if len(ids) > 1}
        equivs = equivs_of(lines)
        assert {frozenset(ids) for ids in equivs} == wanted  # every cluster, nothing else
        assert len(equivs) == len(wanted)  # each cluster once
        members = [tid for ids in equivs for tid in ids]
        assert len(members) == len(set(members)) and set(members) <= set(tids)
        numbers = [[int(tid[1:]) for tid in ids] for ids in equivs]
        assert all(group == sorted(group) for group in numbers)  # T2 before T10
        assert numbers == sorted(numbers)
        for ids in equivs:
            kinds = {tids[tid] in onto.event_types for tid in ids}
            assert len(kinds) == 1  # entities with entities, triggers with triggers
            assert len({tids[tid] for tid in ids}) == 1  # and one type, as brat requires
            seen.add("event" if kinds == {True} else "entity")
    assert seen == {"entity", "event"}  # the example has clusters of both kinds


class BPerson(Entity):
    """A person."""


class BMeeting(Event):
    """A meeting."""

    anyone: list[BPerson] = Role("0..n.")
    host: list[BPerson] = Role("Exactly one.", min=1, max=1)
    guest: list[BPerson] = Role("0..1.", max=1)
    speaker: list[BPerson] = Role("1..n.", min=1)
    pair: list[BPerson] = Role("Exactly two.", min=2, max=2)
    panel: list[BPerson] = Role("2..4.", min=2, max=4)
    jury: list[BPerson] = Role("0..3.", max=3)
    crowd: list[BPerson] = Role("2..n.", min=2)
    arg2: list[BPerson] = Role("A repeatable role ending in a digit.")


def test_brat_conf_role_cardinality_from_the_bounds():
    conf = annotation_conf(Ontology(name="b", version=1, entities=[BPerson], events=[BMeeting]))
    (line,) = [line for line in conf.splitlines() if line.startswith("BMeeting\t")]
    assert line == (
        "BMeeting\tanyone*:BPerson, host:BPerson, guest?:BPerson, speaker+:BPerson, "
        "pair{2}:BPerson, panel{2-4}:BPerson, jury{0-3}:BPerson, crowd+:BPerson, arg2?:BPerson"
    )
    for argument in line.split("\t")[1].split(", "):  # as brat's config reader takes them
        key, rep = BRAT_ARG_KEY.match(argument.split(":")[0]).groups()
        assert rep in ("", "?", "*", "+") or BRAT_RANGE.match(rep)
        assert not (key[-1].isdigit() and rep not in ("", "?"))  # brat refuses to repeat it
    relations = conf.split("[relations]\n")[1].split("\n\n")[0].splitlines()
    assert relations == [
        "Equiv\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive",
        "Equiv\tArg1:<EVENT>, Arg2:<EVENT>, <REL-TYPE>:symmetric-transitive",
    ]


def read_conf(conf):
    """annotation.conf read as brat does: sections of `TYPE<ws>ARG, ARG` lines, `#` comments."""
    sections: dict[str, list[tuple[str, list[str]]]] = {}
    section = ""
    for line in conf.split("\n"):
        if found := re.match(r"^\s*\[(.*)\]\s*$", line):
            section = found.group(1)
            sections.setdefault(section, [])
        elif line.strip() and not re.match(r"^\s*#", line):
            found = re.match(r"^(\s*)(\S+)(?:\s+(.*))?$", line)
            assert found and not found.group(1), line
            args = [a.strip() for a in (found.group(3) or "").split(",") if a.strip()]
            sections[section].append((found.group(2), args))
    return sections


def test_brat_files_follow_brats_reading_rules(example_brat):
    _, brat = example_brat
    conf = read_conf((brat / "annotation.conf").read_text(encoding="utf-8"))
    entity_types = {name for name, _ in conf["entities"]}
    roles: dict[str, dict[str, tuple[int, float]]] = {}
    for name, args in conf["events"]:
        roles[name] = {}
        for argument in args:
            key, types = argument.split(":")
            role, rep = BRAT_ARG_KEY.match(key).groups()
            bounds = {"": (1, 1), "?": (0, 1), "*": (0, float("inf")), "+": (1, float("inf"))}
            if rep.startswith("{"):
                low, high = BRAT_RANGE.match(rep).groups()
                bounds[rep] = (int(low), int(high or low))
            roles[name][role] = bounds[rep]
            assert set(types.split("|")) <= entity_types
    equiv = {args[0] for name, args in conf["relations"] if name == "Equiv"}
    assert equiv == {"Arg1:<ENTITY>", "Arg1:<EVENT>"}
    values = {name: args[1].split(":")[1].split("|") for name, args in conf["attributes"]}
    kinds_seen = set()
    for ann in sorted(brat.rglob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        lines = ann.read_text(encoding="utf-8").splitlines()
        types = {}
        for line in lines:
            ann_id, tail = line.split("\t", 1)  # brat: the id, then a tab
            assert BRAT_ID.match(ann_id), line
            data, _, data_tail = tail.partition("\t")
            kinds_seen.add(ann_id[0])
            if ann_id[0] == "T":
                kind, spans = data.split(" ", 1)
                pieces = [tuple(map(int, s.split(" "))) for s in spans.split(";")]
                assert data_tail == " ".join(text[a:b] for a, b in pieces)  # brat's DISCONT_SEP
                assert kind in entity_types or kind in roles
                types[ann_id] = kind
            else:
                assert data_tail == "" and "\t" not in tail, line  # no third field
        for line in lines:
            ann_id, data = line.split("\t")[:2]
            if ann_id[0] == "E":
                (kind, trigger), *args = (part.split(":") for part in data.split(" "))
                assert types[trigger] == kind
                counts = Counter(re.match(r"^(.*?)\d*$", role).group(1) for role, _ in args)
                for role, target in args:
                    base = re.match(r"^(.*?)\d*$", role).group(1)
                    assert base in roles[kind] and types[target] in entity_types
                for role, (low, high) in roles[kind].items():
                    assert low <= counts[role] <= high
            elif ann_id[0] == "A":
                name, target, value = data.split(" ")
                assert target.startswith("E") and value in values[name]
            elif ann_id == "*":
                relation, *members = data.split(" ")
                assert relation == "Equiv" and len(members) >= 2
                grouped = {types[m] in entity_types for m in members}  # KeyError: unknown id
                assert len(grouped) == 1
    assert kinds_seen == {"T", "E", "A", "*"}


class BProtest(Event):
    """A protest."""

    organizer: list[BPerson] = Role("Who calls it.")
    violence: Literal["none", "clashes"] = "none"
    tone: Literal["calm", "loud"] = "calm"


class BRally(Event):
    """A rally."""

    tone: Literal["calm", "loud"] = "calm"


def test_brat_conf_offers_an_attribute_only_on_the_event_types_that_have_it():
    onto = Ontology(name="b", version=1, entities=[BPerson], events=[BProtest, BRally])
    attributes = annotation_conf(onto).split("[attributes]\n")[1].splitlines()
    assert "violence\tArg:BProtest, Value:none|clashes" in attributes
    assert "tone\tArg:<EVENT>, Value:calm|loud" in attributes  # every type has it
