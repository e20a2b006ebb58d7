"""Per event type diffs of a project sync: the roles and attributes that annotations draw on
triggers of each event type, and those a new ontology no longer allows for that type.

A label or a value gone from the config altogether is found by ``sync.find_orphans``; these
find what stays in the config but moves between event types (pure functions).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from eventset.annotate.config import ENTITY_TAG as ENTITY
from eventset.annotate.config import TRIGGER_TAG as TRIGGER
from eventset.annotate.configrefusal import Orphan
from eventset.schema import Ontology
from eventset.schema.ontology import COREF_RELATION


def work_results(tasks: Iterable[dict[str, Any]], kinds: tuple[str, ...]) -> Iterator[list[Any]]:
    """The result list of every annotation, draft or prediction (``kinds``) of ``tasks``."""
    for task in tasks:
        for kind in kinds:
            for work in task.get(kind) or []:
                if isinstance(work, dict):
                    yield work.get("result") or []


def role_usage(tasks: Iterable[dict[str, Any]]) -> Counter[tuple[str, str, str]]:
    """Counts of (event type, role, entity type) that the relations of annotations and drafts
    draw: from a trigger region to an entity region (either way round), labelled with a role.

    Example:
        >>> def region(rid, control, label):
        ...     return {"id": rid, "type": "labels", "from_name": control,
        ...             "value": {"labels": [label]}}
        >>> result = [region("t", "trigger", "Attack"), region("e", "entity", "City"),
        ...           {"type": "relation", "from_id": "e", "to_id": "t", "labels": ["place"]}]
        >>> role_usage([{"annotations": [{"result": result}]}])
        Counter({('Attack', 'place', 'City'): 1})
    """
    usage: Counter[tuple[str, str, str]] = Counter()
    for result in work_results(tasks, ("annotations", "drafts")):
        usage.update(_roles_drawn([item for item in result if isinstance(item, dict)]))
    return usage


def _roles_drawn(items: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    labels: dict[str, dict[str, str]] = {}  # region id -> {"trigger": type, "entity": type}
    for item in items:
        value = item.get("value")
        names = value.get("labels") if isinstance(value, dict) else None
        if item.get("type") == "labels" and isinstance(names, list) and names:
            labels.setdefault(str(item.get("id")), {})[str(item.get("from_name"))] = str(names[0])
    drawn = []
    for item in items:
        roles = item.get("labels")
        if item.get("type") != "relation" or not isinstance(roles, list):
            continue
        ends = [labels.get(str(item.get(key)), {}) for key in ("from_id", "to_id")]
        trigger, other = ends if TRIGGER in ends[0] else ends[::-1]
        if TRIGGER in trigger and ENTITY in other:
            drawn += [
                (trigger[TRIGGER], str(role), other[ENTITY])
                for role in roles
                if role != COREF_RELATION
            ]
    return drawn


def role_orphans(usage: Counter[tuple[str, str, str]], ontology: Ontology) -> list[Orphan]:
    """Arguments the ontology does not allow although its event type and role exist: a role
    another event type has, or an entity type the role does not take.

    Whether the previous ontology allowed them is not known (the project keeps only its name
    and hash), and annotators can draw any role between any regions, so these are reported as
    a warning, never a refusal; the build leaves them out with their issues. (An event type or
    role gone altogether is a label orphan, see ``find_orphans``.)
    """
    found: Counter[tuple[str, str]] = Counter()  # a missing role once, whatever its fillers
    for (event_type, role, entity_type), count in sorted(usage.items()):
        if event_type not in ontology.event_types or role not in ontology.role_names:
            continue
        allowed = ontology.fillers.get((event_type, role))
        if allowed is None:
            found["role", f"{event_type}.{role}"] += count
        elif entity_type in ontology.entity_types and entity_type not in allowed:
            found["role filler", f"{event_type}.{role} <- {entity_type}"] += count
    return [Orphan(tag, value, count) for (tag, value), count in sorted(found.items())]


def attribute_usage(tasks: Iterable[dict[str, Any]]) -> Counter[tuple[str, str, str]]:
    """Counts of (event type, attribute, value): the per-region choices of annotations and
    drafts on trigger regions.

    Example:
        >>> result = [
        ...     {"id": "t", "type": "labels", "from_name": "trigger",
        ...      "value": {"labels": ["Vote"]}},
        ...     {"id": "t", "type": "choices", "from_name": "modality",
        ...      "value": {"choices": ["planned"]}},
        ... ]
        >>> attribute_usage([{"annotations": [{"result": result}]}])
        Counter({('Vote', 'modality', 'planned'): 1})
    """
    usage: Counter[tuple[str, str, str]] = Counter()
    for result in work_results(tasks, ("annotations", "drafts")):
        items = [item for item in result if isinstance(item, dict)]
        types = {
            str(item.get("id")): labels[0]
            for item in items
            if item.get("type") == "labels" and item.get("from_name") == TRIGGER
            for labels in [_values(item, "labels")]
            if labels
        }
        usage.update(
            (types[str(item.get("id"))], str(item.get("from_name")), value)
            for item in items
            if item.get("type") == "choices" and str(item.get("id")) in types
            for value in _values(item, "choices")
        )
    return usage


def _values(item: dict[str, Any], key: str) -> list[str]:
    value = item.get("value")
    found = value.get(key) if isinstance(value, dict) else None
    return [str(v) for v in found] if isinstance(found, list) else []


def attribute_orphans(
    usage: Counter[tuple[str, str, str]], ontology: Ontology, current_config: str = ""
) -> list[Orphan]:
    """Attribute values used on triggers of an event type that no longer has them, although
    another type still does (so the config still offers the value and ``find_orphans`` cannot
    see it). The labeling page shows an attribute only for the types that have it, so such a
    value was offered when it was chosen: like a removed label, this refuses a sync. With
    ``current_config``, only attributes it shows for that type count (as in ``find_orphans``).
    """
    shown = readable(attribute_types, current_config)
    out = []
    for (event_type, name, value), count in sorted(usage.items()):
        event = ontology.event_types.get(event_type)
        if event is None or name not in ontology.attributes:
            continue  # a removed event type or attribute: a label orphan (find_orphans)
        if shown is not None and event_type not in shown.get(name, ()):
            continue  # not offered for that type now: an earlier update took it away
        # (an attribute has the same values wherever it is declared: a value gone from it is
        # gone from the config, which find_orphans sees)
        if all(a.name != name for a in event.attributes):
            out.append(Orphan("attribute", f"{event_type}.{name}={value}", count))
    return out


def readable(read: Any, current_config: str) -> Any:
    """``read(current_config)``, or None (everything counts) when there is no config or one
    that is not XML (a project made by hand): refusing too much is the safe side."""
    if not current_config.strip():
        return None
    try:
        return read(current_config)
    except ET.ParseError:
        return None


def attribute_types(label_config: str) -> dict[str, set[str]]:
    """Event types each attribute control is shown for: its ``whenLabelValue`` list, or every
    trigger label of the config when it has none (shown for every selected trigger)."""
    root = ET.fromstring(label_config)
    triggers = {
        label.get("value", "")
        for labels in root.iter("Labels")
        if labels.get("name") == TRIGGER
        for label in labels.iter("Label")
    }
    return {
        choices.get("name", ""): (
            set(choices.get("whenLabelValue", "").split(","))
            if choices.get("whenLabelValue")
            else set(triggers)
        )
        for choices in root.iter("Choices")
    }
