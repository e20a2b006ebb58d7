"""Write rows to Parquet in row groups, one file per config and split (bounded memory).

Files are byte-identical for identical rows: the schema comes from the declared features, no
timestamps are written, and row groups close at fixed row counts. A split of more than
``GROUPS_PER_FILE`` row groups is written as shards (``train-00000-of-00003.parquet`` ...), the
names the Hugging Face Hub uses; a writer keeps every row group's metadata until it closes its
file, so one ever-growing file would make memory grow with the corpus.

Example:
    >>> sink = ParquetSink(Path("out/documents/train.parquet"), features)  # doctest: +SKIP
    >>> sink.write(row); sink.close()  # doctest: +SKIP
    >>> [p.name for p in sink.files]  # doctest: +SKIP
    ['train.parquet']
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventset.export.featurespec import Features
from eventset.export.shardnames import shard_name

ROWS_PER_GROUP = 1000
# Sentence rows are small and about 30 times as many: bigger groups keep the file footer, which
# the writer holds in memory until it closes, from growing with the corpus (at 100k tasks, groups
# of 1,000 sentences made a 13 MB footer).
GROUP_SCALE = {"sentences": 10}
# Rows are turned into Arrow every CHUNK_ROWS rows: a document row holds hundreds of small Python
# objects (tokens, spans) but only a few kilobytes as Arrow, so a row group waits in Arrow form.
CHUNK_ROWS = 64
# Row groups are encoded and compressed on a background thread (Arrow releases the GIL there);
# at most this many wait per sink, which bounds memory.
QUEUED_GROUPS = 2
# Threads that write the last row groups of all files when a build closes them.
CLOSING_THREADS = 4
# Row groups per file before the next shard starts. The writer holds 20-40 KB of metadata per row
# group until the file closes (measured on the benchmark's three configs), which made the build's
# memory grow by about 0.2 KB per task; a shard bounds it. 128 groups are about 128k documents,
# 1.3M sentences or 128k raw annotations.
GROUPS_PER_FILE = 128


# Short strings repeated on many rows; other columns skip dictionary pages (long texts are unique,
# zstd already takes the repetition out of the rest, and trying the dictionary cost CPU).
DICTIONARY_COLUMNS = ("lang", "annotator")


def encoding(schema: pa.Schema) -> dict[str, Any]:
    """Writer options: dictionaries for ``DICTIONARY_COLUMNS``, statistics for flat columns only,
    delta encoding for integers.

    Min/max statistics of list and struct leaves serve no reader of a training set; leaving them
    and the unused dictionaries out cut the writing time of the 10k benchmark by a quarter
    (1.27 -> 0.92 s of CPU) for the same size within 0.3%. Integer columns are mostly offsets that
    grow along a document (token spans above all): stored as deltas they shrank the 10k
    benchmark's dataset from 44 to 34 MB and took 15% less CPU to write than plain values that
    zstd then had to compress.
    """
    flat = [f.name for f in schema if not pa.types.is_nested(f.type)]
    dictionary = [name for name in DICTIONARY_COLUMNS if name in schema.names]
    integers = [
        path
        for path, kind in _leaves(schema)
        if pa.types.is_integer(kind) and path.split(".")[0] not in dictionary
    ]
    return {
        "use_dictionary": dictionary,
        "write_statistics": flat,
        "column_encoding": dict.fromkeys(integers, "DELTA_BINARY_PACKED"),
    }


def _leaves(schema: pa.Schema) -> Iterator[tuple[str, pa.DataType]]:
    """(Parquet column path, type) of every leaf column, as ``column_encoding`` names them."""

    def walk(kind: pa.DataType, path: str) -> Iterator[tuple[str, pa.DataType]]:
        if pa.types.is_struct(kind):
            for child in kind:
                yield from walk(child.type, f"{path}.{child.name}")
        elif pa.types.is_list(kind) or pa.types.is_large_list(kind):
            yield from walk(kind.value_type, f"{path}.list.element")
        else:
            yield path, kind

    for column in schema:
        yield from walk(column.type, column.name)


class ParquetSink:
    """Buffers rows and writes a row group every ``rows_per_group`` rows."""

    def __init__(
        self,
        path: Path,
        features: Features,
        rows_per_group: int | None = None,
        executor: ThreadPoolExecutor | None = None,
        groups_per_file: int | None = None,
    ) -> None:
        self.path = path  # ``<folder>/<split>.parquet``; shards are named from it at close
        self.executor = executor
        self.queued: deque[Future[None]] = deque()
        self.schema: pa.Schema = features.arrow_schema
        self.rows_per_group = rows_per_group or ROWS_PER_GROUP
        self.buffer: list[dict[str, Any]] = []
        self.chunks: list[pa.RecordBatch] = []
        self.pending = 0  # rows in self.chunks and self.buffer
        self.count = 0
        self.groups_per_file = groups_per_file or GROUPS_PER_FILE
        self.shards: list[Path] = []  # written so far, under temporary names
        self.groups = 0  # row groups in the open shard
        self.files: list[Path] = []  # final names, once closed (none for a split without rows)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.writer: pq.ParquetWriter | None = None
        self.closed = False

    def write(self, row: dict[str, Any]) -> None:
        self.buffer.append(row)
        self.count += 1
        self.pending += 1
        if self.pending >= self.rows_per_group:
            self.flush()
        elif len(self.buffer) >= CHUNK_ROWS:
            self._convert()

    def write_arrow(self, batch: pa.RecordBatch) -> None:
        """Append rows already in Arrow form; row groups still close every ``rows_per_group``."""
        self._convert()
        offset = 0
        while offset < batch.num_rows:
            size = min(self.rows_per_group - self.pending, batch.num_rows - offset)
            self.chunks.append(batch.slice(offset, size))
            self.pending += size
            self.count += size
            offset += size
            if self.pending >= self.rows_per_group:
                self.flush()

    def _convert(self) -> None:
        if self.buffer:
            self.chunks.append(pa.RecordBatch.from_pylist(self.buffer, schema=self.schema))
            self.buffer = []

    def flush(self) -> None:
        self._convert()
        if self.chunks:
            table = pa.Table.from_batches(self.chunks, schema=self.schema)
            self.chunks = []
            self.pending = 0
            if self.executor is None:
                self._write_table(table)
                return
            self.queued.append(self.executor.submit(self._write_table, table))
            while len(self.queued) > QUEUED_GROUPS:
                self.queued.popleft().result()

    def drain(self) -> None:
        """Wait until every row group handed to the executor is written."""
        while self.queued:
            self.queued.popleft().result()

    def _write_table(self, table: pa.Table) -> None:
        if self.writer is None:
            shard = self.path.with_name(f".{self.path.stem}-{len(self.shards)}.parquet.part")
            self.shards.append(shard)
            self.writer = pq.ParquetWriter(
                shard, self.schema, compression="zstd", **encoding(self.schema)
            )
        self.writer.write_table(table, row_group_size=self.rows_per_group)
        self.groups += 1  # flush() hands over one row group at a time
        if self.groups >= self.groups_per_file:
            self._close_shard()

    def _close_shard(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer, self.groups = None, 0

    def close(self) -> None:
        """Write what is left and give the shards their names (an empty split gets no file:
        ``datasets`` refuses a split with no rows). Closing again does nothing."""
        if self.closed:
            return
        self.flush()
        self.drain()  # what flush() queued when the sink has an executor
        self._close_shard()
        split, total = self.path.stem, len(self.shards)
        self.files = [self.path.with_name(shard_name(split, n, total)) for n in range(total)]
        for shard, final in zip(self.shards, self.files, strict=True):
            shard.replace(final)
        self.closed = True


class SinkSet:
    """One ``ParquetSink`` per (config, split), created on first write, closed together."""

    def __init__(
        self,
        root: Path,
        features: dict[str, Features],
        splits: list[str],
        rows_per_group: int | None = None,
    ) -> None:
        # One writer thread for all sinks: each file still gets its row groups in order.
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="parquet")
        self.sinks = {
            (config, split): ParquetSink(
                root / config / f"{split}.parquet",
                feats,
                (rows_per_group or ROWS_PER_GROUP) * GROUP_SCALE.get(config, 1),
                self.executor,
            )
            for config, feats in features.items()
            for split in splits
        }

    def write(self, config: str, split: str, row: dict[str, Any]) -> None:
        self.sinks[(config, split)].write(row)

    def write_arrow(self, config: str, split: str, batch: pa.RecordBatch) -> None:
        self.sinks[(config, split)].write_arrow(batch)

    def schema(self, config: str) -> pa.Schema:
        return next(s.schema for (c, _), s in self.sinks.items() if c == config)

    def counts(self) -> dict[str, dict[str, int]]:
        """Rows per config and split (zero for a split without rows)."""
        out: dict[str, dict[str, int]] = {}
        for (config, split), sink in self.sinks.items():
            out.setdefault(config, {})[split] = sink.count
        return out

    def sizes(self) -> dict[str, dict[str, int]]:
        """Bytes per config and split of the closed files (only splits with rows)."""
        out: dict[str, dict[str, int]] = {}
        for (config, split), sink in self.sinks.items():
            if sink.files:
                out.setdefault(config, {})[split] = sum(f.stat().st_size for f in sink.files)
        return out

    def files(self) -> dict[str, dict[str, list[str]]]:
        """Names of the closed files per config and split (only splits with rows)."""
        out: dict[str, dict[str, list[str]]] = {}
        for (config, split), sink in self.sinks.items():
            if sink.files:
                out.setdefault(config, {})[split] = [f.name for f in sink.files]
        return out

    def close(self) -> None:
        """Write what is left and close every file, the files side by side.

        Each sink's queued row groups are written first, so every file still gets its groups in
        order; the last groups of different files are then written by parallel threads (Arrow
        releases the GIL), instead of one after the other at the end of a build.
        """
        try:
            for sink in self.sinks.values():
                sink.drain()
            for sink in self.sinks.values():
                sink.executor = None  # its last group is written by the thread closing it
            with ThreadPoolExecutor(CLOSING_THREADS, thread_name_prefix="parquet-close") as pool:
                for done in [pool.submit(sink.close) for sink in self.sinks.values()]:
                    done.result()
        finally:
            self.executor.shutdown(wait=True, cancel_futures=True)


@contextmanager
def lean_memory_pool() -> Iterator[None]:
    """Use Arrow's jemalloc pool (else the system allocator) while a build runs.

    pyarrow's default on Linux, mimalloc, kept freed batches around: the peak RSS of a build
    grew with the number of tasks (358 MB at 10k, 411 MB at 30k), jemalloc's did much less
    (323 / 342 MB). ``ARROW_DEFAULT_MEMORY_POOL``, when set, is left alone.
    """
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        yield
        return
    previous = pa.default_memory_pool()
    try:
        pool = pa.jemalloc_memory_pool()
    except (NotImplementedError, pa.ArrowNotImplementedError):
        pool = pa.system_memory_pool()
    pa.set_memory_pool(pool)
    try:
        yield
    finally:
        pa.set_memory_pool(previous)
