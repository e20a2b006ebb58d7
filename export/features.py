"""Explicit features (in `datasets` terms) of the three configs, derived from the ontology.

Declaring features (rather than letting them be inferred from the first rows) keeps the schema the
same for every dataset built with one ontology, including one without any event of some type.

Example:
    >>> from eventset.schema import load_ontology
    >>> features = document_features(load_ontology("conflict-news"), ["source"])
    >>> features["events"].feature["modality"]
    Value(dtype='string')
"""

from __future__ import annotations

from functools import cache
from typing import Any

from eventset.export.featurespec import Feature, Features, List, Value
from eventset.schema import Ontology

RESERVED_COLUMNS = (
    "doc_id",
    "text",
    "lang",
    "tokens",
    "token_spans",
    "sentences",
    "entities",
    "events",
    "annotators",
)


def _span(**extra: Any) -> dict[str, Any]:
    return {
        **extra,
        "text": Value("string"),
        "start": Value("int32"),
        "end": Value("int32"),
        "token_start": Value("int32"),
        "token_end": Value("int32"),
    }


@cache
def meta_columns(meta_fields: tuple[str, ...]) -> dict[str, str]:
    """Column name of each metadata field: its own, or ``meta_`` + it when that would clash with
    a column (prefixed again while the name is another field's, ``tokens`` beside
    ``meta_tokens`` becomes ``meta_meta_tokens``), so no field overwrites another.

    Example:
        >>> meta_columns(("source", "tokens", "meta_tokens"))
        {'source': 'source', 'tokens': 'meta_meta_tokens', 'meta_tokens': 'meta_tokens'}
    """
    taken = set(RESERVED_COLUMNS) | set(meta_fields)
    out: dict[str, str] = {}
    for name in meta_fields:
        column = name
        if name in RESERVED_COLUMNS:
            column = f"meta_{name}"
            while column in taken:
                column = f"meta_{column}"
            taken.add(column)
        out[name] = column
    return out


def attribute_names(ontology: Ontology) -> list[str]:
    return list(ontology.attributes)


def document_features(ontology: Ontology, meta_fields: list[str]) -> Features:
    """Features of the ``documents`` config; metadata fields are strings."""
    columns: dict[str, Any] = {
        "doc_id": Value("string"),
        "text": Value("string"),
        "lang": Value("string"),
    }
    columns.update(
        {column: Value("string") for column in meta_columns(tuple(meta_fields)).values()}
    )
    event: dict[str, Feature] = {
        "id": Value("string"),
        "cluster_id": Value("string"),
        "type": Value("string"),
        "trigger": _span(),
        "arguments": List(
            _span(role=Value("string"), entity_id=Value("string"), entity_type=Value("string"))
        ),
    }
    event.update({name: Value("string") for name in attribute_names(ontology)})
    columns.update(
        {
            "tokens": List(Value("string")),
            "token_spans": List({"start": Value("int32"), "end": Value("int32")}),
            "sentences": List(
                {
                    "start": Value("int32"),
                    "end": Value("int32"),
                    "token_start": Value("int32"),
                    "token_end": Value("int32"),
                }
            ),
            "entities": List(
                _span(id=Value("string"), cluster_id=Value("string"), type=Value("string"))
            ),
            "events": List(event),
            "annotators": List(Value("string")),
        }
    )
    return Features(columns)


def sentence_features(ontology: Ontology) -> Features:
    """Features of the ``sentences`` config (OneIE/TextEE shape, sentence-relative tokens)."""
    event: dict[str, Feature] = {
        "id": Value("string"),
        "event_type": Value("string"),
        "trigger": {"text": Value("string"), "start": Value("int32"), "end": Value("int32")},
        "arguments": List(
            {"entity_id": Value("string"), "text": Value("string"), "role": Value("string")}
        ),
    }
    event.update({name: Value("string") for name in attribute_names(ontology)})
    return Features(
        {
            "doc_id": Value("string"),
            "sent_id": Value("string"),
            "lang": Value("string"),
            "tokens": List(Value("string")),
            "sentence": Value("string"),
            "char_start": Value("int32"),
            "char_end": Value("int32"),
            "entity_mentions": List(
                {
                    "id": Value("string"),
                    "text": Value("string"),
                    "entity_type": Value("string"),
                    "mention_type": Value("string"),
                    "start": Value("int32"),
                    "end": Value("int32"),
                }
            ),
            "relation_mentions": List({"id": Value("string"), "relation_type": Value("string")}),
            "event_mentions": List(event),
        }
    )


def raw_features() -> Features:
    """Features of the ``raw`` config: every annotation as parsed, before the ontology."""
    region: dict[str, Feature] = {
        "id": Value("string"),
        "start": Value("int32"),
        "end": Value("int32"),
        "text": Value("string"),
        "trigger_labels": List(Value("string")),
        "entity_labels": List(Value("string")),
        "choices": List({"name": Value("string"), "values": List(Value("string"))}),
        # labels of controls the eventset config does not have (``unknown_control``)
        "other_labels": List({"control": Value("string"), "labels": List(Value("string"))}),
    }
    relation: dict[str, Feature] = {
        "from_id": Value("string"),
        "to_id": Value("string"),
        "direction": Value("string"),
        "labels": List(Value("string")),
    }
    return Features(
        {
            "doc_id": Value("string"),
            "task_id": Value("string"),
            "annotation_id": Value("string"),
            "annotator": Value("string"),
            "ground_truth": Value("bool"),
            "was_cancelled": Value("bool"),
            "selected": Value("bool"),
            "created_at": Value("string"),
            "updated_at": Value("string"),
            "lead_time": Value("float64"),
            "regions": List(region),
            "relations": List(relation),
        }
    )
