"""Rows of the ``documents`` config, built from records (pure functions, no I/O).

``document_columns`` builds a whole batch column by column; ``document_row`` is one row as a
dict (the reference it is tested against). The ``sentences`` config is built column-wise per
batch in ``eventset.export.sentences``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from eventset.annotate.values import compact_json
from eventset.export.features import meta_columns
from eventset.export.records import DocumentRecord, EntityRecord, EventRecord


def meta_value(value: Any) -> str | None:
    """Metadata values are stored as strings; non-strings as compact JSON."""
    if value is None or isinstance(value, str):
        return value
    return compact_json(value)


def document_row(
    doc: DocumentRecord, meta_fields: list[str], attributes: list[str]
) -> dict[str, Any]:
    """One row of the ``documents`` config, without the token columns (``TOKEN_COLUMNS``).

    Those come as whole Arrow columns per batch from ``eventset.export.tokens``.
    """
    row: dict[str, Any] = {"doc_id": doc.doc_id, "text": doc.text, "lang": doc.lang}
    columns = meta_columns(tuple(meta_fields))
    row.update({column: meta_value(doc.meta.get(k)) for k, column in columns.items()})
    row.update(
        {
            "entities": [entity.cells() for entity in doc.entities],
            "events": [event.cells(attributes) for event in doc.events],
            "annotators": doc.annotators,
        }
    )
    return row


def document_columns(
    documents: list[DocumentRecord],
    meta_fields: list[str],
    attributes: list[str],
    schema: pa.Schema,
    ready: dict[str, pa.Array],
) -> pa.RecordBatch:
    """The ``documents`` rows of a batch, built column by column (``ready``: token columns).

    Equal to ``pa.RecordBatch.from_pylist`` of ``document_row`` for every document (a test
    compares them); flat lists per leaf and one conversion each, instead of Arrow inspecting a
    tuple per entity, event and argument.
    """
    columns: dict[str, pa.Array] = dict(ready)
    columns["doc_id"] = pa.array([d.doc_id for d in documents], pa.string())
    columns["text"] = pa.array([d.text for d in documents], pa.string())
    columns["lang"] = pa.array([d.lang for d in documents], pa.string())
    for name, column in meta_columns(tuple(meta_fields)).items():
        columns[column] = pa.array([meta_value(d.meta.get(name)) for d in documents], pa.string())
    entities = [e for d in documents for e in d.entities]
    columns["entities"] = _lists(
        [len(d.entities) for d in documents], _entity_structs(entities, schema)
    )
    events = [e for d in documents for e in d.events]
    columns["events"] = _lists(
        [len(d.events) for d in documents], _event_structs(events, attributes, schema)
    )
    names = [a for d in documents for a in d.annotators]
    columns["annotators"] = _lists(
        [len(d.annotators) for d in documents], pa.array(names, pa.string())
    )
    arrays = [columns[f.name].cast(f.type) for f in schema]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _lists(sizes: list[int], values: pa.Array) -> pa.Array:
    offsets = np.zeros(len(sizes) + 1, dtype=np.int32)
    np.cumsum(sizes, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), values)


def _span_fields(spans: list[Any]) -> list[pa.Array]:
    """text, start, end, token_start, token_end of ``spans`` (records with those fields)."""
    return [
        pa.array([s.text for s in spans], pa.string()),
        pa.array([s.start for s in spans], pa.int32()),
        pa.array([s.end for s in spans], pa.int32()),
        pa.array([s.token_start for s in spans], pa.int32()),
        pa.array([s.token_end for s in spans], pa.int32()),
    ]


def _entity_structs(entities: list[EntityRecord], schema: pa.Schema) -> pa.Array:
    item: pa.StructType = schema.field("entities").type.value_type
    return pa.StructArray.from_arrays(
        [
            pa.array([e.id for e in entities], pa.string()),
            pa.array([e.cluster_id for e in entities], pa.string()),
            pa.array([e.type for e in entities], pa.string()),
            *_span_fields(entities),
        ],
        fields=list(item),
    )


def _event_structs(events: list[EventRecord], attributes: list[str], schema: pa.Schema) -> pa.Array:
    item: pa.StructType = schema.field("events").type.value_type
    fields = {f.name: f for f in item}
    trigger = pa.StructArray.from_arrays(
        _span_fields([e.trigger for e in events]), fields=list(fields["trigger"].type)
    )
    arguments = [a for e in events for a in e.arguments]
    argument = pa.StructArray.from_arrays(
        [
            pa.array([a.role for a in arguments], pa.string()),
            pa.array([a.entity_id for a in arguments], pa.string()),
            pa.array([a.entity_type for a in arguments], pa.string()),
            *_span_fields(arguments),
        ],
        fields=list(fields["arguments"].type.value_type),
    )
    children = [
        pa.array([e.id for e in events], pa.string()),
        pa.array([e.cluster_id for e in events], pa.string()),
        pa.array([e.type for e in events], pa.string()),
        trigger,
        _lists([len(e.arguments) for e in events], argument),
        *(pa.array([e.attributes.get(n) for e in events], pa.string()) for n in attributes),
    ]
    return pa.StructArray.from_arrays(children, fields=list(item))
