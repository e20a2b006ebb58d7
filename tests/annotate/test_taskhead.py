"""A scan's lean reading of a task line agrees with parsing the whole line, or steps aside."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventset.annotate import rawjson
from eventset.annotate.parse import parse_task
from eventset.annotate.taskhead import task_head
from eventset.errors import InputError


def _scanned(item: Any) -> Any:
    """What a scan keeps of ``item`` (``parse_task`` without annotations, text left out), or
    the type and message of the error it raises."""
    try:
        task = parse_task(item, 3, annotations=False)
    except InputError as exc:
        return type(exc), str(exc)
    return task.id, task.doc_id, task.lang, task.meta, task.annotated, task.drafts


def _agrees(line: bytes) -> bool:
    """Check ``task_head`` against the whole parse of ``line``; True if it read the line."""
    head = task_head(line)
    whole = rawjson.parsed_item(line, exact=False)
    if head is None:
        return False
    assert whole is not rawjson._OTHER_LAYOUT, "task_head read a line orjson refuses"
    assert _scanned(head) == _scanned(whole)
    return True


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=6),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)
datas = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(st.text(max_size=20), st.none(), st.integers(0, 9), st.just([1])),
        "doc_id": st.one_of(st.text(max_size=4), st.integers(-3, 2**66), st.none()),
        "lang": st.sampled_from(["nl", "en", "", None]),
        "meta": values,
        "source": values,
    },
)
annotations = st.fixed_dictionaries(
    {},
    optional={
        "was_cancelled": st.one_of(
            st.booleans(), st.none(), st.integers(0, 1), st.text(max_size=2)
        ),
        "result": st.lists(values, max_size=3),
        "lead_time": values,
        "unique_id": st.sampled_from(["96e835e65864742b9e8c8b63ce66e9ee", "1e400", "e000"]),
    },
)
tasks = st.fixed_dictionaries(
    {"data": st.one_of(datas, datas, datas, values)},
    optional={
        "id": st.one_of(st.integers(-5, 2**66), st.text(max_size=3), st.none(), st.floats(0, 1e20)),
        "annotations": st.one_of(st.lists(annotations, max_size=3), st.none(), values),
        "drafts": st.one_of(st.lists(values, max_size=2), st.none(), values),
        "predictions": values,
    },
)

# Pieces orjson and msgspec's skipping treat differently, or that look alike to a cheap check.
SPLICES = [
    b"1e400",
    b"1E+400",
    b"-1e999",
    b"1.8e308",
    b"1e308",
    b"1e0001",
    b"1e-400",
    b"123456789012345678901234567890",
    b"-9223372036854775809",
    b"18446744073709551616",
    b"1234567890123456789",
    b'"96e835"',
    b'"1e400"',
    b'"\xff"',
    b'"\xed\xa0\x80"',
    b'"\xc0\x80"',
    b'"\\ud800"',
    b'"\\ud83d\\ude00"',
    b"NaN",
    b"Infinity",
    b"[" * 1000 + b"]" * 1000,
    b"[" * 30 + b"]" * 30,
    b"01",
    b'"\x01"',
]


def _line(task: dict[str, Any], splice: bytes | None, where: int) -> bytes:
    """``task`` as a compact line, with ``splice`` as the value of an extra key at one of the
    line's objects (the ``where``-th opening brace)."""
    line = json.dumps(task, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if splice is None:
        return line
    braces = [i for i, byte in enumerate(line) if byte == ord("{")]
    at = braces[where % len(braces)] + 1
    rest = line[at:]
    comma = b"" if rest.startswith(b"}") else b","
    return line[:at] + b'"zz":' + splice + comma + rest


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tasks, st.one_of(st.none(), st.sampled_from(SPLICES)), st.integers(0, 20))
def test_a_line_read_by_the_head_is_read_alike_by_the_whole_parse(task, splice, where):
    _agrees(_line(task, splice, where))


USUAL_TASK = {
    "id": 7,
    "data": {"text": "Talks began in Geneva.", "doc_id": "d7", "lang": "en", "meta": {"a": 1}},
    "annotations": [{"was_cancelled": False, "result": [{"value": {}}], "unique_id": "96e835"}],
    "drafts": [{"result": []}],
}


@pytest.mark.parametrize("splice", SPLICES)
@pytest.mark.parametrize("where", range(7))  # each object of USUAL_TASK's line
def test_each_splice_in_each_object_is_read_alike_or_left_to_the_whole_parse(splice, where):
    _agrees(_line(USUAL_TASK, splice, where))


def test_the_usual_line_is_read_by_the_head():
    usual = {
        "id": 7,
        "data": {"text": "Talks began in Geneva.", "doc_id": "d7", "lang": "en", "source": "w"},
        "annotations": [{"was_cancelled": False, "result": [], "unique_id": "96e835e658"}],
        "drafts": [],
    }
    assert _agrees(_line(usual, None, 0))
    assert task_head(_line(usual, None, 0)) == {
        "id": 7,
        "data": {"text": "", "doc_id": "d7", "lang": "en", "source": "w"},
        "annotations": [{"was_cancelled": False}],
        "drafts": [],
    }


USUAL = b'{"id":1,"data":{"text":"Talks.","doc_id":"d"},"annotations":[{"result":[],"x":%s}]}'


@pytest.mark.parametrize(
    "splice",
    [b"1e400", b"1E+400", b"-1.5e999", b"123456789012345678901234567890", b"1e0001"],
)
def test_numbers_orjson_may_refuse_or_round_are_left_to_the_whole_parse(splice):
    assert task_head(USUAL % splice) is None


@pytest.mark.parametrize("splice", [b'"\xff"', b'"\xed\xa0\x80"', b'"\xc0\x80"'])
def test_invalid_utf8_in_a_skipped_string_is_left_to_the_whole_parse(splice):
    line = USUAL % splice
    assert task_head(line) is None
    assert rawjson.parsed_item(line, exact=False) is rawjson._OTHER_LAYOUT


@pytest.mark.parametrize("splice", [b'"96e835e658"', b"1e-400", b"12.5", b"1e30", b'"e000"'])
def test_hex_ids_and_harmless_numbers_keep_the_lean_reading(splice):
    assert task_head(USUAL % splice) is not None


def test_a_text_that_is_not_a_string_is_kept_for_its_error():
    head = task_head(b'{"id":2,"data":{"text":5}}')
    assert head is not None
    with pytest.raises(InputError, match=r"data\.text is a int"):
        parse_task(head, 2, annotations=False)


def test_repeated_keys_read_as_the_whole_parse_reads_them():
    for line in (
        b'{"id":1,"data":{"text":"a","doc_id":"x","doc_id":"y"}}',
        b'{"id":1,"id":2,"data":{"text":"a"}}',
        b'{"data":{"text":"a"},"data":{"text":"b","doc_id":"z"}}',
    ):
        assert _agrees(line)
