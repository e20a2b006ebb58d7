"""Tokenize a batch of documents and render their clean rows as Arrow (runs in worker processes).

A batch is self-contained: tokens, token offsets of every span, ``documents`` and ``sentences``
rows grouped by split, cross-sentence arguments and warnings. The same function runs in-process
or in a pool, and the output depends only on the batch, so a build is byte-identical whatever
the number of workers.

Example:
    >>> out = render_batch(documents, splits, context)  # doctest: +SKIP
    >>> out.tables[("documents", "train")].num_rows  # doctest: +SKIP
    256
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from eventset.export.records import DocumentRecord
from eventset.export.rows import document_row, sentence_rows
from eventset.export.tokens import Tokenizer, add_tokens
from eventset.schema.issues import Issue

WORKERS_ENV = "EVENTSET_WORKERS"  # 0 renders in the build process itself


@dataclass
class RenderContext:
    """What every batch needs besides its documents (sent once to each worker)."""

    meta_fields: list[str]
    attributes: list[str]
    schemas: dict[str, pa.Schema]
    tokenizer: Tokenizer = field(default_factory=Tokenizer)


@dataclass
class Rendered:
    """Rows of one batch as Arrow per (config, split), plus what the build counts."""

    tables: dict[tuple[str, str], pa.RecordBatch]
    issues: list[Issue]
    crossing: list[list[tuple[str, str, str, str]]]  # per document, in batch order
    sentences: list[int]  # sentence rows per document


def render_batch(
    documents: list[DocumentRecord], splits: list[str], context: RenderContext
) -> Rendered:
    """Tokenize ``documents`` and build their rows; ``splits[i]`` is the split of document i."""
    tokenized = context.tokenizer.tokenize([d.text for d in documents], [d.lang for d in documents])
    rows: dict[tuple[str, str], list[dict[str, Any]]] = {}
    out = Rendered({}, [], [], [])
    for document, tokens, split in zip(documents, tokenized, splits, strict=True):
        out.issues += add_tokens(document, tokens)
        row = document_row(document, context.meta_fields, context.attributes)
        rows.setdefault(("documents", split), []).append(row)
        sentence, crossing = sentence_rows(document, context.attributes)
        rows.setdefault(("sentences", split), []).extend(sentence)
        out.crossing.append(crossing)
        out.sentences.append(len(sentence))
    for (config, split), items in rows.items():
        schema = context.schemas[config]
        out.tables[(config, split)] = pa.RecordBatch.from_pylist(items, schema=schema)
    return out


def worker_count() -> int:
    """Worker processes for rendering: ``$EVENTSET_WORKERS``, else one per usable CPU (max 4)."""
    configured = os.environ.get(WORKERS_ENV, "").strip()
    if configured.isdigit():
        return int(configured)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cpus or 1, 4) if (cpus or 1) > 1 else 0


_CONTEXT: RenderContext | None = None


def _init(context: RenderContext) -> None:
    global _CONTEXT
    _CONTEXT = context


def _render_in_worker(documents: list[DocumentRecord], splits: list[str]) -> Rendered:
    assert _CONTEXT is not None, "worker started without a context"
    return render_batch(documents, splits, _CONTEXT)


def start_pool(context: RenderContext, workers: int) -> Any:
    """A pool whose workers hold ``context``; fork keeps the already imported modules.

    spaCy is imported first so that workers share it instead of each importing it (about a
    second per process); each worker creates its own language pipelines on first use.
    """
    import spacy  # noqa: F401  (imported for the forked workers)

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ctx.Pool(workers, initializer=_init, initargs=(context,))


def submit(pool: Any, documents: list[DocumentRecord], splits: list[str]) -> Any:
    """Start rendering a batch in ``pool``; ``.get()`` on the result returns ``Rendered``."""
    return pool.apply_async(_render_in_worker, (documents, splits))
