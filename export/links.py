"""Relations of one annotation -> role-labelled arguments and ``same_as`` clusters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventset.annotate.parsed import Region, Relation
from eventset.export.records import ArgumentRecord
from eventset.schema.ontology import COREF_RELATION

if TYPE_CHECKING:
    from eventset.export.resolve import Context


class UnionFind:
    """Disjoint sets of region ids; the representative is the smallest member by position."""

    def __init__(self, order: dict[str, tuple[int, int, str]]) -> None:
        self.parent: dict[str, str] = {}
        self.order = order

    def find(self, item: str) -> str:
        root = item
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while item != root:  # path compression keeps long chains cheap
            self.parent[item], item = root, self.parent.get(item, item)
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # (start, end, id) orders differ: ids are unique
            first, second = (rb, ra) if self.order[rb] < self.order[ra] else (ra, rb)
            self.parent[second] = first


@dataclass
class Links:
    """Arguments per trigger region id, and the clusters of entities and of events.

    Entities and events have a union-find each: a region labelled both as an entity and as a
    trigger joins an event cluster and an entity cluster independently, so an entity's
    cluster id always names an entity and an event's an event.
    """

    entities: UnionFind
    events: UnionFind
    arguments: dict[str, list[ArgumentRecord]] = field(default_factory=dict)


def representatives(clusters: UnionFind, kept: list[str]) -> dict[str, str]:
    """Cluster id of every kept mention: the first kept member of its cluster by position.

    Computed after validation, so a cluster id never names a mention that was left out.

    Example:
        >>> found = UnionFind({"a": (0, 1, "a"), "b": (5, 6, "b")})
        >>> found.union("a", "b")
        >>> representatives(found, ["b"])
        {'b': 'b'}
    """
    # Most mentions are alone in their cluster (never joined by same_as): they head it.
    heads = {region_id: region_id for region_id in kept}
    heads.update(joined_heads(clusters, kept))
    return heads


def joined_heads(clusters: UnionFind, kept: list[str]) -> dict[str, str]:
    """``representatives`` of the kept mentions that ``same_as`` joined to any region only; every
    other kept mention heads its own cluster."""
    joined = clusters.parent.keys() | clusters.parent.values()
    best: dict[str, str] = {}
    members = [region_id for region_id in kept if region_id in joined]
    for region_id in members:
        root = clusters.find(region_id)
        if root not in best or clusters.order[region_id] < clusters.order[best[root]]:
            best[root] = region_id
    return {region_id: best[clusters.find(region_id)] for region_id in members}


def link_relations(ctx: Context, regions: dict[str, Region], lean: bool = True) -> Links:
    """Read every relation of ``ctx.annotation``; problems become issues in ``ctx``.

    ``regions`` are the kept regions by id; ``lean=False`` reads every relation the general way
    (what the usual ones are read at once is compared with, in the tests).
    """
    order = _SpanOrder(regions)
    links = Links(UnionFind(order), UnionFind(order))
    seen: set[tuple[str, str, str]] = set()
    arguments = links.arguments
    event_type, entity_type, fillers = ctx.event_type, ctx.entity_type, ctx.ontology.fillers
    lean = lean and not ctx.annotation.ambiguous
    for relation in ctx.annotation.relations:
        # The usual relation at once: one role, drawn from a kept trigger (or back to it with
        # direction "left") to a kept entity that is no trigger and may fill the role, not drawn
        # before. _ends and _argument would read it the same way without an issue: both ends are
        # kept regions (the types are only given to those) and differ (one is a trigger, one not).
        labels = relation.labels
        if lean and len(labels) == 1:
            if relation.direction == "left":
                source, target = relation.to_id, relation.from_id
            else:
                source, target = relation.from_id, relation.to_id
            role = labels[0]
            trigger_type, filler_type = event_type.get(source), entity_type.get(target)
            if (
                trigger_type is not None
                and filler_type is not None
                and target not in event_type
                and role != COREF_RELATION
                and filler_type in fillers.get((trigger_type, role), ())
                and (key := (source, target, role)) not in seen
            ):
                seen.add(key)
                filler = regions[target]
                record = ArgumentRecord(
                    role, target, filler_type, filler.text, filler.start, filler.end
                )
                if source in arguments:
                    arguments[source].append(record)
                else:
                    arguments[source] = [record]
                continue
        ends = _ends(ctx, relation, regions)
        if ends is None:
            continue
        label = relation.labels[0]
        if label == COREF_RELATION:
            _corefer(ctx, links, relation, ends, regions)
        elif (ends[0], ends[1], label) in seen:
            ctx.issue(
                "duplicate_argument",
                f"{_where(relation)} repeats an earlier relation between the same regions "
                "with the same role; only the earlier one is read",
                ends[1],
                "argument",
                "warning",
            )
        else:
            seen.add((ends[0], ends[1], label))
            _argument(ctx, links, relation, ends, regions)
    return links


class _SpanOrder(dict[str, tuple[int, int, str]]):
    """(start, end, id) of each region, worked out when first asked for: only regions that
    ``same_as`` joins are ever compared, and most annotations have few such relations."""

    def __init__(self, regions: dict[str, Region]) -> None:
        super().__init__()
        self.regions = regions

    def __missing__(self, region_id: str) -> tuple[int, int, str]:
        region = self.regions[region_id]
        key = self[region_id] = (region.start, region.end, region_id)
        return key


def _drop(ctx: Context, relation: Relation, kind: str, message: str) -> None:
    """Report ``relation`` as unusable (its argument, or the ``same_as`` link, is lost)."""
    ctx.issue(
        kind,
        message,
        relation.from_id,
        "relation" if relation.labels == (COREF_RELATION,) else "argument",
    )


def _where(relation: Relation) -> str:
    return f"relation {relation.from_id} -> {relation.to_id} {list(relation.labels)}"


def _ends(ctx: Context, relation: Relation, regions: dict[str, Region]) -> tuple[str, str] | None:
    """(event end, other end) of a usable relation, or None after reporting why not."""
    ambiguous = ctx.annotation.ambiguous  # empty but in hand-made exports
    two = ambiguous and [rid for rid in (relation.from_id, relation.to_id) if rid in ambiguous]
    if two:
        _drop(
            ctx,
            relation,
            "relation_ambiguous_region",
            f"{_where(relation)}: region id {two[0]} names two spans (see its malformed_result "
            "issue), so the relation cannot tell which one it links",
        )
        return None
    if relation.from_id not in regions or relation.to_id not in regions:
        missing = [rid for rid in (relation.from_id, relation.to_id) if rid not in regions]
        known = ctx.annotation.regions
        rejected = missing[0] in known or missing[0] in ctx.annotation.rejected
        reason = "was left out (see its issue)" if rejected else "does not exist"
        why = f"{_where(relation)}: region {missing[0]} {reason}"
        _drop(ctx, relation, "relation_missing_region", why)
        return None
    if relation.from_id == relation.to_id:
        _drop(
            ctx,
            relation,
            "relation_to_itself",
            f"{_where(relation)} starts and ends at the same region: an event is not its own "
            "argument, nor a mention its own coreferent; draw it to the other region",
        )
        return None
    if len(relation.labels) != 1:
        kind = "relation_no_label" if not relation.labels else "relation_several_labels"
        # several labels that include a role lose an argument; no label loses a bare relation
        lost = "argument" if set(relation.labels) - {COREF_RELATION} else "relation"
        ctx.issue(kind, f"{_where(relation)} needs exactly one label", relation.from_id, lost)
        return None
    source, target = relation.oriented()
    # An arrow drawn from the argument to the trigger still means "argument of that event",
    # also between two triggers when only that reading fits (a region both trigger and entity).
    backwards = source not in ctx.event_type and target in ctx.event_type
    # both triggers (rare): the reading in which the role fits; _fits needs a trigger first
    if backwards or (
        target in ctx.event_type
        and not _fits(ctx, source, target, relation)
        and _fits(ctx, target, source, relation)
    ):
        source, target = target, source
    return source, target


def _fits(ctx: Context, trigger: str, other: str, relation: Relation) -> bool:
    """Whether ``other`` may fill the relation's role in the event at ``trigger``."""
    event_type, entity_type = ctx.event_type.get(trigger, ""), ctx.entity_type.get(other, "")
    return entity_type in ctx.ontology.fillers.get((event_type, relation.labels[0]), ())


