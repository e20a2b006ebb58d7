"""Turn a batch of raw tasks into Arrow rows of all three configs (runs in worker processes).

A batch is self-contained: parsing, resolving, selecting, tokens, token offsets of every span,
rows grouped by config and split, counts, issues and agreement between annotators. The same function
runs in-process or in a pool, and its output depends only on the batch, so a build is
byte-identical whatever the number of workers.

Example:
    >>> out = process_batch([(0, raw_task)], context)  # doctest: +SKIP
    >>> out.tables[("documents", "train")].num_rows  # doctest: +SKIP
    1
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from eventset.annotate.parse import parse_task
from eventset.annotate.parsed import Task
from eventset.annotate.rawjson import ArrayReader
from eventset.annotate.wire import parse_line
from eventset.errors import InputError
from eventset.export.issuelog import IssueLines, encode_issues
from eventset.export.records import DocumentRecord
from eventset.export.rows import document_columns
from eventset.export.scan import SplitPlan
from eventset.export.sentences import sentence_table
from eventset.export.spans import locate
from eventset.export.take import Part, Rules, take_task
from eventset.export.tokens import Tokenizer, misaligned, token_columns, token_strings
from eventset.pool import fork_pool, workers_wanted


@dataclass
class RenderContext:
    """What every batch needs besides its tasks (inherited by each forked worker)."""

    rules: Rules
    meta_fields: list[str]
    schemas: dict[str, pa.Schema]
    plan: SplitPlan
    reader: ArrayReader | None = None  # for workers that read their batch themselves
    handoff: Path | None = None  # folder where workers leave their Arrow rows for this process
    tokenizer: Tokenizer = field(default_factory=Tokenizer)


@dataclass
class Rendered:
    """Rows of one batch as Arrow per (config, split), plus counts, issues and agreement.

    Pickled (from a worker to the build process), the rows go as Arrow IPC, either inside the
    pickle or, after ``hand_off``, in files the receiver maps and deletes: no copy through the
    pipe.
    """

    tables: dict[tuple[str, str], pa.RecordBatch]
    part: Part  # without its issues: they travel encoded, in ``issues``
    issues: IssueLines
    handed_off: list[str] | None = None  # one file per table, once written

    def hand_off(self, folder: Path, name: str) -> None:
        """Write each table to its own file in ``folder`` for the receiver to map (zero copy).

        One file per table: the Parquet sink of a small split keeps its few rows waiting for
        many batches, and a mapping stays resident as long as any slice of it is alive.
        """
        paths = []
        for number, batch in enumerate(self.tables.values()):
            path = folder / f"{name}-{number}.arrow"
            path.write_bytes(batch.serialize())
            paths.append(str(path))
        self.handed_off = paths

    def __getstate__(self) -> dict[str, Any]:
        keys = list(self.tables)
        state = {
            "keys": keys,
            "schemas": [self.tables[key].schema for key in keys],
            "part": self.part,
            "issues": self.issues,
            "files": self.handed_off,
        }
        if self.handed_off is None:
            # Pickling a sliced batch would copy its whole parent; IPC copies just the slice.
            state["data"] = [self.tables[key].serialize() for key in keys]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.part, self.issues, self.handed_off = state["part"], state["issues"], None
        if state["files"] is None:
            data = state["data"]
        else:
            data = [_map_and_delete(Path(path)) for path in state["files"]]
        self.tables = {
            key: pa.ipc.read_record_batch(buffer, schema)
            for key, schema, buffer in zip(state["keys"], state["schemas"], data, strict=True)
        }


def _map_and_delete(path: Path) -> pa.Buffer:
    """The file's bytes, memory-mapped; the mapping outlives the deleted file's name."""
    mapped = pa.memory_map(str(path)).read_buffer()
    path.unlink()
    return mapped


def process_batch(items: list[tuple[int, Any]], context: RenderContext) -> Rendered:
    """Parse, resolve, select, tokenize and render ``(index, raw task)`` items."""
    part = Part()
    documents: list[DocumentRecord] = []
    splits: list[str] = []
    for index, raw in items:
        task = _parse(raw, index) if isinstance(raw, bytes) else parse_task(raw, index)
        split = context.plan.split(index)
        document = take_task(task, bool(context.plan.duplicate[index]), split, context.rules, part)
        if document is not None:
            documents.append(document)
            splits.append(split)
    tables = {
        ("raw", split): columns.batch(context.schemas["raw"]) for split, columns in part.raw.items()
    }
    part.raw = {}
    if documents:
        # Grouped by split (stable): each split's rows are then one slice of the batch.
        order = sorted(range(len(documents)), key=splits.__getitem__)
        documents, splits = [documents[i] for i in order], [splits[i] for i in order]
        tables.update(_render(documents, splits, context, part))
    issues = encode_issues(part.issues)
    part.issues = []
    return Rendered(tables, part, issues)


def _parse(line: bytes, index: int) -> Task:
    try:
        return parse_line(line, index)
    except orjson.JSONDecodeError as exc:  # the file changed after the first pass read it
        raise InputError(
            f"task {index} of the export is no longer valid JSON: {exc}",
            remedy="build again once the export file is no longer being written",
        ) from None


def _render(
    documents: list[DocumentRecord], splits: list[str], context: RenderContext, part: Part
) -> dict[tuple[str, str], pa.RecordBatch]:
    """Tokenize ``documents``; their documents and sentences rows by (config, split)."""
    texts = [d.text for d in documents]
    batch = context.tokenizer.tokenize_batch(texts, [d.lang for d in documents])
    strings = token_strings(batch)
    attributes = context.rules.attributes
    spans = locate(documents, batch)
    for issues in misaligned(documents, spans):
        part.issues += issues
    documents_batch = document_columns(
        documents,
        context.meta_fields,
        attributes,
        context.schemas["documents"],
        token_columns(batch, strings),
        spans,
    )
    sentences_batch, counts, crossings = sentence_table(
        documents, batch, strings, attributes, context.schemas["sentences"], spans
    )
    sentence_splits: list[str] = []
    for split, count, crossing in zip(splits, counts, crossings, strict=True):
        sentence_splits += [split] * count
        part.tally.add_crossing(crossing)
    part.tally.add_documents(splits, documents, counts)
    return {
        **_by_split("documents", documents_batch, splits),
        **_by_split("sentences", sentences_batch, sentence_splits),
    }


def _by_split(
    config: str, batch: pa.RecordBatch, splits: list[str]
) -> dict[tuple[str, str], pa.RecordBatch]:
    """``batch`` cut into one batch per split; ``splits`` (one per row) must come grouped."""
    out: dict[tuple[str, str], pa.RecordBatch] = {}
    start = 0
    for split, rows in groupby(splits):
        size = len(list(rows))
        assert (config, split) not in out, "rows of a split must be contiguous"
        out[(config, split)] = batch.slice(start, size)
        start += size
    return out


def worker_count() -> int:
    """Worker processes: ``$EVENTSET_WORKERS``, else one per usable CPU (max 4; none on 1 CPU).

    Workers read and parse their own batches of lines, so the hand-off is cheap; this process
    writes Parquet and merges. On 2 CPUs, 2 workers built the 10k benchmark export in 14.8 s
    against 20.5 s in one process (session 2). An export in another layout than one task per
    line is first copied one task per line (``eventset.export.scan``), so it gets workers too.
    """
    return workers_wanted(4)


_CONTEXT: RenderContext | None = None


def _init(context: RenderContext) -> None:
    global _CONTEXT
    _CONTEXT = context
    keep_large_blocks()


def keep_large_blocks() -> None:
    """In a worker: let glibc reuse blocks of up to 64 MB instead of mapping each anew.

    Workers allocate and free the same large arrays for every batch; mapping and unmapping them
    each time (the 1 MB threshold inherited from the build process) cost about 3 s of system time
    per 10k tasks in page faults.
    """
    libc = _libc()
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(-3, 64 << 20)  # M_MMAP_THRESHOLD
        libc.mallopt(-1, 128 << 20)  # M_TRIM_THRESHOLD


def render_lines(reader: ArrayReader, first: int, last: int, context: RenderContext) -> Rendered:
    """Tasks ``first..last`` of a one-task-per-line export, read from the file and processed."""
    lines = reader.read(first, last)
    if len(lines) != last - first:  # the file changed after the first pass read it
        raise InputError(
            f"tasks {first}..{last - 1} of the export are no longer where they were",
            remedy="build again once the export file is no longer being written",
        )
    return process_batch(list(zip(range(first, last), lines, strict=True)), context)


def _render_in_worker(first: int, last: int) -> Rendered:
    assert _CONTEXT is not None and _CONTEXT.reader is not None, "worker without a reader"
    rendered = render_lines(_CONTEXT.reader, first, last, _CONTEXT)
    if _CONTEXT.handoff is not None:
        rendered.hand_off(_CONTEXT.handoff, f"batch-{first}")
    return rendered


def return_large_blocks() -> None:
    """Have glibc map blocks of 1 MB or more on their own, so freeing them returns the memory.

    Each batch passes through this process as pickles and Arrow buffers of several MB; with
    glibc's adaptive threshold they end up in the heap and the peak RSS creeps up with the
    number of batches (about 40 MB less at 10k tasks). Elsewhere this does nothing.
    """
    libc = _libc()
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD


def trim_heap() -> None:
    """Give free pages inside glibc's heap back to the system (a no-op elsewhere)."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


@cache
def _libc() -> Any:
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


def start_pool(context: RenderContext, workers: int) -> Any:
    """A pool whose workers hold ``context``; fork keeps the already imported modules."""
    # pyarrow imports pandas on its first conversion from Python objects (0.2 s); done once here,
    # the forked workers inherit it instead of each importing it again.
    pa.array([0])
    return fork_pool(workers, _init, (context,))


def submit(pool: Any, first: int, last: int) -> Any:
    """Start tasks ``first..last`` in ``pool``; ``.get()`` on the result returns ``Rendered``."""
    return pool.apply_async(_render_in_worker, (first, last))
