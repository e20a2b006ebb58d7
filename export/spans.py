"""Every span of a batch's documents (entities, triggers, arguments) as flat numpy arrays.

The build finds the token range of each span and writes it into both clean configs. Gathered
once per batch in document order, the character offsets of all spans of a kind go through two
binary searches over the whole token batch, and their token offsets stay numpy arrays up to the
Arrow columns of the ``documents`` and ``sentences`` configs: no span's offsets pass through a
Python object on the way (``add_tokens_batch`` writes them into the records when asked to).
String fields become Arrow arrays once, shared by both configs (``Spans.strings``).

Example:
    >>> spans = locate(documents, batch)  # doctest: +SKIP
    >>> spans.entities.token_start  # doctest: +SKIP
    array([0, 3])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from eventset.export.records import ArgumentRecord, DocumentRecord, EventRecord
from eventset.export.segment import TokenBatch
from eventset.export.sentencebreaks import Ints


@dataclass
class Located:
    """Spans of one kind, in document order; offsets relative to their document, ends exclusive.

    A span that covers no token has the empty range at the token after it; ``aligned`` says
    whether a span starts and ends exactly on the boundaries of the tokens it covers.
    """

    records: list[Any]
    doc: Ints
    start: Ints
    end: Ints
    token_start: Ints
    token_end: Ints
    aligned: npt.NDArray[np.bool_]


@dataclass
class Spans:
    """The entities, triggers and arguments of a batch's documents, located in its tokens.

    ``entity_bounds[d]..entity_bounds[d + 1]`` are the entities of document ``d`` (and so for
    events); ``argument_bounds[k]..argument_bounds[k + 1]`` the arguments of event ``k``.
    """

    events: list[EventRecord]
    entities: Located
    triggers: Located
    arguments: Located
    entity_bounds: Ints
    event_bounds: Ints
    argument_bounds: Ints
    _strings: dict[tuple[str, str], pa.Array] = field(default_factory=dict, repr=False)

    def strings(self, kind: str, name: str) -> pa.Array:
        """Field ``name`` of every ``kind`` ("entities", "events", "triggers", "arguments")
        record as an Arrow string array, converted once for both configs."""
        key = (kind, name)
        if key not in self._strings:
            records = self.events if kind == "events" else getattr(self, kind).records
            values = list(map(attrgetter(name), records))
            self._strings[key] = pa.array(values, pa.string())
        return self._strings[key]

    def attribute(self, name: str) -> pa.Array:
        """The value of attribute ``name`` of every event (null where it has none)."""
        key = ("attributes", name)
        if key not in self._strings:
            values = [event.attributes.get(name) for event in self.events]
            self._strings[key] = pa.array(values, pa.string())
        return self._strings[key]

    def write_back(self) -> None:
        """Set ``token_start`` and ``token_end`` of every record (what ``add_tokens`` does)."""
        for spans in (self.entities, self.triggers, self.arguments):
            pairs = zip(spans.token_start.tolist(), spans.token_end.tolist(), strict=True)
            for record, (first, last) in zip(spans.records, pairs, strict=True):
                record.token_start, record.token_end = first, last


def locate(documents: list[DocumentRecord], batch: TokenBatch) -> Spans:
    """Every span of ``documents`` (tokenized, in this order, as ``batch``) with its tokens.

    Spans of a document cannot reach into a neighbour's tokens: the batch puts a line break
    between texts, so a search over the whole batch finds the same tokens as one per document.
    """
    entities = [e for d in documents for e in d.entities]
    events = [e for d in documents for e in d.events]
    arguments: list[ArgumentRecord] = [a for e in events for a in e.arguments]
    entity_bounds = bounds([len(d.entities) for d in documents])
    event_bounds = bounds([len(d.events) for d in documents])
    argument_bounds = bounds([len(e.arguments) for e in events])
    event_doc = owners(event_bounds)
    return Spans(
        events,
        _located(entities, owners(entity_bounds), batch),
        _located([e.trigger for e in events], event_doc, batch),
        _located(arguments, event_doc[owners(argument_bounds)], batch),
        entity_bounds,
        event_bounds,
        argument_bounds,
    )


def bounds(sizes: list[int] | Ints) -> Ints:
    """Offsets of consecutive groups of ``sizes`` items (one more than groups, from 0)."""
    out = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=out[1:])
    return out


def owners(group_bounds: Ints) -> Ints:
    """The group number of every item of groups with ``group_bounds`` (see ``bounds``)."""
    return np.repeat(np.arange(len(group_bounds) - 1), np.diff(group_bounds))


def _located(records: list[Any], doc: Ints, batch: TokenBatch) -> Located:
    """Smallest token range covering each of ``records`` and whether it matches exactly."""
    start, end = _ints(records, "start"), _ints(records, "end")
    base = batch.doc_chars[doc]
    at, to = start + base, end + base
    first = np.searchsorted(batch.ends, at, side="right")
    last = np.searchsorted(batch.starts, to, side="left")
    empty = first >= last
    last = np.where(empty, first, last)
    aligned = np.zeros(len(records), dtype=bool)
    some = ~empty  # these cover at least one token, so both indices below exist
    aligned[some] = batch.starts[first[some]] == at[some]
    aligned[some] &= batch.ends[last[some] - 1] == to[some]
    offset = batch.doc_tokens[doc]
    return Located(records, doc, start, end, first - offset, last - offset, aligned)


def _ints(records: list[Any], name: str) -> Ints:
    return np.fromiter(map(attrgetter(name), records), np.int64, len(records))
