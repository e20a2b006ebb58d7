"""Check result items before they are sent: Label Studio itself accepts almost anything.

``result_problems`` checks against the project's config, ``ontology_problems`` the roles against
the ontology (which role each event type has, which entity types each role accepts).

The server does not validate predictions or annotations against the config, and
``LabelInterface`` misses reversed or out-of-range offsets, text that does not match the
offsets, relation labels not in ``Relations`` and regions without id. These checks catch them.

Example:
    >>> offered = {"trigger": {"Attack"}, "relation": {"agent"}}
    >>> item = {"id": "r1", "from_name": "trigger", "type": "labels",
    ...         "value": {"start": 0, "end": 3, "text": "war", "labels": ["Attack"]}}
    >>> result_problems("war", [item], offered)
    []
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventset.annotate.config import ENTITY_TAG, TRIGGER_TAG
from eventset.annotate.tasks import RELATION_KEY
from eventset.schema import Ontology
from eventset.schema.ontology import COREF_RELATION

Labels = dict[str, set[str]]
VALUE_KEYS = {"labels": "labels", "choices": "choices"}


def result_problems(
    text: str, result: Sequence[dict[str, Any]], offered: dict[str, set[str]]
) -> list[str]:
    """Every problem of ``result`` on ``text`` given the values the config offers.

    Example:
        >>> bad = {"id": "r", "from_name": "trigger", "type": "labels",
        ...        "value": {"start": 4, "end": 2, "text": "x", "labels": ["Nope"]}}
        >>> for problem in result_problems("abcdef", [bad], {"trigger": {"Attack"}}):
        ...     print(problem)
        region r: offsets 4..2 are not a span of the 6-character text
        region r: trigger has no label 'Nope'
    """
    problems: list[str] = []
    region_ids = {item.get("id") for item in result if item.get("type") != "relation"}
    for item in result:
        if item.get("type") == "relation":
            problems += _relation_problems(item, region_ids, offered)
        else:
            problems += _region_problems(text, item, offered)
    return problems


def _region_problems(text: str, item: dict[str, Any], offered: dict[str, set[str]]) -> list[str]:
    rid = item.get("id")
    if not rid:
        return [f"a {item.get('from_name')} region has no id"]
    value = item.get("value") or {}
    start, end = value.get("start"), value.get("end")
    where = f"region {rid}"
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        problems = [
            f"{where}: offsets {start}..{end} are not a span of the {len(text)}-character text"
        ]
    elif value.get("text") != text[start:end]:
        problems = [
            f"{where}: text {value.get('text')!r} differs from the span "
            f"{text[start:end]!r} at {start}..{end}"
        ]
    else:
        problems = []
    tag = str(item.get("from_name"))
    kind = VALUE_KEYS.get(str(item.get("type")))
    if tag not in offered or kind is None:
        return [*problems, f"{where}: the config has no {item.get('type')} control {tag!r}"]
    for label in value.get(kind) or []:
        if label not in offered[tag]:
            problems.append(f"{where}: {tag} has no {kind[:-1]} {label!r}")
    return problems


def _relation_problems(
    item: dict[str, Any], region_ids: set[Any], offered: dict[str, set[str]]
) -> list[str]:
    ends = (item.get("from_id"), item.get("to_id"))
    problems = [
        f"relation {ends[0]} -> {ends[1]}: no region {end}" for end in ends if end not in region_ids
    ]
    if item.get("direction", "right") not in {"right", "left", "bi"}:
        problems.append(f"relation {ends[0]} -> {ends[1]}: bad direction {item.get('direction')!r}")
    for label in item.get("labels") or []:
        if label not in offered.get(RELATION_KEY, set()):
            problems.append(
                f"relation {ends[0]} -> {ends[1]}: the config has no relation {label!r}"
            )
    return problems


def ontology_problems(result: Sequence[dict[str, Any]], ontology: Ontology) -> list[str]:
    """Role relations that the ontology does not allow (the config alone cannot tell).

    A role must belong to the event type of the trigger it starts from, and the region it
    points to must carry an entity type that the role accepts. ``same_as`` links are not roles.

    Example:
        >>> from eventset.schema import load_ontology
        >>> onto = load_ontology("conflict-news")
        >>> def region(rid, tag, label):
        ...     return {"id": rid, "from_name": tag, "type": "labels", "value": {"labels": [label]}}
        >>> result = [region("t", "trigger", "Conference"), region("w", "entity", "Weapon"),
        ...           {"type": "relation", "from_id": "t", "to_id": "w", "labels": ["weapon"]}]
        >>> ontology_problems(result, onto)
        ["relation t -> w: Conference has no role 'weapon'"]
    """
    if not any(item.get("type") == "relation" for item in result):
        return []  # no roles to check (a lexicon's predictions: triggers only)
    events, entities = _region_labels(result)
    problems: list[str] = []
    for item in result:
        if item.get("type") != "relation":
            continue
        source, target = _arrow(item, events)
        for role in item.get("labels") or []:
            if role != COREF_RELATION:
                problems += _role_problems(source, target, str(role), events, entities, ontology)
    return problems


def _region_labels(result: Sequence[dict[str, Any]]) -> tuple[Labels, Labels]:
    # One region id may carry a trigger label and an entity label: keep both kinds apart.
    found: dict[str, Labels] = {TRIGGER_TAG: {}, ENTITY_TAG: {}}
    for item in result:
        tag = item.get("from_name")
        if item.get("type") == "labels" and tag in found:
            labels = (item.get("value") or {}).get("labels") or []
            found[str(tag)].setdefault(str(item.get("id")), set()).update(map(str, labels))
    return found[TRIGGER_TAG], found[ENTITY_TAG]


def _arrow(item: dict[str, Any], events: Labels) -> tuple[str, str]:
    # Follow the arrow; a two-way link counts from whichever end is a trigger.
    ends = str(item.get("from_id")), str(item.get("to_id"))
    direction = item.get("direction", "right")
    if direction == "left" or (direction == "bi" and ends[1] in events and ends[0] not in events):
        return ends[1], ends[0]
    return ends


def _role_problems(
    source: str, target: str, role: str, events: Labels, entities: Labels, ontology: Ontology
) -> list[str]:
    where = f"relation {source} -> {target}"
    event_types = [e for e in events.get(source, set()) if e in ontology.event_types]
    if not event_types:
        return [f"{where}: role {role!r} must start at a trigger"]
    problems = []
    for name in sorted(event_types):
        spec = next((r for r in ontology.event_types[name].roles if r.name == role), None)
        if spec is None:
            problems.append(f"{where}: {name} has no role {role!r}")
            continue
        kinds = entities.get(target, set())
        if not kinds:
            problems.append(f"{where}: {name}.{role} points to a region without an entity label")
        for kind in sorted(k for k in kinds if not _accepts(ontology, spec.allowed, k)):
            allowed = ", ".join(spec.allowed)
            problems.append(f"{where}: {name}.{role} does not accept {kind} (only {allowed})")
    return problems


def _accepts(ontology: Ontology, allowed: tuple[str, ...], entity_type: str) -> bool:
    # A subclass of an allowed entity class is allowed too (pydantic validates it so).
    cls = ontology.entity_types.get(entity_type)
    names = {c.__name__ for c in cls.__mro__} if cls is not None else {entity_type}
    return not allowed or bool(names & set(allowed))


def task_problems(
    text: str, task: dict[str, Any], offered: dict[str, set[str]], ontology: Ontology
) -> list[str]:
    """Every problem of one task payload's predictions and annotations (config and ontology).

    Example:
        >>> from eventset.schema import load_ontology
        >>> task_problems("war", {"predictions": []}, {}, load_ontology("conflict-news"))
        []
    """
    problems = []
    for kind in ("predictions", "annotations"):
        for entry in task.get(kind) or []:
            source = entry.get("model_version") or "the corpus"
            result = entry.get("result") or []
            found = result_problems(text, result, offered) + ontology_problems(result, ontology)
            problems += [f"{kind[:-1]} of {source}: {problem}" for problem in found]
    return problems
