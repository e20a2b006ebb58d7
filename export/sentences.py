"""The ``sentences`` config of one batch, built column by column (OneIE/TextEE shape).

Scalar columns (ids, text, offsets, tokens) come straight from the token batch with numpy and
Arrow. Mentions are placed in one pass over each document's entities and events: a mention
belongs to the sentence that holds all its tokens, token offsets become sentence-relative (end
exclusive), and an argument outside its trigger's sentence cannot be expressed there. Such
arguments, triggers and entities that span a sentence boundary are returned as "crossing"
items so the build can count them and list them in the dataset card.

Example:
    >>> rows, counts, crossing = sentence_table(docs, batch, strings, [], schema)  # doctest: +SKIP
    >>> rows.num_rows == sum(counts)  # doctest: +SKIP
    True
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventset.export.records import DocumentRecord, EventRecord
from eventset.export.segment import TokenBatch
from eventset.export.tokens import sentence_tokens, substrings

Crossing = tuple[str, str, str, str]  # (doc id, event or entity id, role, entity id)


@dataclass
class _Mentions:
    """Entity and event mentions of a batch as flat lists, in sentence order."""

    entity_sentence: list[int] = field(default_factory=list)
    entity: dict[str, list[Any]] = field(
        default_factory=lambda: {k: [] for k in ("id", "text", "type", "start", "end")}
    )
    event_sentence: list[int] = field(default_factory=list)
    event: dict[str, list[Any]] = field(
        default_factory=lambda: {k: [] for k in ("id", "type", "text", "start", "end")}
    )
    argument_offsets: list[int] = field(default_factory=lambda: [0])
    argument: dict[str, list[Any]] = field(
        default_factory=lambda: {k: [] for k in ("entity_id", "text", "role")}
    )
    attributes: dict[str, list[Any]] = field(default_factory=dict)


def sentence_table(
    documents: list[DocumentRecord],
    batch: TokenBatch,
    strings: pa.Array,
    attributes: list[str],
    schema: pa.Schema,
) -> tuple[pa.RecordBatch, list[int], list[list[Crossing]]]:
    """Rows of every sentence of ``documents`` (tokenized as ``batch``, token text ``strings``).

    Returns the rows, the number of sentences of each document and each document's crossing
    items. Token offsets of the documents' spans must be filled in (``add_tokens``).
    """
    mentions = _Mentions(attributes={name: [] for name in attributes})
    counts, crossing = [], []
    base = 0
    for document in documents:
        crossing.append(_place(document, base, attributes, mentions))
        counts.append(len(document.sentences))
        base += len(document.sentences)
    total = base
    columns = _scalar_columns(documents, batch, total)
    columns["tokens"] = sentence_tokens(batch, strings)
    columns["entity_mentions"] = _entity_column(mentions, total, schema)
    columns["event_mentions"] = _event_column(mentions, attributes, total, schema)
    columns["relation_mentions"] = _empty_lists(total, schema.field("relation_mentions").type)
    arrays = [columns[f.name].cast(f.type) for f in schema]
    return pa.RecordBatch.from_arrays(arrays, schema=schema), counts, crossing


def _scalar_columns(
    documents: list[DocumentRecord], batch: TokenBatch, total: int
) -> dict[str, pa.Array]:
    doc_of = batch.doc_of_sentence
    assert len(doc_of) == total, "documents and token batch disagree on sentences"
    starts, ends, _, _ = batch.sentence_bounds
    char_start, char_end, _, _ = batch.sentence_offsets
    doc_ids = pa.array([d.doc_id for d in documents], pa.string()).take(doc_of)
    number = pc.cast(pa.array(np.arange(total) - batch.doc_sentences[doc_of]), pa.string())
    return {
        "doc_id": doc_ids,
        "sent_id": pc.call_function("binary_join_element_wise", [doc_ids, number, pa.scalar("-")]),
        "lang": pa.array([d.lang for d in documents], pa.string()).take(doc_of),
        "sentence": substrings(batch, starts, ends),
        "char_start": pa.array(char_start.astype(np.int32)),
        "char_end": pa.array(char_end.astype(np.int32)),
    }


def _place(doc: DocumentRecord, base: int, attributes: list[str], out: _Mentions) -> list[Crossing]:
    """Add ``doc``'s mentions to ``out`` (its sentences are ``base``, ``base + 1`` ...)."""
    sentences = doc.sentences
    firsts = [first for _, _, first, _ in sentences]
    crossing: list[Crossing] = []
    placed: set[str] = set()
    for number, entity in _by_sentence(firsts, sentences, doc.entities, lambda e: e):
        first = sentences[number][2]
        out.entity_sentence.append(base + number)
        e = out.entity
        e["id"].append(entity.id)
        e["text"].append(entity.text)
        e["type"].append(entity.type)
        e["start"].append((entity.token_start or 0) - first)
        e["end"].append((entity.token_end or 0) - first)
        placed.add(entity.id)
    placed_entities, placed = placed, set()
    for number, event in _by_sentence(firsts, sentences, doc.events, lambda e: e.trigger):
        out.event_sentence.append(base + number)
        lost = _add_event(event, sentences[number], attributes, out)
        crossing += [(doc.doc_id, event.id, role, entity) for role, entity in lost]
        placed.add(event.id)
    # A trigger that spans a sentence boundary has no sentence; it is listed like an argument.
    crossing += [(doc.doc_id, e.id, "trigger", e.id) for e in doc.events if e.id not in placed]
    crossing += [
        (doc.doc_id, e.id, "entity", e.id) for e in doc.entities if e.id not in placed_entities
    ]
    return crossing


