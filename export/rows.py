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
from eventset.export.records import DocumentRecord
from eventset.export.sentencebreaks import Ints
from eventset.export.spans import Located, Spans, bounds


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
    spans: Spans,
) -> pa.RecordBatch:
    """The ``documents`` rows of a batch, built column by column (``ready``: the columns from
    the token batch, ``eventset.export.tokens.token_columns``).

    ``spans``: the documents' spans located in their tokens (``eventset.export.spans``).
    Equal to ``pa.RecordBatch.from_pylist`` of ``document_row`` for every document once
    ``add_tokens_batch`` filled in their records (a test compares them); flat arrays per leaf
    instead of Arrow inspecting a tuple per entity, event and argument.
    """
    columns: dict[str, pa.Array] = dict(ready)
    columns["doc_id"] = pa.array([d.doc_id for d in documents], pa.string())
    columns["lang"] = pa.array([d.lang for d in documents], pa.string())
    for name, column in meta_columns(tuple(meta_fields)).items():
        columns[column] = pa.array([meta_value(d.meta.get(name)) for d in documents], pa.string())
    columns["entities"] = _lists(spans.entity_bounds, _entity_structs(spans, schema))
    columns["events"] = _lists(spans.event_bounds, _event_structs(spans, attributes, schema))
    names = [a for d in documents for a in d.annotators]
    columns["annotators"] = _lists(
        bounds([len(d.annotators) for d in documents]), pa.array(names, pa.string())
    )
    arrays = [columns[f.name].cast(f.type) for f in schema]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _lists(offsets: Ints, values: pa.Array) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), values)


def _span_fields(spans: Spans, kind: str) -> list[pa.Array]:
    """text, start, end, token_start, token_end of the ``kind`` spans."""
    located: Located = getattr(spans, kind)
    offsets = (located.start, located.end, located.token_start, located.token_end)
    return [spans.strings(kind, "text"), *(pa.array(o.astype(np.int32)) for o in offsets)]


def _entity_structs(spans: Spans, schema: pa.Schema) -> pa.Array:
    item: pa.StructType = schema.field("entities").type.value_type
    return pa.StructArray.from_arrays(
        [
            *(spans.strings("entities", name) for name in ("id", "cluster_id", "type")),
            *_span_fields(spans, "entities"),
        ],
        fields=list(item),
    )


def _event_structs(spans: Spans, attributes: list[str], schema: pa.Schema) -> pa.Array:
    item: pa.StructType = schema.field("events").type.value_type
    fields = {f.name: f for f in item}
    trigger = pa.StructArray.from_arrays(
        _span_fields(spans, "triggers"), fields=list(fields["trigger"].type)
    )
    argument = pa.StructArray.from_arrays(
        [
            *(spans.strings("arguments", name) for name in ("role", "entity_id", "entity_type")),
            *_span_fields(spans, "arguments"),
        ],
        fields=list(fields["arguments"].type.value_type),
    )
    children = [
        *(spans.strings("events", name) for name in ("id", "cluster_id", "type")),
        trigger,
        _lists(spans.argument_bounds, argument),
        *(spans.attribute(name) for name in attributes),
    ]
    return pa.StructArray.from_arrays(children, fields=list(item))
