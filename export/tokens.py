"""Tokens and sentences of documents, token offsets for every span, and their Arrow columns.

Boundaries come from ``eventset.export.segment`` (rule-based, vectorized, the same rules for
every language but German ordinals, exact code-point offsets, deterministic). Whitespace is
never a token.

Example:
    >>> doc = Tokenizer().tokenize(["Troops advanced. Talks began."], ["en"])[0]
    >>> doc.tokens, doc.sentences
    (['Troops', 'advanced', '.', 'Talks', 'began', '.'], [(0, 16, 0, 3), (17, 29, 3, 6)])
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from eventset.export.records import DocumentRecord
from eventset.export.segment import SEPARATOR, TokenBatch, ascii_spaces, segment
from eventset.export.sentencebreaks import Ints
from eventset.export.spans import Located, Spans, locate, owners
from eventset.schema.issues import Issue


@dataclass
class Tokenized:
    """Tokens of one text: character spans (``starts``/``ends``) and sentences.

    ``sentences`` holds ``(char_start, char_end, token_start, token_end)``, ends exclusive.
    """

    text: str
    starts: list[int]
    ends: list[int]
    sentences: list[tuple[int, int, int, int]]

    @property
    def tokens(self) -> list[str]:
        return [self.text[a:b] for a, b in zip(self.starts, self.ends, strict=True)]

    @property
    def spans(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends, strict=True))

    def token_range(self, start: int, end: int) -> tuple[int, int, bool]:
        """Smallest token range covering ``start..end`` and whether it matches exactly."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end)
        if first >= last:
            return first, first, False
        aligned = self.starts[first] == start and self.ends[last - 1] == end
        return first, last, aligned


class Tokenizer:
    """Tokenizes documents in batches.

    Languages share the rules except German ordinals (``langs``: one ISO code per text, or
    ``None`` when not known; see ``eventset.export.segment.segment``).
    """

    def tokenize(self, texts: list[str], langs: list[str] | None = None) -> list[Tokenized]:
        """Tokenize ``texts``, keeping the input order."""
        return views(segment(texts, langs), texts)

    def tokenize_batch(self, texts: list[str], langs: list[str] | None = None) -> TokenBatch:
        """All of ``texts`` as one ``TokenBatch`` (for ``views`` and ``token_columns``)."""
        return segment(texts, langs)


def views(batch: TokenBatch, texts: list[str]) -> list[Tokenized]:
    """One ``Tokenized`` per text, with offsets relative to that text."""
    out = []
    sentences = _sentence_rows(batch)
    bounds = batch.doc_sentences.tolist()
    for d, text in enumerate(texts):
        base, t0, t1 = (
            int(batch.doc_chars[d]),
            int(batch.doc_tokens[d]),
            int(batch.doc_tokens[d + 1]),
        )
        starts = (batch.starts[t0:t1] - base).tolist()
        ends = (batch.ends[t0:t1] - base).tolist()
        out.append(Tokenized(text, starts, ends, sentences[bounds[d] : bounds[d + 1]]))
    return out


def _sentence_rows(batch: TokenBatch) -> list[tuple[int, int, int, int]]:
    """``batch.sentence_offsets`` as one tuple per sentence (``Tokenized.sentences`` items)."""
    return list(zip(*(column.tolist() for column in batch.sentence_offsets), strict=True))


def token_strings(batch: TokenBatch) -> pa.Array:
    """Every token of the batch as one Arrow string array, built from the UTF-8 bytes at once.

    The tokens are the text without its whitespace, in order (``segment``). Where all of the
    batch's whitespace is ASCII, their bytes are the text's UTF-8 bytes without those, which
    ``bytes.translate`` drops in one pass in C (fewer instructions than picking the tokens'
    bytes as ``substrings`` does): the byte count of the tokens tells whether it was.
    """
    first, after, offsets = _byte_spans(batch, batch.starts, batch.ends)
    picked = batch.encoded.translate(None, ascii_spaces())
    if len(picked) != offsets[-1] or not _in_order(first, after):  # other whitespace
        return _strings(offsets, _picked(batch, first, after, offsets))
    return _strings(offsets, picked)


def substrings(batch: TokenBatch, starts: Any, ends: Any) -> pa.Array:
    """Arrow strings ``joined[starts[i]:ends[i]]``, gathered from the UTF-8 bytes at once."""
    first, after, offsets = _byte_spans(batch, starts, ends)
    return _strings(offsets, _picked(batch, first, after, offsets))


