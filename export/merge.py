"""Merge several annotators' records of one document: the union, or what a majority marked.

Mentions are matched by exact span and type; arguments by event, role, entity type and span.
A majority counts annotators, not mentions: a key marked twice by one annotator (or in two of
their annotations) is one vote. Ids come from the first annotation that has the mention (prefixed
by the annotation id when two annotations reuse a region id). ``same_as`` clusters carry over:
two merged mentions that any annotator put in one cluster share a cluster, named after its first
member by position. Merged events are validated again with the ontology. Whatever the vote leaves
out is named by a ``no_majority`` issue per mention.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Protocol, TypeVar

from msgspec.structs import replace
from pydantic import ValidationError

from eventset.annotate.parsed import Task
from eventset.export.links import UnionFind, representatives
from eventset.export.records import EntityRecord, EventRecord, event_payload
from eventset.export.resolve import Resolved
from eventset.schema import Ontology
from eventset.schema.issues import Issue

EventKey = tuple[str, int, int]
ArgKey = tuple[EventKey, tuple[str, str, int, int]]
K = TypeVar("K", bound=Hashable)
AnnotationId = int | str | None


class _Mention(Protocol):
    id: str
    cluster_id: str

    def key(self) -> tuple[str, int, int]: ...


def merge_resolved(
    task: Task, resolved: list[Resolved], ontology: Ontology, majority: bool
) -> tuple[list[EntityRecord], list[EventRecord], list[Issue], dict[str, AnnotationId]]:
    """Union (``majority=False``) or majority vote of ``resolved``.

    Returns the records, the issues and the annotation each merged mention id was taken from.
    """
    ordered = sorted(
        resolved, key=lambda r: (time_key(r.annotation.created_at), order_key(r.annotation.id))
    )
    need = len({r.annotation.annotator for r in ordered}) // 2 + 1 if majority else 1
    event_votes = _votes(ordered, lambda r: (e.key() for e in r.events))
    arg_votes = _votes(
        ordered, lambda r: ((e.key(), a.key()) for e in r.events for a in e.arguments)
    )
    entity_votes = _votes(ordered, lambda r: (x.key() for x in r.entities))
    kept_args = {k for k, n in arg_votes.items() if n >= need and event_votes[k[0]] >= need}
    wanted = {k for k, n in entity_votes.items() if n >= need}
    wanted |= {(a[1], a[2], a[3]) for _, a in kept_args}
    entities, ids, sources = _merge_entities(ordered, wanted)
    # an event may share an id with an entity only as the same region (annotation and span)
    regions = {x.id: (sources[x.id], x.start, x.end) for x in entities}
    events: dict[EventKey, EventRecord] = {}
    issues: list[Issue] = []
    for r in ordered:
        issues += _left_out(task, r, need, event_votes, kept_args, wanted) if majority else []
        for event in r.events:
            if event_votes[event.key()] >= need:
                chosen: dict[str, str] = {}
                if event.key() not in events:  # the vote, once per merged event
                    mentions = _mentions(event, ordered)
                    voters = _voters(mentions)
                    chosen = _vote_attributes(event, list(voters.values()))
                    issues += _disagreements(task, event, mentions, voters, chosen)
                _add_event(events, event, kept_args, ids, chosen, r, regions)
                sources.setdefault(events[event.key()].id, r.annotation.id)
    # An event equal to one an annotator made was validated already; only new mixes are checked.
    seen = {_signature(e) for r in ordered for e in r.events}
    valid = [
        e for e in events.values() if _signature(e) in seen or _valid(task, e, ontology, issues)
    ]
    for merged, of in ((entities, "entities"), (valid, "events")):
        sides = [(r.annotation.annotator, r.annotation.id, getattr(r, of)) for r in ordered]
        lost = _carry_clusters(merged, sides, need)
        issues += [_lost_link(task, need, *link) for link in lost] if majority else []
    return entities, valid, issues, sources


def _lost_link(
    task: Task, need: int, annotation: AnnotationId, first: _Mention, second: _Mention
) -> Issue:
    what = f"same_as {_text(first)!r} = {_text(second)!r} (relation {first.id} -> {second.id})"
    return Issue(
        "no_majority",
        f"fewer than {need} annotators agree on: {what}",
        task.id,
        annotation,
        first.id,
        task.doc_id,
        "relation",
        "warning",
    )


def _text(mention: _Mention) -> str:
    if isinstance(mention, EventRecord):
        return mention.trigger.text
    return str(getattr(mention, "text", ""))


def time_key(value: str) -> tuple[int, float | str]:
    """Order of Label Studio timestamps by the instant they name (UTC when no offset is given).

    Strings compared as text put ``10:00:00.5Z`` before ``10:00:00Z`` and ``12:00+02:00`` after
    ``11:00Z``; anything that is not ISO 8601 sorts after every timestamp, as text.

    Example:
        >>> time_key("2026-01-01T12:00:00+02:00") < time_key("2026-01-01T11:00:00Z")
        True
    """
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return (1, value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (0, moment.timestamp())


def order_key(value: object) -> tuple[int, object]:
    """Order of annotation ids: numbers (and numeric strings such as ``"10"``) first, by value."""
    if isinstance(value, str) and value.isascii() and value.isdigit():  # not "²": no int
        value = int(value)
    return (0, value) if isinstance(value, int) else (1, str(value))


def _votes(ordered: list[Resolved], keys: Callable[[Resolved], Iterable[K]]) -> Counter[K]:
    """How many annotators marked each key (at most one vote per annotator)."""
    per_annotator: dict[str, set[K]] = {}
    for r in ordered:
        per_annotator.setdefault(r.annotation.annotator, set()).update(keys(r))
    votes: Counter[K] = Counter()
    for marked in per_annotator.values():
        votes.update(marked)
    return votes


def _carry_clusters(
    merged: Sequence[_Mention],
    sources: list[tuple[str, AnnotationId, Sequence[_Mention]]],
    need: int = 1,
) -> list[tuple[AnnotationId, _Mention, _Mention]]:
    """Join merged mentions that annotators clustered; name each cluster by its first member.

    With ``need`` 1 (``all``) any annotator's cluster joins its mentions; above 1 (``majority``)
    two mentions are linked when at least ``need`` annotators put them in one cluster (one vote
    per annotator), and clusters are what those links join. Returns the links the vote left
    out: the annotation and its own two mentions, once per annotator and pair.
    """
    by_key = {m.key(): m.id for m in merged}
    order = {m.id: (m.key()[1], m.key()[2], m.id) for m in merged}
    found = UnionFind(order)
    links: dict[str, dict[tuple[str, str], tuple[AnnotationId, _Mention, _Mention]]] = {}
    for annotator, annotation, mentions in sources:
        clusters: dict[str, list[tuple[str, _Mention]]] = {}
        for mention in mentions:
            merged_id = by_key.get(mention.key())
            if merged_id is not None:
                clusters.setdefault(mention.cluster_id, []).append((merged_id, mention))
        for members in clusters.values():
            if need == 1:
                for other, _ in members[1:]:
                    found.union(members[0][0], other)
            elif len(members) > 1:
                own = dict(sorted(members, key=lambda m: m[0]))  # merged id -> own mention
                ids = sorted(own)
                pairs = links.setdefault(annotator, {})
                for i, a in enumerate(ids):
                    for b in ids[i + 1 :]:
                        pairs.setdefault((a, b), (annotation, own[a], own[b]))
    votes: Counter[tuple[str, str]] = Counter()
    for pairs in links.values():
        votes.update(pairs.keys())  # one vote per annotator and pair
    for (a, b), count in votes.items():
        if count >= need:
            found.union(a, b)
    heads = representatives(found, list(order))
    for m in merged:
        m.cluster_id = heads[m.id]
    # a pair that the others' links join anyway (a-b, b-c voted; a-c not) is not lost
    return [
        link
        for pairs in links.values()
        for (a, b), link in pairs.items()
        if votes[(a, b)] < need and found.find(a) != found.find(b)
    ]


def _merge_entities(
    ordered: list[Resolved], wanted: set[tuple[str, int, int]]
) -> tuple[list[EntityRecord], dict[tuple[str, int, int], str], dict[str, AnnotationId]]:
    ids: dict[tuple[str, int, int], str] = {}
    sources: dict[str, AnnotationId] = {}
    out: list[EntityRecord] = []
    for r in ordered:
        for entity in r.entities:
            if entity.key() in wanted and entity.key() not in ids:
                ids[entity.key()] = _fresh_id(entity.id, r, set(ids.values()))
                sources[ids[entity.key()]] = r.annotation.id
                out.append(replace(entity, id=ids[entity.key()]))
    return sorted(out, key=lambda x: (x.start, x.end, x.type)), ids, sources


def _fresh_id(region_id: str, r: Resolved, used: set[str]) -> str:
    return region_id if region_id not in used else f"{r.annotation.id}-{region_id}"


def _add_event(
    events: dict[EventKey, EventRecord],
    event: EventRecord,
    kept_args: set[ArgKey],
    ids: dict[tuple[str, int, int], str],
    attributes: dict[str, str],
    r: Resolved,
    regions: dict[str, tuple[AnnotationId, int, int]],
) -> None:
    """Add ``event``'s kept arguments to its merged event, created (with ``attributes``) first.

    Its id is new among the events and among the entities (``regions``: id -> annotation and
    span), unless the entity is this very region, so an id names one annotation's region.
    """
    merged = events.get(event.key())
    if merged is None:
        here = (r.annotation.id, event.trigger.start, event.trigger.end)
        used = {e.id for e in events.values()}
        used |= {rid for rid, where in regions.items() if where != here}
        fresh = _fresh_id(event.id, r, used)
        merged = replace(
            event,
            id=fresh,
            cluster_id=fresh,
            arguments=[],
            attributes=attributes,
        )
        events[event.key()] = merged
    have = {a.key() for a in merged.arguments}
    for argument in event.arguments:
        if (event.key(), argument.key()) in kept_args and argument.key() not in have:
            entity_id = ids[(argument.entity_type, argument.start, argument.end)]
            merged.arguments.append(replace(argument, entity_id=entity_id))
            have.add(argument.key())


def _vote_attributes(
    event: EventRecord, mentions: list[tuple[Resolved, EventRecord]]
) -> dict[str, str]:
    """Most frequent value per attribute; a tie keeps the earliest annotation's value.

    Each annotator votes once: with their earliest mention of the event (``_voters``).
    """
    same = [e for _, e in mentions] or [event]
    out = {}
    for name, first in event.attributes.items():
        counts = Counter(e.attributes.get(name, first) for e in same)
        out[name] = max(counts, key=lambda v: (counts[v], v == first))
    return out


def _voters(
    mentions: list[tuple[Resolved, EventRecord]],
) -> dict[str, tuple[Resolved, EventRecord]]:
    """Each annotator's earliest of ``mentions`` (of one event), with its annotation."""
    by_annotator: dict[str, tuple[Resolved, EventRecord]] = {}
    for r, e in mentions:
        by_annotator.setdefault(r.annotation.annotator, (r, e))
    return by_annotator


