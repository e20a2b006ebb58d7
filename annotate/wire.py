"""Decode one exported task line straight into the fields the build reads (msgspec).

A Label Studio task line carries far more than a build reads: predictions, per-annotation
bookkeeping, ``origin`` and ``to_name`` on every result item. Decoding it into typed structs
skips those fields without creating Python objects for them, and needs no ``dict.get`` per
field afterwards. This is a fast path only: a line that does not fit the usual shape (a result
item that is not an object, offsets that are not integers, a relation without ends, ...) gives
None here, and the caller parses it with orjson and ``parse_task``, which names every problem.
Where both apply they give equal ``Task`` objects (a test compares them on generated tasks).

Example:
    >>> task = parse_line(b'{"id": 1, "data": {"text": "Talks began."}}', 0)
    >>> task.id, task.text
    (1, 'Talks began.')
"""

from __future__ import annotations

from typing import Any

import msgspec
import orjson

from eventset.annotate.parse import (
    Annotation,
    Region,
    Relation,
    Task,
    annotator_of,
    attach,
    new_task,
    parse_task,
)


class _Value(msgspec.Struct, gc=False):
    start: int
    end: int
    text: Any = ""
    labels: Any = None
    choices: Any = None


class _Result(msgspec.Struct, gc=False):
    id: Any = None
    type: Any = None
    from_name: Any = None
    value: _Value | None = None
    from_id: Any = None
    to_id: Any = None
    direction: Any = None
    labels: Any = None


class _Annotation(msgspec.Struct, gc=False):
    id: Any = None
    completed_by: Any = None
    ground_truth: Any = None
    was_cancelled: Any = None
    created_at: Any = None
    updated_at: Any = None
    lead_time: Any = None
    result: list[_Result] | None = None


class _Task(msgspec.Struct, gc=False):
    data: dict[str, Any]
    id: Any = msgspec.UNSET
    drafts: list[msgspec.Raw] | None = None
    annotations: list[_Annotation] | None = None


class _Submitted(msgspec.Struct, gc=False):
    was_cancelled: Any = None


class _Head(msgspec.Struct, gc=False):
    data: dict[str, Any]
    id: Any = msgspec.UNSET
    drafts: list[msgspec.Raw] | None = None
    annotations: list[_Submitted] | None = None


_TASK = msgspec.json.Decoder(_Task)
_HEAD = msgspec.json.Decoder(_Head)


def parse_line(line: bytes, index: int) -> Task:
    """The task on ``line`` (one exported task as JSON), like ``parse_task(orjson.loads(line))``.

    Raises ``orjson.JSONDecodeError`` when the line is not JSON and ``InputError`` when it is not
    a task, as ``parse_task`` does.
    """
    try:
        task = _from_wire(_TASK.decode(line), index)
    except msgspec.DecodeError:  # not the usual shape (or not JSON): the general path decides
        task = None
    return task if task is not None else parse_task(orjson.loads(line), index)


def head_of_line(line: bytes, index: int) -> Task | None:
    """The task on ``line`` without its annotations (``parse_task(..., annotations=False)``).

    None when the line is not a task with an ``id`` in the usual shape: parse it with orjson.
    """
    try:
        head = _HEAD.decode(line)
    except msgspec.DecodeError:
        return None
    if head.id is msgspec.UNSET:
        return None
    task = new_task(head.data, head.id)
    task.drafts = len(head.drafts or ())
    task.annotated = any(not a.was_cancelled for a in head.annotations or ())
    return task


def _from_wire(wire: _Task, index: int) -> Task | None:
    task = new_task(wire.data, index if wire.id is msgspec.UNSET else wire.id)
    task.drafts = len(wire.drafts or ())
    items = wire.annotations or ()
    task.annotated = any(not a.was_cancelled for a in items)
    for item in items:
        annotation = _annotation(item)
        if annotation is None:
            return None
        task.annotations.append(annotation)
    return task


def _annotation(item: _Annotation) -> Annotation | None:
    annotation = Annotation(
        id=item.id,
        annotator=annotator_of(item.completed_by),
        ground_truth=bool(item.ground_truth),
        was_cancelled=bool(item.was_cancelled),
        created_at=str(item.created_at or ""),
        updated_at=str(item.updated_at or item.created_at or ""),
        lead_time=item.lead_time,
    )
    regions = annotation.regions
    for result in item.result or ():
        if result.type == "relation":
            source, target = result.from_id, result.to_id
            if source is None or target is None:
                return None
            labels = tuple(map(str, result.labels or ()))
            direction = str(result.direction or "right")
            annotation.relations.append(Relation(str(source), str(target), direction, labels))
            continue
        value, region_id = result.value, result.id
        if value is None or region_id is None:
            return None
        key = region_id if type(region_id) is str else str(region_id)
        region = regions.get(key)
        if region is None:
            region = regions[key] = Region(key, value.start, value.end, str(value.text))
        elif region.start != value.start or region.end != value.end:
            return None
        attach(region, str(result.from_name), result.type, value)
    return annotation
