"""Second pass of a build: resolve, select, tokenize and write tasks in batches."""

from __future__ import annotations

import json
from collections import deque
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import IO, Any

from eventset.annotate.parse import Task, iter_tasks
from eventset.export.parquet import SinkSet
from eventset.export.policy import select_annotations
from eventset.export.records import DocumentRecord
from eventset.export.render import (
    RenderContext,
    Rendered,
    render_batch,
    start_pool,
    submit,
    worker_count,
)
from eventset.export.resolve import Resolved, resolve_annotation
from eventset.export.rows import raw_row
from eventset.export.scoring import Scores
from eventset.export.tally import Tally
from eventset.schema import Ontology
from eventset.schema.issues import Issue

BATCH_SIZE = 256
IN_FLIGHT = 2  # batches per worker being rendered while the parser goes on (bounds memory)


class IssueLog:
    """Writes issues to ``issues.jsonl`` as they come and keeps only counts in memory."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.counts: dict[str, int] = {}
        self.errors = 0

    def add(self, issues: list[Issue]) -> None:
        for issue in issues:
            self.stream.write(json.dumps(asdict(issue), ensure_ascii=False, sort_keys=True) + "\n")
            self.counts[issue.kind] = self.counts.get(issue.kind, 0) + 1
            self.errors += issue.severity == "error"

    def sorted_counts(self) -> dict[str, int]:
        return dict(sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass
class Pipeline:
    """Everything the second pass shares."""

    ontology: Ontology
    policy: str
    split_of: dict[str, str]
    meta_fields: list[str]
    sinks: SinkSet
    log: IssueLog
    tally: Tally = field(default_factory=Tally)
    agreement: Scores = field(default_factory=Scores)
    workers: int = field(default_factory=worker_count)
    pending: list[Issue] = field(default_factory=list)  # issues of tasks not yet written
    context: RenderContext | None = None

    @property
    def attributes(self) -> list[str]:
        return list(self.ontology.attributes)

    def run(self, path: Path, duplicates: set[int]) -> None:
        """Stream the export; full batches of documents render in a pool while parsing goes on.

        Results are written in submission order and issues are logged per batch (the batch's
        task issues, then its token warnings), so the output does not depend on timing.
        """
        self.context = RenderContext(
            self.meta_fields,
            self.attributes,
            {c: self.sinks.schema(c) for c in ("documents", "sentences")},
        )
        queue: deque[tuple[list[Issue], list[DocumentRecord], Any]] = deque()
        # Forked before any writer thread exists; a build of one batch needs no pool.
        big = self.workers and len(self.split_of) > BATCH_SIZE
        pool = start_pool(self.context, self.workers) if big else None
        batch: list[DocumentRecord] = []
        try:
            for index, task in enumerate(iter_tasks(path)):
                document = self.take(task, duplicate=index in duplicates)
                if document is not None:
                    batch.append(document)
                if len(batch) < BATCH_SIZE:
                    continue
                job = submit(pool, batch, self._splits(batch)) if pool else None
                queue.append((self._take_issues(), batch, job))
                batch = []
                while queue and (pool is None or len(queue) > IN_FLIGHT * self.workers):
                    self._finish(*queue.popleft())
            queue.append((self._take_issues(), batch, None))
            while queue:
                self._finish(*queue.popleft())
        finally:
            if pool is not None:
                pool.terminate()

    def _take_issues(self) -> list[Issue]:
        issues, self.pending = self.pending, []
        return issues

    def _splits(self, batch: list[DocumentRecord]) -> list[str]:
        return [self.split_of[d.doc_id] for d in batch]

    def _finish(self, issues: list[Issue], batch: list[DocumentRecord], job: Any) -> None:
        """Write one batch: rendered by ``job`` in the pool, or here when there is no job."""
        self.log.add(issues)
        if job is not None:
            rendered: Rendered = job.get()
        else:
            assert self.context is not None, "run() sets the context"
            rendered = render_batch(batch, self._splits(batch), self.context)
        self.log.add(rendered.issues)
        for (config, split), table in sorted(rendered.tables.items()):
            self.sinks.write_arrow(config, split, table)
        for document, crossing, sentences in zip(
            batch, rendered.crossing, rendered.sentences, strict=True
        ):
            self.tally.add_crossing(crossing)
            self.tally.add_document(self.split_of[document.doc_id], document, sentences)

    def take(self, task: Task, duplicate: bool) -> DocumentRecord | None:
        """Resolve and select one task; returns the clean document, or None."""
        self.tally.tasks += 1
        self.tally.drafts += task.drafts
        self.pending += task.issues
        if duplicate:
            self.pending.append(_duplicate(task))
        submitted = task.submitted
        self.tally.cancelled += len(task.annotations) - len(submitted)
        self.tally.annotations += len(submitted)
        resolved = [resolve_annotation(task, a, self.ontology) for a in submitted]
        for r in resolved:
            self.pending += r.issues
        self._agree(resolved)
        selection = select_annotations(task, resolved, self.policy, self.ontology)
        self.pending += selection.issues
        used = set() if duplicate else set(selection.used)
        for annotation in task.annotations:
            row = raw_row(task, annotation, annotation.id in used)
            self.sinks.write("raw", self.split_of[task.doc_id], row)
        if duplicate or not submitted:
            self.tally.unannotated += not duplicate
            return None
        for name in selection.annotators:
            self.tally.annotators[name] += 1
        return DocumentRecord(
            task.id,
            task.doc_id,
            task.text,
            task.lang,
            task.meta,
            selection.entities,
            selection.events,
            selection.annotators,
        )

    def _agree(self, resolved: list[Resolved]) -> None:
        for a, b in combinations(resolved, 2):
            if a.annotation.annotator != b.annotation.annotator:
                self.agreement.compare(
                    [e.row(self.attributes) for e in a.events],
                    [e.row(self.attributes) for e in b.events],
                )


def _duplicate(task: Task) -> Issue:
    return Issue(
        "duplicate_doc_id",
        f"doc id {task.doc_id!r} was already used by an earlier task; this task is kept in the "
        "raw config only",
        task.id,
        None,
        None,
        task.doc_id,
        "document",
    )
