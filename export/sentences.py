"""The ``sentences`` config of one batch, built column by column (OneIE/TextEE shape).

Scalar columns (ids, text, offsets, tokens) come straight from the token batch with numpy and
Arrow. Mentions of the whole batch are placed at once, from the arrays of ``locate``: a mention
belongs to the sentence that holds all its tokens, token offsets become sentence-relative (end
exclusive), and an argument outside its trigger's sentence cannot be expressed there. Such
arguments, triggers and entities that span a sentence boundary are returned as "crossing"
items so the build can count them and list them in the dataset card.

Example:
    >>> spans = locate(docs, batch)  # doctest: +SKIP
    >>> rows, counts, _ = sentence_table(docs, batch, strings, [], schema, spans)  # doctest: +SKIP
    >>> rows.num_rows == sum(counts)  # doctest: +SKIP
    True
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from eventset.export.records import DocumentRecord
from eventset.export.segment import TokenBatch
from eventset.export.sentencebreaks import Ints
from eventset.export.spans import Located, Spans, bounds
from eventset.export.tokens import sentence_tokens, substrings

Crossing = tuple[str, str, str, str]  # (doc id, event or entity id, role, entity id)


def sentence_table(
    documents: list[DocumentRecord],
    batch: TokenBatch,
    strings: pa.Array,
    attributes: list[str],
    schema: pa.Schema,
    spans: Spans,
) -> tuple[pa.RecordBatch, list[int], list[list[Crossing]]]:
    """Rows of every sentence of ``documents`` (tokenized as ``batch``, token text ``strings``).

    Returns the rows, the number of sentences of each document and each document's crossing
    items. ``spans``: the documents' spans located in ``batch`` (``eventset.export.spans``).
    """
    total = len(batch.sentence_first)
    columns = _scalar_columns(documents, batch, total)
    columns["tokens"] = sentence_tokens(batch, strings)
    crossing: list[list[Crossing]] = [[] for _ in documents]
    entities = _place(spans.entities, batch)
    events = _place(spans.triggers, batch)
    columns["entity_mentions"] = _entity_column(spans, entities, batch, schema)
    columns["event_mentions"] = _event_column(
        spans, events, batch, attributes, schema, documents, crossing
    )
    # A trigger that spans a sentence boundary has no sentence; it is listed like an argument.
    for number, i in _unplaced(events, spans.triggers):
        event = spans.events[i].id
        crossing[number].append((documents[number].doc_id, event, "trigger", event))
    for number, i in _unplaced(entities, spans.entities):
        entity = spans.entities.records[i].id
        crossing[number].append((documents[number].doc_id, entity, "entity", entity))
    columns["relation_mentions"] = _empty_lists(total, schema.field("relation_mentions").type)
    arrays = [columns[f.name].cast(f.type) for f in schema]
    counts = np.diff(batch.doc_sentences).tolist()
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


def _place(spans: Located, batch: TokenBatch) -> tuple[Ints, Ints]:
    """(sentence, span) pairs of spans whose tokens one sentence holds, by sentence then span.

    Sentences are numbered through the batch. An empty range on a boundary (a span between
    tokens) is inside both sentences. Sentences and spans are searched by (document, first
    token), so a span only ever finds a sentence of its own document.
    """
    doc_of, (_, _, first, last) = batch.doc_of_sentence, batch.sentence_offsets
    if not len(doc_of) or not len(spans.doc):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    width = len(batch.starts) + 1  # more than any token offset in a document
    start, end = spans.token_start, spans.token_end
    number = np.searchsorted(doc_of * width + first, spans.doc * width + start, "right") - 1
    at = np.maximum(number, 0)
    own = (number >= 0) & (doc_of[at] == spans.doc)
    inside = own & (end <= last[at])
    before = np.maximum(at - 1, 0)
    also = own & (end == start) & (at > batch.doc_sentences[spans.doc]) & (last[before] == start)
    sentence = np.concatenate((at[inside], before[also]))
    span = np.concatenate((np.flatnonzero(inside), np.flatnonzero(also)))
    order = np.lexsort((span, sentence))
    return sentence[order], span[order]


def _unplaced(placed: tuple[Ints, Ints], spans: Located) -> list[tuple[int, int]]:
    """(document number, span number) of the spans no sentence holds, in document order."""
    left = np.ones(len(spans.doc), dtype=bool)
    left[placed[1]] = False
    return [(int(spans.doc[i]), i) for i in np.flatnonzero(left).tolist()]


def _offsets(sentence_of: Ints, total: int) -> pa.Array:
    return pa.array(bounds(np.bincount(sentence_of, minlength=total)).astype(np.int32))


def _relative(offsets: Ints, sentence: Ints, batch: TokenBatch) -> pa.Array:
    """Token ``offsets`` of a document as offsets into ``sentence`` (one each)."""
    return pa.array((offsets - batch.sentence_offsets[2][sentence]).astype(np.int32))


def _entity_column(
    spans: Spans, placed: tuple[Ints, Ints], batch: TokenBatch, schema: pa.Schema
) -> pa.Array:
    item: pa.StructType = schema.field("entity_mentions").type.value_type
    sentence, entity = placed
    picked = pa.array(entity)
    entities = spans.entities
    values = pa.StructArray.from_arrays(
        [
            *(spans.strings("entities", name).take(picked) for name in ("id", "text", "type")),
            pa.repeat(pa.scalar("UNK", pa.string()), len(entity)),
            _relative(entities.token_start[entity], sentence, batch),
            _relative(entities.token_end[entity], sentence, batch),
        ],
        fields=list(item),
    )
    return pa.ListArray.from_arrays(_offsets(sentence, len(batch.sentence_first)), values)


def _event_column(
    spans: Spans,
    placed: tuple[Ints, Ints],
    batch: TokenBatch,
    attributes: list[str],
    schema: pa.Schema,
    documents: list[DocumentRecord],
    crossing: list[list[Crossing]],
) -> pa.Array:
    """Event mentions by sentence; arguments outside their trigger's sentence go to
    ``crossing`` (per document, in the order of the mentions)."""
    item: pa.StructType = schema.field("event_mentions").type.value_type
    fields = {f.name: f for f in item}
    sentence, event = placed
    picked = pa.array(event)
    triggers = spans.triggers
    trigger = pa.StructArray.from_arrays(
        [
            spans.strings("triggers", "text").take(picked),
            _relative(triggers.token_start[event], sentence, batch),
            _relative(triggers.token_end[event], sentence, batch),
        ],
        fields=list(fields["trigger"].type),
    )
    mention, argument, kept = _arguments(spans, sentence, event, batch)
    for i in np.flatnonzero(~kept).tolist():
        number, lost = int(spans.arguments.doc[argument[i]]), spans.arguments.records[argument[i]]
        record = spans.events[event[mention[i]]]
        crossing[number].append((documents[number].doc_id, record.id, lost.role, lost.entity_id))
    held = pa.array(argument[kept])
    arguments = pa.StructArray.from_arrays(
        [spans.strings("arguments", name).take(held) for name in ("entity_id", "text", "role")],
        fields=list(fields["arguments"].type.value_type),
    )
    by_mention = bounds(np.bincount(mention[kept], minlength=len(event)))
    children = [
        spans.strings("events", "id").take(picked),
        spans.strings("events", "type").take(picked),
        trigger,
        pa.ListArray.from_arrays(pa.array(by_mention.astype(np.int32)), arguments),
        *(spans.attribute(name).take(picked) for name in attributes),
    ]
    values = pa.StructArray.from_arrays(children, fields=list(item))
    return pa.ListArray.from_arrays(_offsets(sentence, len(batch.sentence_first)), values)


def _arguments(
    spans: Spans, sentence: Ints, event: Ints, batch: TokenBatch
) -> tuple[Ints, Ints, npt.NDArray[np.bool_]]:
    """The arguments of each event mention: its number, the argument, and whether the
    mention's sentence holds all the argument's tokens; in mention order."""
    first_argument = spans.argument_bounds[event]
    sizes = spans.argument_bounds[event + 1] - first_argument
    mention = np.repeat(np.arange(len(event)), sizes)
    argument = np.arange(len(mention)) + np.repeat(first_argument - bounds(sizes)[:-1], sizes)
    _, _, first, last = batch.sentence_offsets
    where = sentence[mention]
    arguments = spans.arguments
    kept = (arguments.token_start[argument] >= first[where]) & (
        arguments.token_end[argument] <= last[where]
    )
    return mention, argument, kept


def _empty_lists(total: int, list_type: pa.ListType) -> pa.Array:
    empty = pa.array([], list_type.value_type)
    return pa.ListArray.from_arrays(pa.array(np.zeros(total + 1, dtype=np.int32)), empty)