def _mentions(event: EventRecord, among: list[Resolved]) -> list[tuple[Resolved, EventRecord]]:
    """Every mention of ``event`` (same type and span), with its annotation, in order."""
    return [(r, e) for r in among for e in r.events if e.key() == event.key()]


def _disagreements(
    task: Task,
    event: EventRecord,
    mentions: list[tuple[Resolved, EventRecord]],
    voters: dict[str, tuple[Resolved, EventRecord]],
    chosen: dict[str, str],
) -> list[Issue]:
    """An ``attribute_disagreement`` warning per mention whose attribute value is not the one
    chosen: of a voter, or of an annotator's later annotation, which did not vote."""
    found = []
    for r, mention in mentions:
        annotator, annotation = r.annotation.annotator, r.annotation.id
        voted, vote = voters[annotator]
        note = _not_voted(annotator, (voted.annotation.id, vote.id), annotation, mention.id)
        for name, value in chosen.items():
            given = mention.attributes.get(name, value)
            if given != value:
                found.append(
                    Issue(
                        "attribute_disagreement",
                        f"{event.type} {event.trigger.text!r}: {name} is {value!r} in the "
                        f"dataset (most annotators, ties to the earliest); this annotation "
                        f"says {given!r}{note}",
                        task.id,
                        r.annotation.id,
                        mention.id,
                        task.doc_id,
                        "nothing",
                        "warning",
                    )
                )
    return found