def _corefer(
    ctx: Context,
    links: Links,
    relation: Relation,
    ends: tuple[str, str],
    regions: dict[str, Region],
) -> None:
    a, b = ends
    both_events = a in ctx.event_type and b in ctx.event_type
    both_entities = a in ctx.entity_type and b in ctx.entity_type
    if both_events:
        links.events.union(a, b)
    if both_entities:
        links.entities.union(a, b)
    if both_events or both_entities:
        return
    # an end whose labels were all refused (see its issue) is missing, as a rejected span is
    dropped = next((r for r in ends if _labels_left_out(ctx, regions[r])), None)
    if dropped is not None:
        ctx.issue(
            "relation_missing_region",
            f"{_where(relation)}: region {dropped} was left out (see its issue)",
            relation.from_id,
            "relation",
        )
    else:
        ctx.issue(
            "coref_mixed",
            f"{_where(relation)} joins {_kind(ctx, a)} and {_kind(ctx, b)}; same_as joins two "
            "entities or two events",
            a,
            "relation",
        )


def _labels_left_out(ctx: Context, region: Region) -> bool:
    """Whether ``region`` had a trigger or entity label but none was kept."""
    kept = region.id in ctx.event_type or region.id in ctx.entity_type
    return not kept and bool(region.trigger or region.entity or region.other)


