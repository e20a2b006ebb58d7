"""Resolve and select the annotations of one task, collecting everything into a batch part.

A ``Part`` is what one batch of tasks adds to a build: counts, issues in task order, agreement
between annotators, raw rows by split and the clean documents. Parts are filled in worker processes
and merged by the build process in batch order, so the result is the same as one pass.

Example:
    >>> part = Part()  # doctest: +SKIP
    >>> doc = take_task(task, False, "train", rules, part)  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from itertools import combinations

from eventset.annotate.parsed import Task
from eventset.export.policy import select_annotations
from eventset.export.rawcolumns import RawColumns
from eventset.export.records import DocumentRecord
from eventset.export.resolve import Resolved, resolve_annotation
from eventset.export.scoring import Scores, prepare_records
from eventset.export.tally import MAX_LISTED, Tally
from eventset.schema import Ontology
from eventset.schema.issues import Issue


@dataclass
class Rules:
    """What resolving and selecting need: the ontology, the policy and attribute names."""

    ontology: Ontology
    policy: str
    attributes: list[str]


@dataclass
class Part:
    """What one batch of tasks adds to the build."""

    tally: Tally = field(default_factory=Tally)
    issues: list[Issue] = field(default_factory=list)
    agreement: Scores = field(default_factory=Scores)
    raw: dict[str, RawColumns] = field(default_factory=dict)


def take_task(
    task: Task, duplicate: bool, split: str, rules: Rules, part: Part
) -> DocumentRecord | None:
    """Resolve and select one task into ``part``; returns the clean document, or None."""
    tally = part.tally
    tally.tasks += 1
    tally.drafts += task.drafts
    part.issues += task.issues
    if duplicate:
        tally.duplicates += 1
        part.issues.append(_duplicate(task))
    submitted = task.submitted
    tally.cancelled += len(task.annotations) - len(submitted)
    tally.annotations += len(submitted)
    resolved = [resolve_annotation(task, a, rules.ontology) for a in submitted]
    for r in resolved:
        part.issues += r.issues
        if r.unknown:
            tally.unknown_labels.update(r.unknown)
        tally.known_labels += r.known
        tally.known_event_labels += r.known_events
    _compare_annotators(resolved, rules.attributes, part.agreement)
    selection = select_annotations(task, resolved, rules.policy, rules.ontology)
    part.issues += selection.issues
    used = set() if duplicate else set(selection.used)
    if split not in part.raw:
        part.raw[split] = RawColumns()
    for a in task.annotations:
        part.raw[split].add(task, a, a.id in used)
    if duplicate or not submitted:
        tally.unannotated += not duplicate
        return None
    for name in selection.annotators:
        tally.annotators[name] += 1
    return DocumentRecord(
        task.id,
        task.doc_id,
        task.text,
        task.lang,
        task.meta,
        selection.entities,
        selection.events,
        selection.annotators,
        sources=selection.sources,
    )


def _compare_annotators(resolved: list[Resolved], attributes: list[str], into: Scores) -> None:
    """Score every pair of annotations by different annotators, in the order of the task.

    Each annotation's events are prepared for scoring once, not once per pair.
    """
    if len({r.annotation.annotator for r in resolved}) < 2:
        return
    prepared = [(r.annotation.annotator, prepare_records(r.events, attributes)) for r in resolved]
    for (one, a), (other, b) in combinations(prepared, 2):
        if one != other:
            into.compare_prepared(a, b)


def merge_tally(into: Tally, part: Tally) -> None:
    """Add the counts of ``part`` to ``into`` as if its tasks had been counted there."""
    for f in fields(Tally):
        mine, theirs = getattr(into, f.name), getattr(part, f.name)
        if f.name == "crossing_listed":
            room = max(MAX_LISTED - len(mine), 0)
            mine.extend(theirs[:room])
        elif isinstance(mine, int):
            setattr(into, f.name, mine + theirs)
        else:
            mine.update(theirs)


def _duplicate(task: Task) -> Issue:
    return Issue(
        "duplicate_doc_id",
        f"doc id {task.doc_id!r} belongs to another task of the export (the first with a "
        "submitted annotation, or the first of all when none has one); this task is kept in "
        "the raw config only",
        task.id,
        None,
        None,
        task.doc_id,
        "document",
    )