def _by_sentence(
    firsts: list[int], sentences: list[tuple[int, int, int, int]], items: Any, span: Any
) -> list[tuple[int, Any]]:
    """(sentence number, item) for items whose tokens one sentence holds, by sentence (stable).

    An empty range on a boundary (a span between tokens) is inside both sentences.
    """
    out: list[tuple[int, Any]] = []
    for item in items:
        where = span(item)
        if where.token_start is None:
            continue
        start, end = where.token_start, where.token_end or 0
        number = bisect_right(firsts, start) - 1
        if number >= 0 and end <= sentences[number][3]:
            out.append((number, item))
        if end == start and number > 0 and sentences[number - 1][3] == start:
            out.append((number - 1, item))
    out.sort(key=lambda pair: pair[0])
    return out


def _add_event(
    event: EventRecord,
    sentence: tuple[int, int, int, int],
    attributes: list[str],
    out: _Mentions,
) -> list[tuple[str, str]]:
    """Add one event mention; returns the (role, entity id) of arguments it cannot hold."""
    first, last = sentence[2], sentence[3]
    trigger = event.trigger
    e = out.event
    e["id"].append(event.id)
    e["type"].append(event.type)
    e["text"].append(trigger.text)
    e["start"].append((trigger.token_start or 0) - first)
    e["end"].append((trigger.token_end or 0) - first)
    for name in attributes:
        out.attributes[name].append(event.attributes.get(name))
    lost = []
    a = out.argument
    for argument in event.arguments:
        start = argument.token_start
        if start is not None and first <= start and (argument.token_end or 0) <= last:
            a["entity_id"].append(argument.entity_id)
            a["text"].append(argument.text)
            a["role"].append(argument.role)
        else:
            lost.append((argument.role, argument.entity_id))
    out.argument_offsets.append(len(a["role"]))
    return lost


def _offsets(sentence_of: list[int], total: int) -> pa.Array:
    counts = np.bincount(np.asarray(sentence_of, dtype=np.int64), minlength=total)
    return pa.array(np.concatenate(([0], np.cumsum(counts))).astype(np.int32))


def _entity_column(mentions: _Mentions, total: int, schema: pa.Schema) -> pa.Array:
    item: pa.StructType = schema.field("entity_mentions").type.value_type
    e = mentions.entity
    values = pa.StructArray.from_arrays(
        [
            pa.array(e["id"], pa.string()),
            pa.array(e["text"], pa.string()),
            pa.array(e["type"], pa.string()),
            pa.array(["UNK"] * len(e["id"]), pa.string()),
            pa.array(e["start"], pa.int32()),
            pa.array(e["end"], pa.int32()),
        ],
        fields=list(item),
    )
    return pa.ListArray.from_arrays(_offsets(mentions.entity_sentence, total), values)


def _event_column(
    mentions: _Mentions, attributes: list[str], total: int, schema: pa.Schema
) -> pa.Array:
    item: pa.StructType = schema.field("event_mentions").type.value_type
    fields = {f.name: f for f in item}
    e, a = mentions.event, mentions.argument
    trigger = pa.StructArray.from_arrays(
        [
            pa.array(e["text"], pa.string()),
            pa.array(e["start"], pa.int32()),
            pa.array(e["end"], pa.int32()),
        ],
        fields=list(fields["trigger"].type),
    )
    arguments = pa.StructArray.from_arrays(
        [pa.array(a[name], pa.string()) for name in ("entity_id", "text", "role")],
        fields=list(fields["arguments"].type.value_type),
    )
    children = [
        pa.array(e["id"], pa.string()),
        pa.array(e["type"], pa.string()),
        trigger,
        pa.ListArray.from_arrays(pa.array(mentions.argument_offsets, pa.int32()), arguments),
        *(pa.array(mentions.attributes[name], pa.string()) for name in attributes),
    ]
    values = pa.StructArray.from_arrays(children, fields=list(item))
    return pa.ListArray.from_arrays(_offsets(mentions.event_sentence, total), values)


def _empty_lists(total: int, list_type: pa.ListType) -> pa.Array:
    empty = pa.array([], list_type.value_type)
    return pa.ListArray.from_arrays(pa.array(np.zeros(total + 1, dtype=np.int32)), empty)
