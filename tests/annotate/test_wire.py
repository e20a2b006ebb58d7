"""The msgspec fast path gives the same tasks as orjson + ``parse_task``, whatever the line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventset.annotate import wire
from eventset.annotate.parse import iter_raw, parse_task
from eventset.errors import InputError

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "recorded_ls_1.23.json"
TEXT = "Rebels shelled Marouf on Tuesday."


def _fast(line: bytes, index: int = 0) -> Any:
    """The fast path alone: a Task, or None where it leaves the line to the general path."""
    try:
        return wire._from_wire(wire._TASK.decode(line), index)
    except msgspec.DecodeError:
        return None


def _outcome(parse: Any) -> Any:
    """What ``parse()`` returns, or the type and message of the error it raises."""
    try:
        return parse()
    except (InputError, orjson.JSONDecodeError) as exc:
        return type(exc), str(exc)


def test_recorded_export_takes_the_fast_path_with_equal_tasks():
    raws = list(iter_raw(RECORDED))
    assert len(raws) == 6
    for index, raw in enumerate(raws):
        line = orjson.dumps(raw)
        expected = parse_task(raw, index)
        assert _fast(line, index) == expected
        assert wire.parse_line(line, index) == expected


def _region(region_id: Any, start: Any, end: Any, **value: Any) -> dict[str, Any]:
    return {
        "id": region_id,
        "from_name": value.pop("from_name", "trigger"),
        "to_name": "text",
        "type": value.pop("type", "labels"),
        "origin": "manual",
        "value": {"start": start, "end": end, "text": TEXT[0:6], **value},
    }


SPANS = {"r1": (0, 6), "r2": (7, 14), "r3": (15, 21), 7: (25, 32)}
ids = st.one_of(st.sampled_from(["r1", "r2", "r3"]), st.integers(0, 3), st.none())
usual_ids = st.sampled_from(list(SPANS))
offsets = st.one_of(
    st.integers(-1, 40), st.booleans(), st.floats(0, 9), st.none(), st.text(max_size=2)
)
names_given = ["trigger", "entity", "modality", "polarity", "extra", None]
names = st.sampled_from(names_given)
kinds = st.sampled_from(["labels", "choices", "textarea", None])
usual_labels = st.one_of(
    st.lists(st.sampled_from(["Attack", "Person", "asserted"]), max_size=2), st.none()
)
# Labels or choices that are not a list of strings: the fast path leaves them to the general one.
odd_labels = st.one_of(
    st.lists(st.sampled_from(["Attack", 3, None]), min_size=1, max_size=2).filter(
        lambda labels: not all(isinstance(label, str) for label in labels)
    ),
    st.text(max_size=2),
    st.sampled_from([True, 0, {"a": 1}]),  # not a list at all: a malformed item
)
label_lists = st.one_of(usual_labels, odd_labels)


def _span(rid: Any, start: Any, end: Any, name: Any, kind: Any, labels: Any, choices: Any) -> Any:
    return _region(rid, start, end, from_name=name, type=kind, labels=labels, choices=choices)


string_ids = st.sampled_from([rid for rid in SPANS if isinstance(rid, str)])
string_names = st.sampled_from([name for name in names_given if name is not None])


def _spans_with(region_ids: Any, control_names: Any) -> Any:
    """Span items at the usual offsets of their ids, with the usual labels and choices."""
    return st.builds(
        lambda rid, *rest: _span(rid, *SPANS[rid], *rest),
        region_ids,
        control_names,
        st.sampled_from(["labels", "choices"]),
        usual_labels,
        usual_labels,
    )


# The usual shape (what Label Studio writes: string ids and control names), which the fast path
# must take ...
usual_spans = _spans_with(string_ids, string_names)
# ... the same with a numeric id or no control name, which it leaves to the general path
# (that converts them to strings).
spans_of_other_ids = _spans_with(usual_ids, names)
usual_relations = st.fixed_dictionaries(
    {"type": st.just("relation"), "from_id": string_ids, "to_id": string_ids},
    optional={
        "direction": st.sampled_from(["right", "left", "bi", ""]),
        "labels": st.lists(st.sampled_from(["target", "same_as"]), max_size=2),
    },
)
# Relations as Label Studio does not write them: the general path reads them (as strings).
odd_relations = st.fixed_dictionaries(
    {"type": st.just("relation"), "from_id": usual_ids, "to_id": usual_ids},
    optional={
        "direction": st.sampled_from(["right", None]),
        "labels": st.one_of(st.none(), st.lists(st.sampled_from(["x", 3, None]), max_size=2)),
    },
)
# ... and near misses, which it must leave to the general path.
span_items = st.builds(_span, ids, offsets, offsets, names, kinds, label_lists, label_lists)
relation_items = st.fixed_dictionaries(
    {"type": st.just("relation"), "from_id": ids, "to_id": ids},
    optional={"direction": st.sampled_from(["right", None]), "labels": label_lists},
)
odd_items = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.text(max_size=3),
    st.fixed_dictionaries({"id": ids}, optional={"value": st.one_of(st.none(), st.integers(0, 9))}),
)


def _annotations(results: Any) -> Any:
    return st.fixed_dictionaries(
        {"result": results},
        optional={
            "id": st.one_of(st.integers(1, 99), st.text(max_size=2), st.none()),
            "completed_by": st.one_of(
                st.integers(1, 5), st.fixed_dictionaries({"id": st.integers(1, 5)}), st.none()
            ),
            "was_cancelled": st.one_of(st.booleans(), st.none()),
            "ground_truth": st.one_of(st.booleans(), st.none()),
            "created_at": st.one_of(st.just("2026-11-01T10:00:00Z"), st.none()),
            "updated_at": st.one_of(st.just("2026-11-02T10:00:00Z"), st.none()),
            "lead_time": st.one_of(st.floats(0, 100), st.none()),
            "prediction": st.just({}),
        },
    )


def _tasks(data: Any, annotations: Any) -> Any:
    return st.fixed_dictionaries(
        {"data": data},
        optional={
            "id": st.one_of(st.integers(1, 9), st.text(max_size=2), st.none()),
            "annotations": st.one_of(st.lists(annotations, max_size=3), st.none()),
            "drafts": st.one_of(st.lists(st.just({"result": []}), max_size=2), st.none()),
            "predictions": st.just([]),
        },
    )


datas = st.fixed_dictionaries(
    {"text": st.just(TEXT)},
    optional={
        "doc_id": st.one_of(st.just("d1"), st.integers(0, 9), st.none()),
        "lang": st.sampled_from(["nl", "en", ""]),
        "meta": st.fixed_dictionaries({"source": st.just("wire")}),
        "title": st.just("t"),
    },
)
odd_datas = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(st.just(TEXT), st.none(), st.integers(0, 9)),
        "meta": st.integers(0, 9),
    },
)
usual_items = st.one_of(usual_spans, usual_spans, usual_relations)
near_misses = st.one_of(
    span_items,
    spans_of_other_ids,
    relation_items,
    odd_relations,
    st.builds(lambda rid, kind: _region(rid, *SPANS[rid], type=kind), usual_ids, kinds),
    odd_items,
    st.builds(lambda rid: _region(rid, 40, 41, labels=["Attack"]), usual_ids),  # moved region
    st.builds(lambda rid, odd: _region(rid, *SPANS[rid], labels=odd), usual_ids, odd_labels),
    st.builds(lambda rid, odd: _region(rid, *SPANS[rid], choices=odd), usual_ids, odd_labels),
    st.builds(lambda rid, text: _region(rid, *SPANS[rid], text=text), usual_ids, st.none()),
    st.builds(lambda rid: _region(rid, SPANS[rid][0], 33, labels=["Attack"]), usual_ids),
    st.just(_region(None, 0, 6, labels=["Attack"])),
    st.builds(lambda end: {"type": "relation", "from_id": "r1", "to_id": end}, st.none()),
    st.builds(lambda start: {"type": "relation", "from_id": start, "to_id": "r2"}, st.none()),
)


def _with_miss(raw: dict[str, Any], miss: Any, where: int) -> dict[str, Any]:
    """``raw`` with ``miss`` among the result items of its first annotation, if it has one."""
    first, *rest = raw.get("annotations") or [{"result": []}]
    result = first["result"]
    first = {**first, "result": [*result[:where], miss, *result[where:]]}
    return {**raw, "annotations": [first, *rest]}


usual_tasks = _tasks(datas, _annotations(st.lists(usual_items, max_size=8)))
# A usual task with one near miss: the miss alone decides the path.
one_miss_tasks = st.builds(_with_miss, usual_tasks, near_misses, st.integers(0, 8))
odd_tasks = _tasks(
    st.one_of(odd_datas, st.integers(0, 9)),
    _annotations(st.one_of(st.none(), st.integers(0, 1), st.lists(usual_items, max_size=2))),
)
any_tasks = st.one_of(one_miss_tasks, one_miss_tasks, one_miss_tasks, usual_tasks, odd_tasks)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(usual_tasks, st.integers(0, 5))
def test_the_usual_shape_takes_the_fast_path_with_equal_tasks(raw, index):
    fast = _fast(orjson.dumps(raw), index)
    assert fast is not None
    assert fast == parse_task(raw, index)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_tasks, st.integers(0, 5))
def test_any_task_parses_as_the_general_path_does(raw, index):
    line = orjson.dumps(raw)
    assert _outcome(lambda: wire.parse_line(line, index)) == _outcome(
        lambda: parse_task(raw, index)
    )


def test_the_property_covers_both_paths():
    """The strategies above reach the fast path and the general one (else the test says little)."""
    usual = {
        "id": 4,
        "data": {"text": TEXT, "doc_id": "d"},
        "annotations": [
            {
                "id": 1,
                "completed_by": 2,
                "result": [
                    _region("r1", 0, 6, labels=["Attack"]),
                    _region("r1", 0, 6, from_name="modality", type="choices", choices=["asserted"]),
                    {"type": "relation", "from_id": "r1", "to_id": "r2", "labels": ["target"]},
                ],
            }
        ],
    }
    fast = _fast(orjson.dumps(usual))
    assert fast is not None and fast.annotations[0].regions["r1"].choices == {
        "modality": ["asserted"]
    }
    bad = dict(usual, annotations=[{"result": [_region("r1", True, 6, labels=["Attack"])]}])
    assert _fast(orjson.dumps(bad)) is None  # a boolean offset is the general path's to report
    issues = wire.parse_line(orjson.dumps(bad), 0).issues
    assert [issue.kind for issue in issues] == ["malformed_result"]
    assert "True..6 are not integers" in issues[0].message


WIDE = 99999999999999999999999  # beyond 64 bits: orjson would read it as a float


@pytest.mark.parametrize(
    "raw",
    [
        {"id": 18446744073709551616, "data": {"text": TEXT}},  # the doc id comes from the id
        {"id": 1, "data": {"text": TEXT, "n": -9223372036854775809}},
        {"id": 1, "data": {"text": TEXT}, "annotations": [{"result": [_region("r", WIDE, 6)]}]},
        {"id": 1, "data": {"text": TEXT}, "predictions": [[[[[[]]]]]] * 2},
    ],
)
def test_wide_integers_are_read_exactly_on_either_path(raw):
    line = json.dumps(raw).encode()  # orjson cannot write integers this wide
    assert wire.parse_line(line, 0) == parse_task(json.loads(line), 0)


def test_wide_offsets_are_reported_not_crashed_on():
    raw = {"id": 1, "data": {"text": TEXT}, "annotations": [{"result": [_region("r", WIDE, 6)]}]}
    issues = wire.parse_line(json.dumps(raw).encode(), 0).issues
    assert [issue.kind for issue in issues] == ["malformed_result"]
    assert f"offsets {WIDE}..6 are beyond the 32-bit offsets" in issues[0].message


def test_deep_nesting_that_orjson_reads_is_read():
    depth = 1000  # msgspec stops at about 999 levels, orjson at 1024
    line = b'{"id": 1, "data": {"text": "x"}, "predictions": ' + b"[" * depth + b"]" * depth + b"}"
    assert orjson.loads(line)["id"] == 1
    assert wire.parse_line(line, 0) == parse_task(orjson.loads(line), 0)


def test_invalid_utf8_raises_like_orjson():
    line = b'{"id": 1, "data": {"text": "caf\xff"}}'
    with pytest.raises(orjson.JSONDecodeError):
        wire.parse_line(line, 0)


def test_a_line_that_is_not_json_raises_like_orjson():
    with pytest.raises(orjson.JSONDecodeError):
        wire.parse_line(b'{"id": 1, "data": {"text": "x"}', 0)


USUAL = {
    "id": 3,
    "data": {"text": TEXT, "doc_id": "d3"},
    "annotations": [
        {
            "id": 11,
            "completed_by": 2,
            "result": [
                _region("r1", 0, 6, from_name="entity", labels=["ArmedGroup"]),
                _region("r2", 7, 14, labels=["Attack"]),
                {"type": "relation", "from_id": "r2", "to_id": "r1", "labels": ["attacker"]},
            ],
        }
    ],
}


@pytest.mark.parametrize(
    "miss",
    [
        _region("r1", 0, 7, labels=["Person"]),  # same id, other end
        _region("r1", 1, 6, labels=["Person"]),  # same id, other start
        _region(None, 0, 6, labels=["Person"]),
        _region("r4", 0.0, 6, labels=["Person"]),
        _region("r4", 0, True, labels=["Person"]),
        {"id": "r4", "type": "labels", "from_name": "entity"},  # no value
        {"type": "relation", "from_id": "r2", "to_id": None},
        {"type": "relation", "from_id": None, "to_id": "r1"},
        "not an object",
    ],
)
def test_each_near_miss_goes_the_general_way_with_its_issue(miss):
    raw = _with_miss(USUAL, miss, 1)
    line = orjson.dumps(raw)
    assert _fast(orjson.dumps(USUAL)) == parse_task(USUAL)
    assert _fast(line) is None
    task = wire.parse_line(line, 0)
    assert task == parse_task(raw)
    assert [issue.kind for issue in task.issues] == ["malformed_result"]


@pytest.mark.parametrize("control", ["trigger", "entity"])
@pytest.mark.parametrize("labels", [["Attack", 3], [None]])
def test_labels_that_are_not_strings_go_the_general_way_and_come_out_as_strings(control, labels):
    raw = _with_miss(USUAL, _region("r4", 0, 6, from_name=control, labels=labels), 1)
    line = orjson.dumps(raw)
    assert _fast(line) is None
    task = wire.parse_line(line, 0)
    assert task == parse_task(raw)
    found = getattr(task.annotations[0].regions["r4"], control)
    assert all(isinstance(label, str) for label in found)


@pytest.mark.parametrize(
    "miss",
    [
        _region("r4", 0, 6, labels="Attack"),  # a string would otherwise be read letter by letter
        _region("r4", 0, 6, from_name="entity", labels=True),
        _region("r4", 0, 6, from_name="modality", type="choices", choices="asserted"),
        _region("r4", 0, 6, from_name="modality", type="choices", choices={"a": 1}),
        {"type": "relation", "from_id": "r2", "to_id": "r1", "labels": True},
        {"type": "relation", "from_id": "r2", "to_id": "r1", "labels": "attacker"},
        {"type": "relation", "from_id": "r2", "to_id": "r1", "labels": 0},
    ],
)
def test_labels_or_choices_that_are_not_a_list_are_malformed_on_both_paths(miss):
    raw = _with_miss(USUAL, miss, 1)
    line = orjson.dumps(raw)
    assert _fast(line) is None
    task = wire.parse_line(line, 0)
    assert task == parse_task(raw)
    (issue,) = task.issues
    assert issue.kind == "malformed_result" and "not a list" in issue.message
    annotation = task.annotations[0]
    assert "r4" not in annotation.regions  # the item is dropped whole, not half read
    assert len(annotation.relations) == 1  # only USUAL's own relation


@pytest.mark.parametrize(
    "item",
    [
        _region(7, 25, 32, from_name="entity", labels=["Person"]),  # a numeric region id
        _region("r4", 0, 6, from_name=None, labels=["Person"]),  # no control name
        {"id": "r4", "type": "labels", "value": {"start": 0, "end": 6, "labels": ["Person"]}},
    ],
)
def test_ids_and_control_names_that_are_not_strings_go_the_general_way(item):
    """The fast path decodes region ids and control names as strings only; the general path
    converts the others (``7`` is region ``"7"``, no control name is control ``"None"``)."""
    raw = _with_miss(USUAL, item, 1)
    line = orjson.dumps(raw)
    assert _fast(line) is None
    task = wire.parse_line(line, 0)
    assert task == parse_task(raw) and not task.issues
    assert all(type(key) is str for key in task.annotations[0].regions)
