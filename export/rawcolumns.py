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

from itertools import accumulate, chain
from typing import Any

import pyarrow as pa

from eventset.annotate.parsed import Annotation, Task

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


class _Strings:
    """A ``list<string>`` column: offsets and values."""

    def __init__(self) -> None:
        self.offsets = [0]
        self.values: list[str] = []

    def add(self, values: Any) -> None:
        self.values.extend(values)
        self.offsets.append(len(self.values))

    def array(self) -> pa.Array:
        return pa.ListArray.from_arrays(
            pa.array(self.offsets, pa.int32()), pa.array(self.values, pa.string())
        )


class RawColumns:
    """Collects rows of the raw config; ``batch(schema)`` returns them as one record batch."""

    def __init__(self) -> None:
        self.scalars: dict[str, list[Any]] = {name: [] for name in SCALARS}
        self.region_offsets, self.relation_offsets = [0], [0]
        self.region: dict[str, list[Any]] = {k: [] for k in ("id", "start", "end", "text")}
        self.triggers, self.entities = _Strings(), _Strings()
        self.choice_offsets: list[int] = [0]
        self.choice_names: list[str] = []
        self.choice_values = _Strings()
        self.other_offsets: list[int] = [0]
        self.other_controls: list[str] = []
        self.other_labels = _Strings()
        self.relation: dict[str, list[Any]] = {k: [] for k in ("from_id", "to_id", "direction")}
        self.relation_labels = _Strings()

    def __len__(self) -> int:
        return len(self.scalars["doc_id"])

    def add(self, task: Task, annotation: Annotation, selected: bool) -> None:
        """One row: ``annotation`` of ``task`` exactly as parsed."""
        values = (
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
        for name, value in zip(SCALARS, values, strict=True):
            self.scalars[name].append(value)
        regions = list(annotation.regions.values())
        region = self.region
        # One comprehension per column: this runs for every region of every annotation.
        region["id"] += [r.id for r in regions]
        region["start"] += [r.start for r in regions]
        region["end"] += [r.end for r in regions]
        region["text"] += [r.text for r in regions]
        _add_lists(self.triggers, [r.trigger for r in regions])
        _add_lists(self.entities, [r.entity for r in regions])
        names, choice_offsets = self.choice_names, self.choice_offsets
        controls, other_offsets = self.other_controls, self.other_offsets
        for r in regions:
            if r.choices:
                for name, chosen in sorted(r.choices.items()):
                    names.append(name)
                    self.choice_values.add(chosen)
            choice_offsets.append(len(names))
            if r.other:
                for control, labels in sorted(r.other.items()):
                    controls.append(control)
                    self.other_labels.add(labels)
            other_offsets.append(len(controls))
        self.region_offsets.append(len(region["id"]))
        relations = annotation.relations
        relation = self.relation
        relation["from_id"] += [r.from_id for r in relations]
        relation["to_id"] += [r.to_id for r in relations]
        relation["direction"] += [r.direction for r in relations]
        _add_lists(self.relation_labels, [r.labels for r in relations])
        self.relation_offsets.append(len(relation["from_id"]))

    def batch(self, schema: pa.Schema) -> pa.RecordBatch:
        regions = _list(self.region_offsets, _regions(self, schema.field("regions").type))
        relations = _list(self.relation_offsets, _relations(self))
        columns = {name: pa.array(self.scalars[name], schema.field(name).type) for name in SCALARS}
        columns.update(regions=regions, relations=relations)
        arrays = [columns[f.name].cast(f.type) for f in schema]
        return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _add_lists(column: _Strings, lists: list[Any]) -> None:
    """``column.add`` of each of ``lists`` in turn."""
    column.values += chain.from_iterable(lists)
    column.offsets += accumulate(map(len, lists), initial=column.offsets.pop())


def _list(offsets: list[int], values: pa.Array) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values)


def _regions(columns: RawColumns, list_type: pa.DataType) -> pa.Array:
    item: pa.DataType = list_type.value_type
    choices = pa.StructArray.from_arrays(
        [pa.array(columns.choice_names, pa.string()), columns.choice_values.array()],
        names=["name", "values"],
    )
    other = pa.StructArray.from_arrays(
        [pa.array(columns.other_controls, pa.string()), columns.other_labels.array()],
        names=["control", "labels"],
    )
    region = columns.region
    return pa.StructArray.from_arrays(
        [
            pa.array(region["id"], pa.string()),
            pa.array(region["start"], pa.int32()),
            pa.array(region["end"], pa.int32()),
            pa.array(region["text"], pa.string()),
            columns.triggers.array(),
            columns.entities.array(),
            _list(columns.choice_offsets, choices),
            _list(columns.other_offsets, other),
        ],
        fields=list(item),
    )


def _relations(columns: RawColumns) -> pa.Array:
    relation = columns.relation
    return pa.StructArray.from_arrays(
        [
            pa.array(relation["from_id"], pa.string()),
            pa.array(relation["to_id"], pa.string()),
            pa.array(relation["direction"], pa.string()),
            columns.relation_labels.array(),
        ],
        names=["from_id", "to_id", "direction", "labels"],
    )
