"""Turn a batch of raw tasks into Arrow rows of all three configs (runs in worker processes).

A batch is self-contained: parsing, resolving, selecting, tokens, token offsets of every span,
rows grouped by config and split, counts, issues and annotator pairs to score. The same function
runs in-process or in a pool, and its output depends only on the batch, so a build is
byte-identical whatever the number of workers.

Example:
    >>> out = process_batch([(0, raw_task)], context)  # doctest: +SKIP
    >>> out.tables[("documents", "train")].num_rows  # doctest: +SKIP
    1
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from eventset.annotate.parse import parse_task
from eventset.export.records import DocumentRecord
from eventset.export.rows import document_row, sentence_rows
from eventset.export.take import Part, Rules, take_task
from eventset.export.tokens import Tokenizer, add_tokens

WORKERS_ENV = "EVENTSET_WORKERS"  # 0 renders in the build process itself


@dataclass
class RenderContext:
    """What every batch needs besides its tasks (inherited by each forked worker)."""

    rules: Rules
    meta_fields: list[str]
    schemas: dict[str, pa.Schema]
    split_of: dict[str, str]
    duplicates: set[int]
    tokenizer: Tokenizer = field(default_factory=Tokenizer)


@dataclass
class Rendered:
    """Rows of one batch as Arrow per (config, split), plus counts, issues and pairs to score."""

    tables: dict[tuple[str, str], pa.RecordBatch]
    part: Part


def process_batch(items: list[tuple[int, Any]], context: RenderContext) -> Rendered:
    """Parse, resolve, select, tokenize and render ``(index, raw task)`` items."""
    part = Part()
    documents: list[DocumentRecord] = []
    for index, raw in items:
        task = parse_task(raw, index)
        split = context.split_of[task.doc_id]
        duplicate = index in context.duplicates
        document = take_task(task, duplicate, split, context.rules, part)
        if document is not None:
            documents.append(document)
    rows: dict[tuple[str, str], list[dict[str, Any]]] = {
        ("raw", split): items for split, items in part.raw.items()
    }
    part.raw = {}
    _render(documents, context, part, rows)
    tables = {
        (config, split): pa.RecordBatch.from_pylist(items, schema=context.schemas[config])
        for (config, split), items in rows.items()
    }
    return Rendered(tables, part)


def _render(
    documents: list[DocumentRecord],
    context: RenderContext,
    part: Part,
    rows: dict[tuple[str, str], list[dict[str, Any]]],
) -> None:
    """Tokenize ``documents`` and add their documents and sentences rows to ``rows``."""
    tokenized = context.tokenizer.tokenize([d.text for d in documents], [d.lang for d in documents])
    attributes = context.rules.attributes
    for document, tokens in zip(documents, tokenized, strict=True):
        split = context.split_of[document.doc_id]
        part.issues += add_tokens(document, tokens)
        row = document_row(document, context.meta_fields, attributes)
        rows.setdefault(("documents", split), []).append(row)
        sentence, crossing = sentence_rows(document, attributes)
        rows.setdefault(("sentences", split), []).extend(sentence)
        part.tally.add_crossing(crossing)
        part.tally.add_document(split, document, len(sentence))


def worker_count() -> int:
    """Worker processes: ``$EVENTSET_WORKERS``, else one per usable CPU but one (max 4).

    With 2 CPUs or fewer the build runs in one process: measured on a shared 2-CPU machine, the
    hand-off (pickling each batch, about 20% more CPU) cost more than the second core gave.
    """
    configured = os.environ.get(WORKERS_ENV, "").strip()
    if configured.isdigit():
        return int(configured)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min((cpus or 1) - 1, 4) if (cpus or 1) > 2 else 0


_CONTEXT: RenderContext | None = None


def _init(context: RenderContext) -> None:
    global _CONTEXT
    _CONTEXT = context


def _render_in_worker(items: list[tuple[int, Any]]) -> Rendered:
    assert _CONTEXT is not None, "worker started without a context"
    return process_batch(items, _CONTEXT)


def return_large_blocks() -> None:
    """Have glibc map blocks of 1 MB or more on their own, so freeing them returns the memory.

    Each batch passes through this process as pickles and Arrow buffers of several MB; with
    glibc's adaptive threshold they end up in the heap and the peak RSS creeps up with the
    number of batches (about 40 MB less at 10k tasks). Elsewhere this does nothing.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        if libc is not None and hasattr(libc, "mallopt"):
            libc.mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD
    except OSError:
        pass


def start_pool(context: RenderContext, workers: int, items: list[tuple[int, Any]]) -> Any:
    """A pool whose workers hold ``context``; fork keeps the already imported modules.

    The spaCy pipelines of the languages in ``items`` (the first batch) are created first, so
    workers share them instead of each building them (about a second per process).
    """
    langs = [parse_task(raw, index, annotations=False).lang for index, raw in items]
    context.tokenizer.warm(langs)
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ctx.Pool(workers, initializer=_init, initargs=(context,))


def submit(pool: Any, items: list[tuple[int, Any]]) -> Any:
    """Start a batch in ``pool``; ``.get()`` on the result returns ``Rendered``."""
    return pool.apply_async(_render_in_worker, (items,))
