"""Second pass of a build: resolve, select, tokenize and write tasks in batches."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import IO

from eventset.annotate.parse import Task, iter_tasks
from eventset.export.parquet import SinkSet
from eventset.export.policy import select_annotations
from eventset.export.records import DocumentRecord
from eventset.export.resolve import Resolved, resolve_annotation
from eventset.export.rows import document_row, raw_row, sentence_rows
from eventset.export.scoring import Scores
from eventset.export.tally import Tally
from eventset.export.tokens import Tokenizer, add_tokens
from eventset.schema import Ontology
from eventset.schema.issues import Issue

BATCH_SIZE = 256


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
    tokenizer: Tokenizer = field(default_factory=Tokenizer)

    @property
    def attributes(self) -> list[str]:
        return list(self.ontology.attributes)

    def run(self, path: Path, duplicates: set[int]) -> None:
        batch: list[DocumentRecord] = []
        for index, task in enumerate(iter_tasks(path)):
            document = self.take(task, duplicate=index in duplicates)
            if document is not None:
                batch.append(document)
            if len(batch) >= BATCH_SIZE:
                self.write_batch(batch)
                batch = []
        self.write_batch(batch)

    def take(self, task: Task, duplicate: bool) -> DocumentRecord | None:
        """Resolve and select one task; returns the clean document, or None."""
        self.tally.tasks += 1
        self.tally.drafts += task.drafts
        self.log.add(task.issues)
        if duplicate:
            self.log.add([_duplicate(task)])
        submitted = task.submitted
        self.tally.cancelled += len(task.annotations) - len(submitted)
        self.tally.annotations += len(submitted)
        resolved = [resolve_annotation(task, a, self.ontology) for a in submitted]
        for r in resolved:
            self.log.add(r.issues)
        self._agree(resolved)
        selection = select_annotations(task, resolved, self.policy, self.ontology)
        self.log.add(selection.issues)
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

    def write_batch(self, batch: list[DocumentRecord]) -> None:
        tokenized = self.tokenizer.tokenize([d.text for d in batch], [d.lang for d in batch])
        for document, tokens in zip(batch, tokenized, strict=True):
            self.log.add(add_tokens(document, tokens))
            split = self.split_of[document.doc_id]
            self.sinks.write(
                "documents", split, document_row(document, self.meta_fields, self.attributes)
            )
            rows, crossing = sentence_rows(document, self.attributes)
            for row in rows:
                self.sinks.write("sentences", split, row)
            self.tally.add_crossing(crossing)
            self.tally.add_document(split, document, len(rows))


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
