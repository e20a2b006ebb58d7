"""The raw config built column by column equals Arrow's conversion of the same rows."""

from __future__ import annotations

import msgspec
import pyarrow as pa
import pytest
from export_helpers import annotation, choice, find, relation, task
from hypothesis import given, settings
from hypothesis import strategies as st

from eventset.annotate.parse import parse_task
from eventset.annotate.parsed import Annotation, Region, Relation, Task
from eventset.export.features import raw_features
from eventset.export.rawcolumns import RawColumns, _texts

TEXT = "Rebels took Goma on Tuesday; talks in Nairobi were planned."


def _row(raw_task, annotation, selected):
    # Written out independently of RawColumns: the row as the raw config documents it.
    regions = [
        {
            "id": r.id,
            "start": r.start,
            "end": r.end,
            "text": r.text,
            "trigger_labels": r.trigger,
            "entity_labels": r.entity,
            "choices": [{"name": k, "values": v} for k, v in sorted(r.choices.items())],
            "other_labels": [{"control": k, "labels": v} for k, v in sorted(r.other.items())],
        }
        for r in annotation.regions.values()
    ]
    relations = [
        {"from_id": r.from_id, "to_id": r.to_id, "direction": r.direction, "labels": list(r.labels)}
        for r in annotation.relations
    ]
    return {
        "doc_id": raw_task.doc_id,
        "task_id": str(raw_task.id),
        "annotation_id": str(annotation.id),
        "annotator": annotation.annotator,
        "ground_truth": annotation.ground_truth,
        "was_cancelled": annotation.was_cancelled,
        "selected": selected,
        "created_at": annotation.created_at,
        "updated_at": annotation.updated_at,
        "lead_time": annotation.lead_time,
        "regions": regions,
        "relations": relations,
    }


def _tasks():
    took = find("t1", "trigger", TEXT, "took", "MilitaryOperation")
    goma = find("e1", "entity", TEXT, "Goma", "Location")
    talks = find("t2", "trigger", TEXT, "talks", "Negotiation")
    odd = dict(find("x1", "sentiment", TEXT, "Nairobi", "Place"))  # a control we do not know
    full = [
        took,
        choice(took, "modality", "asserted"),
        choice(took, "polarity", "positive"),
        goma,
        {**goma, "value": {**goma["value"], "labels": ["Location", "Facility"]}},
        talks,
        choice(talks, "modality", "planned"),
        odd,
        relation("t1", "e1", "target"),
        relation("e1", "t2", "place", "time", direction="left"),
        relation("t2", "e1"),
    ]
    first = annotation(7, 1, full, ground_truth=True)
    first["lead_time"] = None
    second = annotation(8, 2, [], cancelled=True)
    second["id"] = None
    return [
        parse_task(task(1, "d1", TEXT, [first, second]), 0),
        parse_task(task(2, "d2", TEXT, []), 1),
        parse_task(task(3, "d3", TEXT, [annotation(9, 3, [goma])]), 2),
    ]


def test_columns_equal_the_rows_converted_by_arrow():
    schema = raw_features().arrow_schema
    columns, rows = RawColumns(), []
    for parsed in _tasks():
        for n, a in enumerate(parsed.annotations):
            columns.add(parsed, a, selected=n == 0)
            rows.append(_row(parsed, a, n == 0))
    built = columns.batch(schema)
    expected = pa.RecordBatch.from_pylist(rows, schema=schema)
    assert len(columns) == 3
    assert built.equals(expected)
    assert built.to_pylist() == rows
    regions = rows[0]["regions"]
    assert [r["choices"] for r in regions if r["id"] == "t1"] == [
        [{"name": "modality", "values": ["asserted"]}, {"name": "polarity", "values": ["positive"]}]
    ]
    assert rows[1]["annotation_id"] == "None" and rows[0]["lead_time"] is None


def test_no_rows_give_an_empty_batch():
    batch = RawColumns().batch(raw_features().arrow_schema)
    assert batch.num_rows == 0 and batch.schema == raw_features().arrow_schema


# Lengths of up to 255 go to numpy as bytes, longer ones another way: both are drawn.
labels = st.lists(st.sampled_from(["Attack", "Person", "Ort", "é"]), max_size=3)
long_labels = st.lists(st.just("Attack"), min_size=250, max_size=260)
named = st.dictionaries(st.sampled_from(["modality", "polarity", "z"]), labels, max_size=2)
regions = st.builds(
    Region,
    st.text(max_size=4),
    st.integers(-(2**31), 2**31 - 1),
    st.integers(0, 99),
    st.text(max_size=6),
    st.one_of(labels, labels, long_labels),
    labels,
    st.one_of(st.just({}), named),
    st.one_of(st.just({}), st.just({}), named),
)
relations = st.builds(
    Relation,
    st.text(max_size=3),
    st.text(max_size=3),
    st.sampled_from(["right", "left"]),
    st.lists(st.sampled_from(["target", "place"]), max_size=2).map(tuple),
)


@st.composite
def annotations(draw):
    found = Annotation(
        draw(st.one_of(st.integers(0, 9), st.none())),
        "1",
        draw(st.booleans()),
        draw(st.booleans()),
        "2026-11-01",
        "",
        draw(st.one_of(st.none(), st.floats(0, 9))),
    )
    count = draw(st.one_of(st.integers(0, 4), st.just(300)))  # beyond 255 regions too
    drawn = draw(st.lists(regions, min_size=min(count, 4), max_size=min(count, 4)))
    for n in range(count):
        region = drawn[n % len(drawn)] if drawn else None
        if region is not None:
            found.regions[f"r{n}"] = msgspec.structs.replace(region, id=f"r{n}")
    found.relations = draw(st.lists(relations, max_size=3))
    return found


@settings(max_examples=60, deadline=None)
@given(st.lists(annotations(), max_size=4))
def test_any_annotations_convert_as_arrow_converts_their_rows(drawn):
    schema = raw_features().arrow_schema
    parsed = Task(5, "d5", TEXT, "en", {}, drawn)
    columns, rows = RawColumns(), []
    for n, a in enumerate(drawn):
        columns.add(parsed, a, selected=n % 2 == 0)
        rows.append(_row(parsed, a, n % 2 == 0))
    assert columns.batch(schema).equals(pa.RecordBatch.from_pylist(rows, schema=schema))


# The string columns are cut from one NUL-joined encoding; whatever that cannot carry (a NUL in a
# string, a lone surrogate, a value that is not a string) goes to Arrow's own conversion.
texts = st.one_of(
    st.text(max_size=5),
    st.text(alphabet="ab\0", max_size=3),
    st.sampled_from(["", "Björklund", "\U0001f600", "\ud800", "ř"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(texts, texts, texts, st.none()), max_size=8))
def test_string_columns_equal_arrows_conversion(strings):
    try:
        expected = pa.array(strings, pa.string())
    except (pa.ArrowException, UnicodeEncodeError) as error:
        with pytest.raises(type(error)):
            _texts(strings)
    else:
        built = _texts(strings)
        built.validate(full=True)
        assert built.equals(expected) and built.to_pylist() == strings


def test_strings_without_nul_do_not_go_through_arrows_conversion(monkeypatch):
    strings = ["Björklund", "", "a\U0001f600b", "ř", "took"]
    expected = pa.array(strings, pa.string())
    monkeypatch.setattr(pa, "array", None)  # the fast path must not need it
    assert _texts(strings).equals(expected)