def _byte_spans(batch: TokenBatch, starts: Any, ends: Any) -> tuple[Ints, Ints, Ints]:
    """UTF-8 byte offsets of the spans (first, after) and of their strings joined (offsets)."""
    at, _ = batch.utf8
    first, after = at[starts], at[ends]
    offsets = np.zeros(len(first) + 1, dtype=np.int64)
    np.cumsum(after - first, out=offsets[1:])
    return first, after, offsets


def _strings(offsets: Ints, picked: Any) -> pa.Array:
    buffers = pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(picked)
    return pa.StringArray.from_buffers(len(offsets) - 1, *buffers)


def _in_order(first: Ints, after: Ints) -> bool:
    """Whether the spans are non-empty, in order and without overlap (tokens, sentences)."""
    return bool(len(first)) and bool((after > first).all() and (first[1:] >= after[:-1]).all())


def _picked(batch: TokenBatch, first: Ints, after: Ints, offsets: Ints) -> Any:
    """The bytes of the spans ``first[i]..after[i]`` of the batch's UTF-8, one after the other."""
    _, data = batch.utf8
    if len(first) * SLICE_BYTES < len(data):
        # Few long spans (whole texts): a slice each, joined, costs less than the gaps.
        encoded = batch.encoded
        return b"".join([encoded[a:b] for a, b in zip(first.tolist(), after.tolist(), strict=True)])
    if _in_order(first, after):
        return _without_gaps(batch.encoded, first, after)
    # byte k of the result comes from first[i] + (k - offsets[i]) for the span i it is in
    index = np.arange(offsets[-1], dtype=np.int64) + np.repeat(first - offsets[:-1], after - first)
    return data[index]


def _without_gaps(encoded: bytes, first: Ints, after: Ints) -> bytearray:
    """The bytes of spans in order without overlap: ``encoded`` without the gaps between them.

    The gaps' bytes are overwritten with 0xFF, which UTF-8 never holds, and ``replace`` drops
    them with a ``memchr`` per byte dropped: sentences leave a space or two between them, so
    this costs a third of a mask over every byte (cachegrind).
    """
    gap_start = np.concatenate(([0], after))
    sizes = np.append(first, len(encoded)) - gap_start
    before = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=before[1:])
    gaps = np.arange(before[-1], dtype=np.int64) + np.repeat(gap_start - before[:-1], sizes)
    marked = bytearray(encoded)
    np.frombuffer(marked, dtype=np.uint8)[gaps] = 0xFF
    return marked.replace(b"\xff", b"")


# A slice of bytes and its share of the join cost as many instructions as about a hundred bytes
# through a mask over every byte (cachegrind); dropping the gaps costs less than the mask, so
# spans of fewer bytes are sliced a little too early, never too late.
SLICE_BYTES = 100


def texts(batch: TokenBatch) -> pa.Array:
    """The batch's texts as Arrow strings, cut out of its UTF-8 bytes (no encoding per text)."""
    starts = batch.doc_chars
    ends = np.append(starts[1:] - len(SEPARATOR), len(batch.codes))[: len(starts)]
    return substrings(batch, starts, ends)


def token_columns(batch: TokenBatch, strings: pa.Array) -> dict[str, pa.Array]:
    """``text``, ``tokens``, ``token_spans`` and ``sentences`` of the documents config, one row
    per text."""
    doc_of_token = np.repeat(np.arange(len(batch.doc_chars)), np.diff(batch.doc_tokens))
    base = batch.doc_chars[doc_of_token]
    spans = pa.StructArray.from_arrays(
        [
            pa.array((batch.starts - base).astype(np.int32)),
            pa.array((batch.ends - base).astype(np.int32)),
        ],
        names=["start", "end"],
    )
    sentences = pa.StructArray.from_arrays(
        [pa.array(column.astype(np.int32)) for column in batch.sentence_offsets],
        names=["start", "end", "token_start", "token_end"],
    )
    by_doc = pa.array(batch.doc_tokens.astype(np.int32))
    return {
        "text": texts(batch),
        "tokens": pa.ListArray.from_arrays(by_doc, strings),
        "token_spans": pa.ListArray.from_arrays(by_doc, spans),
        "sentences": pa.ListArray.from_arrays(
            pa.array(batch.doc_sentences.astype(np.int32)), sentences
        ),
    }


