"""Merge several annotators' records of one document: the union, or what a majority marked.

Mentions are matched by exact span and type; arguments by event, role, entity type and span.
Ids come from the first annotation that has the mention (prefixed by the annotation id when two
annotations reuse a region id). Merged events are validated again with the ontology.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from pydantic import ValidationError

from eventset.annotate.parse import Task
from eventset.export.records import EntityRecord, EventRecord, event_payload
from eventset.export.resolve import Resolved
from eventset.schema import Ontology
from eventset.schema.issues import Issue

EventKey = tuple[str, int, int]
ArgKey = tuple[EventKey, tuple[str, str, int, int]]


def merge_resolved(
    task: Task, resolved: list[Resolved], ontology: Ontology, majority: bool
) -> tuple[list[EntityRecord], list[EventRecord], list[Issue]]:
    """Union (``majority=False``) or majority vote of ``resolved``; returns records and issues."""
    ordered = sorted(resolved, key=lambda r: (r.annotation.created_at, str(r.annotation.id)))
    need = len(ordered) // 2 + 1 if majority else 1
    event_votes = Counter(e.key() for r in ordered for e in r.events)
    arg_votes = Counter((e.key(), a.key()) for r in ordered for e in r.events for a in e.arguments)
    entity_votes = Counter(x.key() for r in ordered for x in r.entities)
    kept_args = {k for k, n in arg_votes.items() if n >= need and event_votes[k[0]] >= need}
    wanted = {k for k, n in entity_votes.items() if n >= need}
    wanted |= {(a[1], a[2], a[3]) for _, a in kept_args}
    entities, ids = _merge_entities(ordered, wanted)
    events: dict[EventKey, EventRecord] = {}
    issues: list[Issue] = []
    for r in ordered:
        issues += _left_out(task, r, need, event_votes, kept_args) if majority else []
        for event in r.events:
            if event_votes[event.key()] >= need:
                _add_event(events, event, kept_args, ids, ordered if majority else [], r)
    # An event equal to one an annotator made was validated already; only new mixes are checked.
    seen = {_signature(e) for r in ordered for e in r.events}
    valid = [
        e for e in events.values() if _signature(e) in seen or _valid(task, e, ontology, issues)
    ]
    return entities, valid, issues


def _merge_entities(
    ordered: list[Resolved], wanted: set[tuple[str, int, int]]
) -> tuple[list[EntityRecord], dict[tuple[str, int, int], str]]:
    ids: dict[tuple[str, int, int], str] = {}
    out: list[EntityRecord] = []
    for r in ordered:
        local = {x.id: x for x in r.entities}
        added = []
        for entity in r.entities:
            if entity.key() in wanted and entity.key() not in ids:
                ids[entity.key()] = _fresh_id(entity.id, r, set(ids.values()))
                added.append(replace(entity, id=ids[entity.key()]))
        for entity in added:  # clusters point at the merged id of the representative
            head = local.get(entity.cluster_id)
            entity.cluster_id = ids.get(head.key(), entity.id) if head else entity.id
        out += added
    return sorted(out, key=lambda x: (x.start, x.end, x.type)), ids


def _fresh_id(region_id: str, r: Resolved, used: set[str]) -> str:
    return region_id if region_id not in used else f"{r.annotation.id}-{region_id}"


def _add_event(
    events: dict[EventKey, EventRecord],
    event: EventRecord,
    kept_args: set[ArgKey],
    ids: dict[tuple[str, int, int], str],
    voters: list[Resolved],
    r: Resolved,
) -> None:
    merged = events.get(event.key())
    if merged is None:
        fresh = _fresh_id(event.id, r, {e.id for e in events.values()})
        merged = replace(
            event,
            id=fresh,
            cluster_id=fresh,
            arguments=[],
            attributes=_vote_attributes(event, voters),
        )
        events[event.key()] = merged
    have = {a.key() for a in merged.arguments}
    for argument in event.arguments:
        if (event.key(), argument.key()) in kept_args and argument.key() not in have:
            entity_id = ids[(argument.entity_type, argument.start, argument.end)]
            merged.arguments.append(replace(argument, entity_id=entity_id))
            have.add(argument.key())


def _vote_attributes(event: EventRecord, voters: list[Resolved]) -> dict[str, str]:
    """Most frequent value per attribute; a tie keeps the earliest annotation's value."""
    same = [e for r in voters for e in r.events if e.key() == event.key()] or [event]
    out = {}
    for name, first in event.attributes.items():
        counts = Counter(e.attributes.get(name, first) for e in same)
        out[name] = max(counts, key=lambda v: (counts[v], v == first))
    return out


def _left_out(
    task: Task, r: Resolved, need: int, event_votes: Counter[EventKey], kept_args: set[ArgKey]
) -> list[Issue]:
    lost = [f"{e.type} {e.trigger.text!r}" for e in r.events if event_votes[e.key()] < need]
    lost_args = [
        f"{e.type}.{a.role} {a.text!r}"
        for e in r.events
        for a in e.arguments
        if event_votes[e.key()] >= need and (e.key(), a.key()) not in kept_args
    ]
    if not lost and not lost_args:
        return []
    return [
        Issue(
            "no_majority",
            f"fewer than {need} annotators agree on: {', '.join(lost + lost_args)}",
            task.id,
            r.annotation.id,
            None,
            task.doc_id,
            "event" if lost else "argument",
            "warning",
        )
    ]


def _signature(event: EventRecord) -> tuple[object, ...]:
    return (
        event.key(),
        frozenset(a.key() for a in event.arguments),
        tuple(sorted(event.attributes.items())),
    )


def _valid(task: Task, event: EventRecord, ontology: Ontology, issues: list[Issue]) -> bool:
    try:
        ontology.event_type(event.type).cls.model_validate(event_payload(event))
    except ValidationError as exc:
        issues.append(
            Issue(
                "invalid_event",
                f"merged {event.type} {event.trigger.text!r} fails validation: "
                f"{exc.errors()[0].get('msg')}",
                task.id,
                None,
                event.id,
                task.doc_id,
                "event",
            )
        )
        return False
    return True