def _kind(ctx: Context, region: str) -> str:
    """What ``region`` is for ``same_as``: "an event", "an entity" or why it is neither."""
    if region in ctx.event_type:
        return "an event"
    if region in ctx.entity_type:
        return "an entity"
    return f"region {region} (no known label)"


def _argument(
    ctx: Context,
    links: Links,
    relation: Relation,
    ends: tuple[str, str],
    regions: dict[str, Region],
) -> None:
    trigger, other = ends
    # "" is no type name: a missing event or entity type finds nothing allowed.
    if not _fits(ctx, trigger, other, relation):
        problem = (
            _left_out(ctx, relation, ends, regions)
            or _role_problem(ctx, relation, trigger)
            or _filler_problem(ctx, relation, ends, regions)
        )
        assert problem is not None, "an argument refused without a reason"
        kind, message, region = problem
        ctx.issue(kind, f"{_where(relation)}: {message}", region, "argument")
        return
    filler = regions[other]
    links.arguments.setdefault(trigger, []).append(
        ArgumentRecord(
            relation.labels[0],
            other,
            ctx.entity_type[other],
            filler.text,
            filler.start,
            filler.end,
        )
    )


Problem = tuple[str, str, str]


def _left_out(
    ctx: Context, relation: Relation, ends: tuple[str, str], regions: dict[str, Region]
) -> Problem | None:
    """A relation whose trigger or entity was labelled as such but left out (see its issue)."""
    trigger, other = ends
    if trigger not in ctx.event_type:
        # neither end is a kept trigger: name one that was labelled as a trigger, if any
        dropped = next((rid for rid in ends if regions[rid].trigger), None)
        if dropped is not None:
            return _missing(dropped, "event")
    elif other not in ctx.entity_type and regions[other].entity:
        return _missing(other, "entity")
    return None


def _missing(region: str, what: str) -> Problem:
    return (
        "relation_missing_region",
        f"the {what} at region {region} was left out (see its issue)",
        region,
    )


def _role_problem(ctx: Context, relation: Relation, trigger: str) -> Problem | None:
    """Why the relation's label cannot be a role of the event at ``trigger``, if it cannot."""
    role = relation.labels[0]
    if trigger not in ctx.event_type:
        return (
            "relation_between_entities",
            "connects two regions that are not triggers; only same_as may join entities",
            trigger,
        )
    if role not in ctx.ontology.role_names:
        return (
            "unknown_role",
            f"{role!r} is not a role of ontology {ctx.ontology.name!r}",
            trigger,
        )
    event_type = ctx.ontology.event_type(ctx.event_type[trigger])
    names = [r.name for r in event_type.roles]
    if role not in names:
        return (
            "role_not_allowed",
            f"{event_type.name} has no role {role!r} (roles: {', '.join(names)})",
            trigger,
        )
    return None


def _filler_problem(
    ctx: Context, relation: Relation, ends: tuple[str, str], regions: dict[str, Region]
) -> Problem | None:
    """Why the region at the other end cannot fill the role, if it cannot."""
    trigger, other = ends
    event_type = ctx.ontology.event_type(ctx.event_type[trigger])
    allowed = event_type.role(relation.labels[0]).allowed
    entity_type = ctx.entity_type.get(other)
    text = regions[other].text
    if entity_type is None:
        return ("argument_not_entity", f"{text!r} has no known entity label", other)
    if entity_type not in allowed:
        return (
            "argument_type_not_allowed",
            f"{event_type.name}.{relation.labels[0]} does "
            f"not accept {entity_type} {text!r}; allowed: {', '.join(allowed)}",
            other,
        )
    return None
