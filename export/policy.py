"""Choose what goes into the clean dataset when a task has several annotations.

A ground-truth annotation always wins (the latest one if there are several). Otherwise:
``latest`` (most recently updated), ``first`` (earliest created), ``all`` (union of every
annotator's mentions, identical ones once) or ``majority`` (triggers and arguments that more than
half of the annotators marked with the exact same span, type and role).

Example:
    >>> selection = select_annotations(task, resolved, "majority", onto)  # doctest: +SKIP
    >>> selection.annotators  # doctest: +SKIP
    ['1', '3']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from eventset.annotate.parsed import Task
from eventset.export.merge import merge_resolved, order_key, time_key
from eventset.export.records import EntityRecord, EventRecord
from eventset.export.resolve import Resolved
from eventset.schema import Ontology
from eventset.schema.issues import Issue

POLICIES = ("latest", "first", "all", "majority")


@dataclass
class Selection:
    """The records chosen for one document and the issues the choice produced."""

    entities: list[EntityRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    annotators: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    used: list[int | str | None] = field(default_factory=list)
    sources: dict[str, int | str | None] = field(default_factory=dict)  # mention id -> annotation


def select_annotations(
    task: Task, resolved: list[Resolved], policy: str, ontology: Ontology
) -> Selection:
    """Apply ``policy`` to the resolved submitted annotations of ``task``."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)}")
    if not resolved:
        return Selection()
    truth = [r for r in resolved if r.annotation.ground_truth]
    if truth or policy in ("latest", "first"):
        pool = truth or resolved
        how = "latest" if truth else policy
        chosen, undated = _pick(pool, how)
        selection = Selection(
            list(chosen.entities),
            list(chosen.events),
            [chosen.annotation.annotator],
            used=[chosen.annotation.id],
            sources=dict.fromkeys(
                [x.id for x in chosen.entities] + [e.id for e in chosen.events],
                chosen.annotation.id,
            ),
        )
        reason = "a ground-truth annotation exists" if truth else f"policy {policy!r}"
        for other in resolved:
            if other is not chosen:
                selection.issues.append(_not_selected(task, other, reason))
        selection.issues += [_undated(task, r, how) for r in undated]
        return selection
    entities, events, issues, sources = merge_resolved(
        task, resolved, ontology, policy == "majority"
    )
    annotators = sorted({r.annotation.annotator for r in resolved}, key=order_key)
    used = [r.annotation.id for r in resolved]
    return Selection(entities, events, annotators, issues, used, sources)


def _pick(pool: list[Resolved], policy: str) -> tuple[Resolved, list[Resolved]]:
    """The earliest created (``first``) or latest updated annotation, and the annotations of a
    pool of several whose timestamp is missing or not ISO 8601: they lose to every dated one
    either way (``_undated`` says so)."""
    if len(pool) == 1:
        return pool[0], []
    keys = [(time_key(_stamp(r, policy)), order_key(r.annotation.id)) for r in pool]
    undated = [r for r, key in zip(pool, keys, strict=True) if key[0][0]]
    if policy == "first":  # dated first: (0, instant) sorts before (1, text)
        at = min(range(len(pool)), key=keys.__getitem__)
    else:  # undated last: the latest dated one wins
        at = max(range(len(pool)), key=lambda i: (not keys[i][0][0], keys[i]))
    return pool[at], undated


def _stamp(resolved: Resolved, policy: str) -> str:
    annotation = resolved.annotation
    return annotation.created_at if policy == "first" else annotation.updated_at


def _undated(task: Task, resolved: Resolved, policy: str) -> Issue:
    field = "created_at" if policy == "first" else "updated_at (or created_at)"
    return Issue(
        "annotation_time_unknown",
        f"annotation by {resolved.annotation.annotator} has no ISO 8601 {field} "
        f"({_stamp(resolved, policy)!r}), so policy {policy!r} could not place it in time; "
        "it was chosen only if no other annotation had a date",
        task.id,
        resolved.annotation.id,
        None,
        task.doc_id,
        "nothing",
        "warning",
    )


def _not_selected(task: Task, other: Resolved, reason: str) -> Issue:
    arguments = sum(len(e.arguments) for e in other.events)
    kinds = Counter(e.type for e in other.events)
    listing = ", ".join(f"{n} {t}" for t, n in sorted(kinds.items())) or "no events"
    return Issue(
        "annotation_not_selected",
        f"annotation by {other.annotation.annotator} ({len(other.events)} event(s): {listing}; "
        f"{arguments} argument(s)) is kept in the raw config only, because {reason}",
        task.id,
        other.annotation.id,
        None,
        task.doc_id,
        "annotation",
        "info",  # a consequence of the chosen policy, not a problem in the data
    )