def sentence_tokens(batch: TokenBatch, strings: pa.Array) -> pa.Array:
    """``tokens`` of the sentences config: one list per sentence, in batch order."""
    bounds = np.append(batch.sentence_first, len(batch.starts)).astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(bounds), strings)


def add_tokens(document: DocumentRecord, tokenized: Tokenized) -> list[Issue]:
    """Fill token fields of ``document`` and its spans; misaligned spans become warnings."""
    document.sentences = tokenized.sentences
    issues: list[Issue] = []
    spans: list[tuple[str, Any]] = [(e.id, e) for e in document.entities]
    for event in document.events:
        spans.append((event.id, event.trigger))
        spans.extend((argument.entity_id, argument) for argument in event.arguments)
    for region_id, span in spans:
        first, last, aligned = tokenized.token_range(span.start, span.end)
        span.token_start, span.token_end = first, last
        if not aligned:
            issues.append(
                Issue(
                    "token_misaligned",
                    f"{span.text!r} at {span.start}..{span.end} does not start and end on token "
                    f"boundaries; token offsets {first}..{last} cover it",
                    document.task_id,
                    document.sources.get(region_id),
                    region_id,
                    document.doc_id,
                    "nothing",
                    "warning",
                )
            )
    return _unique(issues)


def add_tokens_batch(documents: list[DocumentRecord], batch: TokenBatch) -> list[list[Issue]]:
    """``add_tokens`` for every document of ``batch`` at once; the issues of each document.

    The build itself keeps the token offsets in arrays (``locate`` and ``misaligned``); this
    writes them into the records as well.
    """
    _set_sentences(documents, batch)
    spans = locate(documents, batch)
    spans.write_back()
    return misaligned(documents, spans)


def misaligned(documents: list[DocumentRecord], spans: Spans) -> list[list[Issue]]:
    """The ``token_misaligned`` warnings of each document, in the order ``add_tokens`` has.

    That order is a document's entities, then each event's trigger and arguments; only the
    few misaligned spans are sorted into it.
    """
    found: list[tuple[tuple[int, ...], int, str, Any, int, int]] = []
    entities, triggers = spans.entities, spans.triggers
    for i in np.flatnonzero(~entities.aligned).tolist():
        number, record = int(entities.doc[i]), entities.records[i]
        found.append(((number, 0, i, 0), number, record.id, record, *_tokens_of(entities, i)))
    for i in np.flatnonzero(~triggers.aligned).tolist():
        number, record = int(triggers.doc[i]), triggers.records[i]
        region = spans.events[i].id
        found.append(((number, 1, i, 0), number, region, record, *_tokens_of(triggers, i)))
    event_of = owners(spans.argument_bounds)
    arguments = spans.arguments
    for i in np.flatnonzero(~arguments.aligned).tolist():
        number, record = int(arguments.doc[i]), arguments.records[i]
        key = (number, 1, int(event_of[i]), 1 + i)
        found.append((key, number, record.entity_id, record, *_tokens_of(arguments, i)))
    issues: list[list[Issue]] = [[] for _ in documents]
    for _, number, region, record, first, last in sorted(found, key=lambda item: item[0]):
        issues[number].append(_misaligned(documents[number], region, record, first, last))
    return [_unique(listed) for listed in issues]


def _tokens_of(spans: Located, i: int) -> tuple[int, int]:
    return int(spans.token_start[i]), int(spans.token_end[i])


def _set_sentences(documents: list[DocumentRecord], batch: TokenBatch) -> None:
    """``document.sentences`` of every document: (char start, char end, first, last token)."""
    rows = _sentence_rows(batch)
    bounds = batch.doc_sentences.tolist()
    for number, document in enumerate(documents):
        document.sentences = rows[bounds[number] : bounds[number + 1]]


def _misaligned(
    document: DocumentRecord, region_id: str, span: Any, first: int, last: int
) -> Issue:
    return Issue(
        "token_misaligned",
        f"{span.text!r} at {span.start}..{span.end} does not start and end on token "
        f"boundaries; token offsets {first}..{last} cover it",
        document.task_id,
        document.sources.get(region_id),
        region_id,
        document.doc_id,
        "nothing",
        "warning",
    )


def _unique(issues: list[Issue]) -> list[Issue]:
    # The same entity shows up once as a mention and again as each argument that uses it.
    return list(dict.fromkeys(issues))
