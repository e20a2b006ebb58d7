"""Turn one parsed annotation into validated entity and event records, collecting issues.

Relations from a trigger to an entity region become role-labelled arguments; ``same_as``
relations join mentions into clusters (union-find); attributes come from per-region choices with
the ontology's defaults when absent. Every event is validated with the ontology's pydantic class.
Whatever is left out is named by an ``Issue``.

Example:
    >>> resolved = resolve_annotation(task, task.annotations[0], onto)  # doctest: +SKIP
    >>> [e.type for e in resolved.events]  # doctest: +SKIP
    ['MilitaryOperation']
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from pydantic import ValidationError

from eventset.annotate.parsed import Annotation, Region, Task
from eventset.export.choices import read_choices, read_plain_choices
from eventset.export.links import joined_heads, link_relations
from eventset.export.records import (
    ArgumentRecord,
    EntityRecord,
    EventRecord,
    TriggerRecord,
    event_payload,
)
from eventset.export.spancheck import checked_span
from eventset.schema import Ontology
from eventset.schema.issues import Issue, Severity
from eventset.schema.shapes import Shape, shape_decides


@dataclass
class Resolved:
    """The clean records of one annotation plus the issues found on the way."""

    annotation: Annotation
    entities: list[EntityRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)  # ("event"|"entity", label)
    known: int = 0  # labels read that the ontology has (one per region and kind)
    known_events: int = 0  # of those, event types


@dataclass
class Context:
    """What the resolving steps share: the task, the annotation, the ontology and the issues."""

    task: Task
    annotation: Annotation
    ontology: Ontology
    issues: list[Issue] = field(default_factory=list)
    event_type: dict[str, str] = field(default_factory=dict)
    entity_type: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    unknown: list[tuple[str, str]] = field(default_factory=list)
    known: int = 0  # known labels of regions left out for their span (others are counted later)
    known_events: int = 0  # of those, event types

    def issue(
        self,
        kind: str,
        message: str,
        region: str | None,
        dropped: str,
        severity: Severity = "error",
    ) -> None:
        self.issues.append(
            Issue(
                kind,
                message,
                self.task.id,
                self.annotation.id,
                region,
                self.task.doc_id,
                dropped=dropped,
                severity=severity,
            )
        )


def resolve_annotation(
    task: Task, annotation: Annotation, ontology: Ontology, *, lean: bool = True
) -> Resolved:
    """Validate ``annotation`` of ``task`` against ``ontology``; see the module docstring.

    Issues come in the order of the steps: spans, labels, choices, relations, events, each in
    region (or relation) order. The usual region (at most one label of each kind, known, from
    eventset's controls; choices of one known value each) is read as its span is checked, since
    it cannot raise an issue; the others wait for their step. ``lean=False`` reads every region
    and relation the general way (what the usual ones are compared with, in the tests).
    """
    ctx = Context(task, annotation, ontology)
    text, size = task.text, len(task.text)
    event_types, entity_types = ontology.event_types, ontology.entity_types
    event_type, entity_type = ctx.event_type, ctx.entity_type
    valid: list[Region] = []
    odd: list[Region] = []  # labels read one by one after every span (with their issues)
    choosing: list[Region] = []  # choices read one by one after every label
    triggers: list[Region] = []  # with an event type (the usual regions; all once one is odd)
    entities: list[EntityRecord] = []
    changed = False  # a region was left out or its span corrected
    for drawn in annotation.regions.values():  # issues in region order, as they come
        r = drawn
        # the usual span: inside the text, as drawn, no whitespace at its edges (so not blank;
        # ``strip`` returns the very string when it has nothing to strip)
        if not (
            lean
            and 0 <= r.start < r.end <= size
            and text[r.start : r.end] == r.text
            and r.text.strip() is r.text
        ):
            changed = True
            usable = checked_span(ctx, drawn)
            if usable is None:
                continue
            r = usable
        valid.append(r)
        trigger, entity = r.trigger, r.entity
        if (
            lean
            and (trigger or entity)
            and not r.other
            and (not trigger or (len(trigger) == 1 and trigger[0] in event_types))
            and (not entity or (len(entity) == 1 and entity[0] in entity_types))
        ):
            if trigger:
                event_type[r.id] = trigger[0]
                triggers.append(r)
                if r.choices and not read_plain_choices(ctx, r, trigger[0]):
                    choosing.append(r)
            elif r.choices:
                choosing.append(r)
            if entity:
                entity_type[r.id] = entity[0]
                entities.append(EntityRecord(r.id, r.id, entity[0], r.text, r.start, r.end))
        else:
            odd.append(r)
            if r.choices:
                choosing.append(r)
    if odd:
        for region in odd:
            _labels(ctx, region)
        triggers = [r for r in valid if r.id in event_type]
        entities = [
            EntityRecord(r.id, r.id, entity_type[r.id], r.text, r.start, r.end)
            for r in valid
            if r.id in entity_type
        ]
    known = ctx.known + len(event_type) + len(entity_type)
    known_events = ctx.known_events + len(event_type)
    for region in choosing:
        read_choices(ctx, region)
    # Regions are keyed by their ids: while none was left out or changed, they are the kept ones.
    regions = {r.id: r for r in valid} if changed or not lean else annotation.regions
    links = link_relations(ctx, regions, lean)
    events = []
    for region in triggers:
        if region.id in event_type:  # not dropped by its choices
            event = _build_event(ctx, region, links.arguments.get(region.id, []))
            if event is not None:
                events.append(event)
    if len({e.key() for e in events}) < len(events):
        _same_span_events(ctx, events)
    # Representatives come from what was kept: a cluster id never names a dropped mention.
    # A record heads its own cluster (as built) unless same_as joined some regions.
    for records, found in ((entities, links.entities), (events, links.events)):
        if found.parent:
            heads = joined_heads(found, [x.id for x in records])
            for record in records:
                if record.id in heads:
                    record.cluster_id = heads[record.id]
    return Resolved(annotation, entities, events, ctx.issues, ctx.unknown, known, known_events)


def _same_span_events(ctx: Context, events: list[EventRecord]) -> None:
    """Warn about events of one type on one span: scoring counts them once, and the ``all`` and
    ``majority`` policies merge them (arguments joined)."""
    by_key: dict[tuple[str, int, int], list[EventRecord]] = {}
    for event in events:
        by_key.setdefault(event.key(), []).append(event)
    for (kind, start, end), same in by_key.items():
        if len(same) > 1:
            ctx.issue(
                "duplicate_event",
                f"{len(same)} {kind} events on {same[0].trigger.text!r} at {start}..{end} "
                f"({', '.join(e.id for e in same)}): scoring counts them as one and the all and "
                "majority policies merge them; delete one, or give each its own trigger word",
                same[1].id,
                "nothing",
                "warning",
            )


def _no_label(ctx: Context, region: Region) -> None:
    ctx.issue(
        "region_no_label",
        f"region {region.text!r} at {region.start}..{region.end} has no label (its labels were "
        "all removed, or it was drawn without one): pick an event or entity type, or delete it",
        region.id,
        "nothing",
    )


def _labels(ctx: Context, region: Region) -> None:
    """The event and entity type of ``region`` into ``ctx``, or the issues why not."""
    trigger, entity, ontology = region.trigger, region.entity, ctx.ontology
    if region.other or len(trigger) > 1 or len(entity) > 1:
        _read_labels(ctx, region)
    elif not trigger and not entity and not region.choices:
        _no_label(ctx, region)
    else:
        if trigger:
            if trigger[0] in ontology.event_types:
                ctx.event_type[region.id] = trigger[0]
            else:
                _one_label(ctx, region, trigger, ontology.event_types, ctx.event_type, "event")
        if entity:
            if entity[0] in ontology.entity_types:
                ctx.entity_type[region.id] = entity[0]
            else:
                _one_label(ctx, region, entity, ontology.entity_types, ctx.entity_type, "entity")


def _read_labels(ctx: Context, region: Region) -> None:
    for control, names in sorted(region.other.items()):
        ctx.unknown.append(("control", control))
        ctx.issue(
            "unknown_control",
            f"labels {names} from control {control!r}, which the "
            "eventset labeling config does not have",
            region.id,
            "label",
        )
    for labels, known, into, what in (
        (region.trigger, ctx.ontology.event_types, ctx.event_type, "event"),
        (region.entity, ctx.ontology.entity_types, ctx.entity_type, "entity"),
    ):
        if len(labels) == 1 and labels[0] in known:  # the usual case: one known label
            into[region.id] = labels[0]
        elif labels:
            _one_label(ctx, region, labels, known, into, what)


def _one_label(
    ctx: Context,
    region: Region,
    labels: list[str],
    known: Collection[str],
    into: dict[str, str],
    what: str,
) -> None:
    usable = [label for label in dict.fromkeys(labels) if label in known]
    for label in dict.fromkeys(labels):
        if label not in known:
            ctx.unknown.append((what, label))
            # only the label is lost when the region has a known label of the same kind
            ctx.issue(
                "unknown_label",
                f"{what} label {label!r} on {region.text!r} is not in "
                f"ontology {ctx.ontology.name!r}",
                region.id,
                "label" if len(usable) == 1 else what,
            )
    if len(usable) > 1:
        ctx.issue(
            "several_labels",
            f"{region.text!r} has several {what} labels {usable}; keep one",
            region.id,
            what,
        )
    elif usable:
        into[region.id] = usable[0]


def _build_event(
    ctx: Context, region: Region, arguments: list[ArgumentRecord]
) -> EventRecord | None:
    event_type = ctx.ontology.event_types[ctx.event_type[region.id]]
    cls = event_type.cls
    # The defaults in declared order, with the values chosen: ``read_choices`` keeps only
    # choices that name an attribute of this event type.
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        defaults = _DEFAULTS[cls] = {a.name: a.default for a in event_type.attributes}
    attributes = defaults.copy()
    given = ctx.attributes.get(region.id)
    if given:
        attributes.update(given)
    event = EventRecord(
        region.id,
        region.id,
        event_type.name,
        TriggerRecord(region.text, region.start, region.end),
        arguments,
        attributes,
    )
    known = _VALID_SHAPES.get(cls)
    if known and _shape(event) in known:
        return event
    try:
        cls.model_validate(event_payload(event))
    except ValidationError as exc:
        problems = "; ".join(_short(error) for error in exc.errors())
        kind = "cardinality" if "argument(s), got" in problems else "invalid_event"
        ctx.issue(
            kind,
            f"{event_type.name} {region.text!r} with "
            f"{len(arguments)} argument(s) fails validation: {problems}",
            region.id,
            "event",
        )
        return None
    _remember_valid(cls, event)
    return event


# Attribute defaults of each event class, in declared order.
_DEFAULTS: dict[type, dict[str, str]] = {}
# Shapes of events already validated, per event class (see eventset.schema.shapes); bounded.
_VALID_SHAPES: dict[type, set[Shape]] = {}
MAX_SHAPES = 50_000


def _shape(event: EventRecord) -> Shape:
    """The shape of ``event`` within its class: the attributes come in the class's declared
    order (see ``_build_event``), so their values name them."""
    arguments = [(a.role, a.entity_type) for a in event.arguments]
    if len(arguments) > 1:
        arguments.sort()
    return tuple(event.attributes.values()), tuple(arguments)


def _remember_valid(cls: type, event: EventRecord) -> None:
    if not shape_decides(cls):
        return
    known = _VALID_SHAPES.setdefault(cls, set())
    if len(known) >= MAX_SHAPES:
        known.clear()
    known.add(_shape(event))


def _short(error: object) -> str:
    if isinstance(error, dict):
        where = ".".join(str(p) for p in error.get("loc", ()))
        return f"{where}: {error.get('msg')}" if where else str(error.get("msg"))
    return str(error)
