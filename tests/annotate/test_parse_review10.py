"""A submitted annotation without a result list stops the build, in both parsers (it was read as
empty: the document went into the dataset with none of its events, and no issue said so)."""

from __future__ import annotations

import orjson
import pytest

from eventset.annotate.parse import parse_task
from eventset.annotate.wire import parse_line
from eventset.errors import InputError


def _task(annotation: dict[str, object]) -> dict[str, object]:
    return {"id": 5, "data": {"text": "Rebels attacked."}, "annotations": [annotation]}


@pytest.mark.parametrize("parse", [parse_task, lambda raw: parse_line(orjson.dumps(raw), 0)])
@pytest.mark.parametrize(
    ("annotation", "what"),
    [
        ({"id": 8, "completed_by": 1}, "missing"),
        ({"id": 8, "completed_by": 1, "result": None}, "None, not a list"),
        ({"id": 8, "completed_by": 1, "result": None, "was_cancelled": False}, "None, not a list"),
    ],
)
def test_a_submitted_annotation_without_results_is_named(parse, annotation, what):
    with pytest.raises(InputError) as refused:
        parse(_task(annotation))
    assert f"task 5: the result of annotation 8 is {what}" in refused.value.message
    assert "Label Studio's JSON format" in refused.value.remedy


@pytest.mark.parametrize("parse", [parse_task, lambda raw: parse_line(orjson.dumps(raw), 0)])
@pytest.mark.parametrize("result", ["absent", None, []])
def test_a_skip_or_an_empty_result_is_still_read(parse, result):
    skipped: dict[str, object] = {"id": 8, "completed_by": 1, "was_cancelled": True}
    if result != "absent":
        skipped["result"] = result
    task = parse(_task(skipped))
    assert task.annotations[0].was_cancelled and not task.annotations[0].regions
    empty = parse(_task({"id": 9, "completed_by": 1, "result": []}))
    assert not empty.annotations[0].was_cancelled and not empty.annotations[0].regions