def _not_voted(
    annotator: str, voter: tuple[AnnotationId, str], annotation: AnnotationId, mention: str
) -> str:
    """Why a mention's value did not count, when it is not its annotator's voting mention."""
    if voter == (annotation, mention):
        return ""
    if voter[0] == annotation:
        return f" (a repeated mention; this annotation voted with {voter[1]})"
    return f" (annotator {annotator} voted with annotation {voter[0]})"


def _left_out(
    task: Task,
    r: Resolved,
    need: int,
    event_votes: Counter[EventKey],
    kept_args: set[ArgKey],
    wanted: set[tuple[str, int, int]],
) -> list[Issue]:
    """One ``no_majority`` issue per event, argument and entity of ``r`` that the vote left out."""
    lost: list[tuple[str, str, str]] = []
    for e in r.events:
        if event_votes[e.key()] < need:
            lost.append((e.id, "event", f"{e.type} {e.trigger.text!r}"))
            continue
        lost += [
            (e.id, "argument", f"{e.type}.{a.role} {a.text!r} (relation {e.id} -> {a.entity_id})")
            for a in e.arguments
            if (e.key(), a.key()) not in kept_args
        ]
    lost += [(x.id, "entity", f"{x.type} {x.text!r}") for x in r.entities if x.key() not in wanted]
    return [
        Issue(
            "no_majority",
            f"fewer than {need} annotators agree on: {what}",
            task.id,
            r.annotation.id,
            region,
            task.doc_id,
            dropped,
            "warning",
        )
        for region, dropped, what in lost
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
