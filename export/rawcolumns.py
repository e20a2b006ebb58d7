"""Rows of the ``raw`` config gathered column by column, then turned into Arrow at once.

Every annotation carries dozens of regions with nested label lists; handing them to Arrow as
nested Python rows made Arrow inspect each tuple. Flat lists per leaf column plus offsets are a
few list appends per value and one conversion per column (a test checks the result against
Arrow's own conversion of the same rows).

Example:
    >>> columns = RawColumns()  # doctest: +SKIP
    >>> columns.add(task, annotation, selected=True)  # doctest: +SKIP
    >>> columns.batch(schema).num_rows  # doctest: +SKIP
    1
"""

from __future__ import annotations

from array import array
from functools import reduce
from itertools import chain
from operator import iadd
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from eventset.annotate.parsed import Annotation, Region, Relation, Task

SCALARS = (
    "doc_id",
    "task_id",
    "annotation_id",
    "annotator",
    "ground_truth",
    "was_cancelled",
    "selected",
    "created_at",
    "updated_at",
    "lead_time",
)
_INT32_END = 2**31  # string columns keep 32-bit offsets


class RawColumns:
    """Collects rows of the raw config; ``batch(schema)`` returns them as one record batch.

    ``add`` only keeps the row's scalars and its annotation: the region and relation columns
    are gathered in ``batch``, one pass per column over every region of the batch, instead of
    a few short passes per annotation.
    """

    def __init__(self) -> None:
        self.rows: list[tuple[Any, ...]] = []  # the values of SCALARS, per row
        self.annotations: list[Annotation] = []

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, task: Task, annotation: Annotation, selected: bool) -> None:
        """One row: ``annotation`` of ``task`` exactly as parsed."""
        self.rows.append(
            (
                task.doc_id,
                str(task.id),
                str(annotation.id),
                annotation.annotator,
                annotation.ground_truth,
                annotation.was_cancelled,
                selected,
                annotation.created_at,
                annotation.updated_at,
                annotation.lead_time,
            )
        )
        self.annotations.append(annotation)

    def batch(self, schema: pa.Schema) -> pa.RecordBatch:
        by_row = [list(a.regions.values()) for a in self.annotations]
        regions = _list(_offsets(by_row), _regions(by_row, schema.field("regions").type))
        relations = [a.relations for a in self.annotations]
        scalars = zip(*self.rows, strict=True) if self.rows else ([] for _ in SCALARS)
        columns = {
            name: pa.array(list(values), schema.field(name).type)
            for name, values in zip(SCALARS, scalars, strict=True)
        }
        columns.update(regions=regions, relations=_list(_offsets(relations), _relations(relations)))
        arrays = [columns[f.name].cast(f.type) for f in schema]
        return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _offsets(lists: list[Any]) -> npt.NDArray[np.int64]:
    """Where each of ``lists`` starts in their concatenation, and where the last one ends.

    The lengths go to numpy as one byte each when they fit (lists of labels almost always do):
    converting one Python integer per list to Arrow cost more than the rest of a column.
    """
    try:
        lengths = np.frombuffer(bytes(map(len, lists)), np.uint8)
    except ValueError:  # a length beyond 255
        lengths = np.frombuffer(array("q", map(len, lists)), np.int64)
    offsets = np.zeros(len(lists) + 1, np.int64)
    np.cumsum(lengths, dtype=np.int64, out=offsets[1:])
    return offsets


def _strings(lists: list[Any]) -> pa.Array:
    """A ``list<string>`` column holding each of ``lists`` (lists or tuples)."""
    return _list(_offsets(lists), _texts(reduce(iadd, lists, [])))


def _texts(strings: list[Any]) -> pa.Array:
    """``strings`` as a ``string`` column, cut from one UTF-8 concatenation.

    ``pa.array`` converts one Python string at a time (300-400 instructions each, and a batch's
    raw config has hundreds of thousands), and so does taking each one's length. Joined with a
    NUL between them instead, the strings are encoded at once and their bounds are the NUL
    bytes of the encoding (NUL is no part of any other character's UTF-8), found by numpy.
    Strings that hold a NUL themselves, a value that is not a string (``pa.array`` makes None a
    null), a lone surrogate (it has no UTF-8) or 2 GiB of text go to ``pa.array`` as before.
    """
    try:
        data = "\0".join(strings).encode()
    except (TypeError, UnicodeEncodeError):
        return pa.array(strings, pa.string())
    count = len(strings)
    ends = np.flatnonzero(np.frombuffer(data, np.uint8) == 0)  # the i-th NUL ends string i
    if not count or len(ends) != count - 1 or len(data) >= _INT32_END:
        return pa.array(strings, pa.string())
    offsets = np.empty(count + 1, np.int32)
    offsets[0] = 0
    offsets[1:count] = ends
    offsets[1:count] -= np.arange(count - 1, dtype=np.int32)  # the NULs before it
    offsets[count] = len(data) - (count - 1)
    values = data.replace(b"\0", b"")
    return pa.StringArray.from_buffers(count, pa.py_buffer(offsets), pa.py_buffer(values))


def _named(given: list[dict[str, list[str]]], names: tuple[str, str]) -> pa.Array:
    """Mappings (name -> strings), one per region, as lists of structs, by name.

    Most regions have none: only the others are visited (and when none has one, not even
    their lengths are taken).
    """
    keys: list[str] = []
    values: list[list[str]] = []
    for mapping in filter(None, given):
        for name, listed in sorted(mapping.items()):
            keys.append(name)
            values.append(listed)
    items = pa.StructArray.from_arrays([_texts(keys), _strings(values)], names=list(names))
    offsets = _offsets(given) if keys else np.zeros(len(given) + 1, np.int64)
    return _list(offsets, items)


def _list(offsets: npt.NDArray[np.int64], values: pa.Array) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values)


def _regions(by_row: list[list[Region]], list_type: pa.DataType) -> pa.Array:
    item: pa.DataType = list_type.value_type
    regions = list(chain.from_iterable(by_row))
    return pa.StructArray.from_arrays(
        [
            _texts([r.id for r in regions]),
            pa.array([r.start for r in regions], pa.int32()),
            pa.array([r.end for r in regions], pa.int32()),
            _texts([r.text for r in regions]),
            _strings([r.trigger for r in regions]),
            _strings([r.entity for r in regions]),
            _named([r.choices for r in regions], ("name", "values")),
            _named([r.other for r in regions], ("control", "labels")),
        ],
        fields=list(item),
    )


def _relations(by_row: list[list[Relation]]) -> pa.Array:
    relations = list(chain.from_iterable(by_row))
    return pa.StructArray.from_arrays(
        [
            _texts([r.from_id for r in relations]),
            _texts([r.to_id for r in relations]),
            _texts([r.direction for r in relations]),
            _strings([r.labels for r in relations]),
        ],
        names=["from_id", "to_id", "direction", "labels"],
    )
