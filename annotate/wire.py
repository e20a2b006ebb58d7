"""Decode one exported task line straight into the fields the build reads (msgspec).

A Label Studio task line carries far more than a build reads: predictions, per-annotation
bookkeeping, ``origin`` and ``to_name`` on every result item. Decoding it into typed structs
skips those fields without creating Python objects for them, and needs no ``dict.get`` per
field afterwards. This is a fast path only: a line that does not fit the usual shape (a result
item that is not an object, offsets that are not integers, a relation without ends, ...) gives
None here, and the caller parses it with orjson and ``parse_task``, which names every problem.
Result items are told apart by their ``type`` as msgspec decodes them, relations straight into
``Relation``: an item of another type (a control eventset's config does not have), a region whose
id or control name is not a string, or a relation whose ends, direction or labels are not
strings, goes the general way too.
Where both apply they give equal ``Task`` objects (a test compares them on generated tasks).

Example:
    >>> task = parse_line(b'{"id": 1, "data": {"text": "Talks began."}}', 0)
    >>> task.id, task.text
    (1, 'Talks began.')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

import msgspec
import orjson

from eventset.annotate.exactjson import exact_loads, wide_digits
from eventset.annotate.parse import attach, new_task, note_drafts, parse_task
from eventset.annotate.parsed import (
    ENTITY_CONTROL,
    OFFSET_LIMIT,
    TRIGGER_CONTROL,
    Annotation,
    Region,
    Relation,
    Task,
)
from eventset.annotate.values import (
    annotator_of,
    lead_seconds,
    unknown_annotator,
    unreadable_user,
)

# Offsets are stored as 32-bit integers; any other goes the general way, which reports it.
_Offset = Annotated[int, msgspec.Meta(ge=-OFFSET_LIMIT, lt=OFFSET_LIMIT)]


class _Value(msgspec.Struct, gc=False):
    start: _Offset
    end: _Offset
    # Typed: anything else (a label that is a number, no text) goes the general way.
    text: str = ""
    labels: list[str] | None = None
    choices: list[str] | None = None


class _Span(msgspec.Struct, gc=False):
    # Typed as Label Studio writes them: an id or control name that is not a string, or an
    # item without a value, goes the general way (which converts or reports it).
    id: str
    from_name: str
    value: _Value


class _Labels(_Span, tag_field="type", tag="labels"):
    pass


class _Choices(_Span, tag_field="type", tag="choices"):
    pass


# Result items by their ``type`` (see the module docstring).
_Result = _Labels | _Choices | Relation


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


_TASK = msgspec.json.Decoder(_Task)


def parse_line(line: bytes, index: int) -> Task:
    """The task on ``line`` (one exported task as JSON), like ``parse_task(orjson.loads(line))``.

    Raises ``orjson.JSONDecodeError`` when the line is not JSON and ``InputError`` when it is not
    a task, as ``parse_task`` does. Fields the build does not read are skipped unchecked, so the
    line should have been validated whole before (the first pass of a build checks every line as
    orjson would: ``eventset.annotate.taskhead``).
    """
    try:
        task = _from_wire(_TASK.decode(line), index)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        task = None  # not the usual shape, or not JSON: the general path decides
    if task is not None:
        return task
    # msgspec reads integers beyond 64 bits exactly, orjson as floats: a line that may hold one
    # (19 digits in a row) is read again exactly, so both paths give the same task.
    return parse_task(exact_loads(line) if wide_digits(line) else orjson.loads(line), index)


def _from_wire(wire: _Task, index: int) -> Task | None:
    task = new_task(wire.data, index if wire.id is msgspec.UNSET else wire.id)
    task.drafts = len(wire.drafts or ())
    if wire.drafts:
        note_drafts(task, [_exact(bytes(draft)) for draft in wire.drafts])
    items = wire.annotations or ()
    task.annotated = any(not a.was_cancelled for a in items)
    for position, item in enumerate(items):
        annotation = _annotation(item, position)
        if annotation is None:
            return None
        task.annotations.append(annotation)
    return task


def _exact(data: bytes) -> Any:
    """``data`` parsed as the general path parses it (integers beyond 64 bits exactly)."""
    return exact_loads(data) if wide_digits(data) else orjson.loads(data)


def _annotation(item: _Annotation, position: int) -> Annotation | None:
    user = item.completed_by
    if type(user) is int:  # the usual: a user id, which ``annotator_of`` gives as its digits
        annotator = str(user)
    elif unreadable_user(user):
        return None  # the general path names it
    else:
        annotator = annotator_of(user) or unknown_annotator(item.id, position)
    truth, cancelled = item.ground_truth, item.was_cancelled
    # the usual shapes only: anything else is the general path's to read and report
    if not (truth is None or type(truth) is bool):
        return None
    if not (cancelled is None or type(cancelled) is bool):
        return None
    annotation = Annotation(
        id=item.id,
        annotator=annotator,
        ground_truth=bool(truth),
        was_cancelled=bool(cancelled),
        created_at=str(item.created_at or ""),
        updated_at=str(item.updated_at or item.created_at or ""),
        lead_time=lead_seconds(item.lead_time),
    )
    if item.result is None and not annotation.was_cancelled:
        return None  # a submitted annotation without results: the general path names it
    return annotation if _add_results(annotation, item.result or ()) else None


def _add_results(annotation: Annotation, results: Iterable[Any]) -> bool:
    """Add ``results`` to ``annotation`` as ``parse`` does; False where one is not the usual shape.

    A task carries about 80 items, so each takes as few steps as it can: the usual one, a new
    region's labels from one of our two span controls, becomes its list of labels as decoded
    (no list is made and extended), and a choice (strings already) skips ``attach``. Ids and
    control names were decoded as strings (``_Span``), so none is checked or converted here.
    ``results`` are ``_Result`` items, typed ``Any`` because each one's type is looked up once
    and kept (which mypy does not narrow on).
    """
    regions, relations = annotation.regions, annotation.relations
    for result in results:
        kind = type(result)
        if kind is Relation:
            if not result.direction:  # given empty
                result.direction = "right"
            relations.append(result)
            continue
        key, name, value = result.id, result.from_name, result.value
        labeled = kind is _Labels
        region = regions.get(key)
        if region is None:
            if labeled:  # the usual item: a new span with its label
                if name == TRIGGER_CONTROL:
                    labels = value.labels or []
                    regions[key] = Region(key, value.start, value.end, value.text, labels)
                    continue
                if name == ENTITY_CONTROL:
                    labels = value.labels or []
                    regions[key] = Region(key, value.start, value.end, value.text, [], labels)
                    continue
            region = regions[key] = Region(key, value.start, value.end, value.text)
        elif region.start != value.start or region.end != value.end:
            return False
        elif labeled and not (region.trigger or region.entity or region.other):
            region.text = value.text  # from the labels: a choice may carry none
        if not labeled:  # a per-region choice (strings already)
            choices = region.choices
            if name in choices:
                choices[name].extend(value.choices or ())
            else:
                choices[name] = value.choices or []
        elif name == TRIGGER_CONTROL:
            region.trigger.extend(value.labels or ())
        elif name == ENTITY_CONTROL:
            region.entity.extend(value.labels or ())
        else:  # labels of another control: ``attach`` keeps them apart
            attach(region, name, "labels", value)
    return True
