"""Rows of the ``documents`` config, built from records (pure functions, no I/O).

The ``sentences`` config is built column-wise per batch in ``eventset.export.sentences``.
"""

from __future__ import annotations

import json
from typing import Any

from eventset.export.features import meta_columns
from eventset.export.records import DocumentRecord


def meta_value(value: Any) -> str | None:
    """Metadata values are stored as strings; non-strings as compact JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


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
