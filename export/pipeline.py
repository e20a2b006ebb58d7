"""Second pass of a build: parse, resolve, select, tokenize and write tasks in batches.

With one task per line, each worker of a pool (``eventset.export.render``) reads and processes
its own range of tasks; otherwise this process reads and processes every batch itself. Either
way this process writes the Arrow rows and merges counts, issues and agreement in batch order,
so the output does not depend on timing or on the number of workers.
"""

from __future__ import annotations

import shutil
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventset.annotate.parse import iter_raw
from eventset.annotate.rawjson import ArrayReader
from eventset.errors import InputError
from eventset.export.issuelog import IssueLog
from eventset.export.parquet import SinkSet
from eventset.export.render import (
    RenderContext,
    Rendered,
    keep_large_blocks,
    process_batch,
    render_lines,
    return_large_blocks,
    start_pool,
    submit,
    trim_heap,
    worker_count,
)
from eventset.export.scan import SplitPlan
from eventset.export.scoring import Scores
from eventset.export.take import Rules, merge_tally
from eventset.export.tally import Tally
from eventset.schema import Ontology

BATCH_SIZE = 256  # tasks per batch
IN_FLIGHT = 2  # batches per worker on their way while reading goes on (bounds memory)
TRIM_EVERY = 16  # batches between returning the heap's free pages (fragmentation grew RSS)


@dataclass
class Pipeline:
    """Everything the second pass shares."""

    ontology: Ontology
    policy: str
    plan: SplitPlan
    meta_fields: list[str]
    sinks: SinkSet
    log: IssueLog
    tally: Tally = field(default_factory=Tally)
    agreement: Scores = field(default_factory=Scores)
    workers: int = field(default_factory=worker_count)
    handoff: Path | None = None  # scratch folder for workers' rows (see ``Rendered.hand_off``)
    batches: int = 0

    @property
    def attributes(self) -> list[str]:
        return list(self.ontology.attributes)

    def run(self, path: Path, reader: ArrayReader | None = None) -> None:
        """Stream the export in batches; with workers, batches are processed in a pool.

        When the first pass found one task per line (``reader``), each worker reads and parses
        its own batch of lines and leaves its rows in a file under ``handoff`` (when set) for
        this process to map; otherwise every task is parsed and processed here (read as lines
        all the same when the layout allows).
        """
        tasks = reader.tasks if reader is not None and reader.one_per_line else 0
        if tasks and reader is not None and not reader.unchanged():
            raise InputError(
                f"{path} changed while the dataset was being built",
                remedy="build again once the export file is no longer being written",
            )
        if self.workers and tasks > BATCH_SIZE and reader is not None:
            return_large_blocks()  # batches arrive as multi-MB buffers; workers do the rest
            self._run_pool(reader, tasks)
        else:
            keep_large_blocks()  # everything happens here: reuse the big arrays' memory
            self._run_here(path, reader if tasks else None)

    def _context(
        self, reader: ArrayReader | None = None, handoff: Path | None = None
    ) -> RenderContext:
        return RenderContext(
            Rules(self.ontology, self.policy, self.attributes),
            self.meta_fields,
            {c: self.sinks.schema(c) for c in ("documents", "sentences", "raw")},
            self.plan,
            reader,
            handoff,
        )

    def _run_here(self, path: Path, lines: ArrayReader | None = None) -> None:
        """Every batch in this process; from ``lines`` (a one-task-per-line reader) as bytes."""
        context = self._context()
        if lines is not None:
            for first in range(0, lines.tasks, BATCH_SIZE):
                self._write(
                    render_lines(lines, first, min(first + BATCH_SIZE, lines.tasks), context)
                )
            return
        batch: list[tuple[int, Any]] = []
        for item in enumerate(iter_raw(path)):
            batch.append(item)
            if len(batch) == BATCH_SIZE:
                self._write(process_batch(batch, context))
                batch = []
        if batch:
            self._write(process_batch(batch, context))

    def _run_pool(self, reader: ArrayReader, tasks: int) -> None:
        # Forked before any row is written, so no child ever sees the Parquet writer thread.
        if self.handoff is not None:
            self.handoff.mkdir(parents=True, exist_ok=True)
        pool = start_pool(self._context(reader, self.handoff), self.workers)
        queue: deque[Any] = deque()
        try:
            for first in range(0, tasks, BATCH_SIZE):
                queue.append(submit(pool, first, min(first + BATCH_SIZE, tasks)))
                while len(queue) > IN_FLIGHT * self.workers:
                    self._write(queue.popleft())
            while queue:
                self._write(queue.popleft())
        finally:
            pool.terminate()
            if self.handoff is not None:
                shutil.rmtree(self.handoff, ignore_errors=True)

    def _write(self, job: Any) -> None:
        """Write one batch's rows and merge its counts (``job`` is a result or a pending one)."""
        rendered: Rendered = job if isinstance(job, Rendered) else job.get()
        part = rendered.part
        self.log.add(rendered.issues)
        for (config, split), table in sorted(rendered.tables.items()):
            self.sinks.write_arrow(config, split, table)
        merge_tally(self.tally, part.tally)
        self.agreement.merge(part.agreement)
        self.batches += 1
        if self.batches % TRIM_EVERY == 0:
            trim_heap()
