"""Rows of the three configs, built from records (pure functions, no I/O).

The sentence view follows OneIE/TextEE: tokens of one sentence, entity and event mentions with
sentence-relative token offsets (end exclusive). An argument whose entity lies outside the
trigger's sentence cannot be expressed there; it is returned separately so the build can count it
and list it in the dataset card.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from functools import partial
from typing import Any

from eventset.export.features import meta_column
from eventset.export.records import DocumentRecord, EventRecord


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
    row.update({meta_column(k): meta_value(doc.meta.get(k)) for k in meta_fields})
    row.update(
        {
            "entities": [entity.cells() for entity in doc.entities],
            "events": [event.cells(attributes) for event in doc.events],
            "annotators": doc.annotators,
        }
    )
    return row


SENTENCE_COLUMNS = (
    "doc_id",
    "sent_id",
    "lang",
    "sentence",
    "char_start",
    "char_end",
    "entity_mentions",
    "relation_mentions",
    "event_mentions",
)


def sentence_columns() -> dict[str, list[Any]]:
    """Empty columns of the ``sentences`` config for ``sentence_rows`` to fill (no ``tokens``)."""
    return {name: [] for name in SENTENCE_COLUMNS}


def sentence_rows(
    doc: DocumentRecord, attributes: list[str], columns: dict[str, list[Any]]
) -> tuple[int, list[tuple[str, str, str, str]]]:
    """Add ``doc``'s rows of the ``sentences`` config to ``columns`` (one list per column).

    Returns the number of rows added and the (doc, event, role, entity) cross-sentence
    arguments. ``tokens`` comes as a whole Arrow column per batch.
    """
    crossing: list[tuple[str, str, str, str]] = []
    placed: set[str] = set()
    placed_entities: set[str] = set()
    firsts = [first for _, _, first, _ in doc.sentences]
    entities = _by_sentence(firsts, doc.sentences, doc.entities, lambda e: e)
    triggers = _by_sentence(firsts, doc.sentences, doc.events, lambda e: e.trigger)
    for number, (char_start, char_end, first, last) in enumerate(doc.sentences):
        inside = partial(_inside, first, last)
        mentions = _entity_mentions(entities.get(number, ()), first)
        placed_entities.update(m[0] for m in mentions)  # ids may equal event ids
        events = []
        for event in triggers.get(number, ()):
            row, lost = _sentence_event(event, first, inside, attributes)
            events.append(row)
            crossing += [(doc.doc_id, event.id, role, entity) for role, entity in lost]
        placed.update(e[0] for e in events)
        columns["sent_id"].append(f"{doc.doc_id}-{number}")
        columns["sentence"].append(doc.text[char_start:char_end])
        columns["char_start"].append(char_start)
        columns["char_end"].append(char_end)
        columns["entity_mentions"].append(mentions)
        columns["event_mentions"].append(events)
    # A trigger that spans a sentence boundary has no sentence; it is listed like an argument.
    crossing += [(doc.doc_id, e.id, "trigger", e.id) for e in doc.events if e.id not in placed]
    crossing += [
        (doc.doc_id, e.id, "entity", e.id) for e in doc.entities if e.id not in placed_entities
    ]
    count = len(doc.sentences)
    columns["doc_id"].extend([doc.doc_id] * count)
    columns["lang"].extend([doc.lang] * count)
    columns["relation_mentions"].extend([] for _ in range(count))
    return count, crossing


def _by_sentence(
    firsts: list[int], sentences: list[tuple[int, int, int, int]], items: Any, span: Any
) -> dict[int, list[Any]]:
    """Items (in order) by the number of the sentence that holds their tokens entirely."""
    out: dict[int, list[Any]] = {}
    for item in items:
        where = span(item)
        if where.token_start is None:
            continue
        start, end = where.token_start, where.token_end or 0
        number = bisect_right(firsts, start) - 1
        if number >= 0 and end <= sentences[number][3]:
            out.setdefault(number, []).append(item)
        # An empty range on a boundary (a span between tokens) is inside both sentences.
        if end == start and number > 0 and sentences[number - 1][3] == start:
            out.setdefault(number - 1, []).append(item)
    return out


def _entity_mentions(entities: Any, first: int) -> list[tuple[Any, ...]]:
    # Tuples in feature order (id, text, entity_type, mention_type, start, end).
    return [
        (e.id, e.text, e.type, "UNK", (e.token_start or 0) - first, (e.token_end or 0) - first)
        for e in entities
    ]


def _inside(first: int, last: int, token_start: int | None, token_end: int | None) -> bool:
    return token_start is not None and first <= token_start and (token_end or 0) <= last


def _sentence_event(
    event: EventRecord, first: int, inside: Any, attributes: list[str]
) -> tuple[tuple[Any, ...], list[tuple[str, str]]]:
    """The event mention as a tuple in feature order, and the arguments it cannot hold."""
    trigger = event.trigger
    kept, lost = [], []
    for argument in event.arguments:
        if inside(argument.token_start, argument.token_end):
            kept.append((argument.entity_id, argument.text, argument.role))
        else:
            lost.append((argument.role, argument.entity_id))
    span = (trigger.text, (trigger.token_start or 0) - first, (trigger.token_end or 0) - first)
    row = (event.id, event.type, span, kept, *(event.attributes.get(n) for n in attributes))
    return row, lost
