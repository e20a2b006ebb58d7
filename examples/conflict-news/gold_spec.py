"""Turn ``gold_spec.json`` into Label Studio result items, offline and strictly.

The spec names spans by surface text (plus an occurrence index when the text occurs more than
once), never by offsets, so the articles can be read and the spec reviewed by a person. Every
span is located in the document here; anything not found, ambiguous, of an unknown type, a role
the event type does not have, or an entity type the role does not allow stops the run with a
message naming the document, annotator and key.

Example:
    >>> locate("the port and the port", "the port", 1)
    (13, 21)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventset.annotate.config import ENTITY_TAG, TRIGGER_TAG
from eventset.annotate.tasks import choice_result, relation_result, span_result
from eventset.schema import Ontology
from eventset.schema.ontology import COREF_RELATION

HERE = Path(__file__).resolve().parent
SPEC_PATH = HERE / "gold_spec.json"


class SpecError(ValueError):
    """A mistake in gold_spec.json; the message says where."""


@dataclass(frozen=True)
class Region:
    """A located span: its Label Studio region id, offsets and label."""

    region_id: str
    start: int
    end: int
    label: str


def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    """The parsed spec file."""
    spec: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return spec


def read_document(doc_id: str) -> str:
    """The article text exactly as stored (offsets index into it), newline included."""
    with (HERE / "articles" / f"{doc_id}.txt").open(encoding="utf-8", newline="") as handle:
        return handle.read()


def locate(text: str, surface: str, occurrence: int | None = None) -> tuple[int, int]:
    """Code-point offsets of a whole-word, case-sensitive match of ``surface`` in ``text``.

    Without ``occurrence`` the surface must occur exactly once; with it, the 0-based match.
    """
    # Whole words only, so "it" never lands inside "with" and "overleg" not in "vredesoverleg".
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not found:
        raise SpecError(f"{surface!r} does not occur in the text")
    if occurrence is None:
        if len(found) > 1:
            raise SpecError(f"{surface!r} occurs {len(found)} times: give an occurrence index")
        return found[0]
    if not 0 <= occurrence < len(found):
        raise SpecError(
            f"{surface!r} occurs {len(found)} times, occurrence {occurrence} is out of range"
        )
    return found[occurrence]


def annotation_result(
    ontology: Ontology, doc_id: str, annotator: str, spec: dict[str, Any]
) -> list[dict[str, Any]]:
    """All result items (spans, choices, relations) of one annotator's work on one document."""
    text = read_document(doc_id)
    where = f"{doc_id}/{annotator}"
    entities = _entity_regions(ontology, text, annotator, spec["entities"], where)
    result = [
        span_result(ENTITY_TAG, r.region_id, text, r.start, r.end, r.label)
        for r in entities.values()
    ]
    events: dict[str, Region] = {}
    for key, event in spec["events"].items():
        region = _trigger_region(ontology, text, annotator, key, event, f"{where} event {key!r}")
        events[key] = region
        result.append(
            span_result(TRIGGER_TAG, region.region_id, text, region.start, region.end, region.label)
        )
        result.extend(_choices(ontology, text, region, event, f"{where} event {key!r}"))
        result.extend(_arguments(ontology, region, event, entities, f"{where} event {key!r}"))
    result.extend(_coreference(spec["same_as"], entities, events, where))
    return result


def _entity_regions(
    ontology: Ontology, text: str, annotator: str, spec: dict[str, list[Any]], where: str
) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    for key, (label, surface, *occurrence) in spec.items():
        if label not in ontology.entity_types:
            raise SpecError(f"{where} entity {key!r}: unknown entity type {label!r}")
        start, end = _locate(
            text, surface, occurrence[0] if occurrence else None, f"{where} entity {key!r}"
        )
        regions[key] = Region(_region_id(annotator, "ent", key), start, end, label)
    return regions


def _trigger_region(
    ontology: Ontology, text: str, annotator: str, key: str, event: dict[str, Any], where: str
) -> Region:
    if event["type"] not in ontology.event_types:
        raise SpecError(f"{where}: unknown event type {event['type']!r}")
    start, end = _locate(text, event["text"], event.get("occurrence"), where)
    return Region(_region_id(annotator, "trg", key), start, end, event["type"])


def _choices(
    ontology: Ontology, text: str, trigger: Region, event: dict[str, Any], where: str
) -> list[dict[str, Any]]:
    items = []
    for name, attribute in ontology.attributes.items():
        if name not in event:
            continue  # not ticked by the annotator: the ontology default applies
        if event[name] not in attribute.values:
            raise SpecError(f"{where}: {name} {event[name]!r} is not one of {attribute.values}")
        items.append(
            choice_result(name, trigger.region_id, text, trigger.start, trigger.end, event[name])
        )
    return items


def _arguments(
    ontology: Ontology,
    trigger: Region,
    event: dict[str, Any],
    entities: dict[str, Region],
    where: str,
) -> list[dict[str, Any]]:
    roles = {role.name: role for role in ontology.event_types[event["type"]].roles}
    items = []
    for role_name, keys in event["args"].items():
        role = roles.get(role_name)
        if role is None:
            raise SpecError(f"{where}: {event['type']} has no role {role_name!r}")
        for key in keys:
            entity = entities.get(key)
            if entity is None:
                raise SpecError(f"{where}: argument {key!r} is not an entity of this annotator")
            if entity.label not in role.allowed:
                raise SpecError(
                    f"{where}: role {role_name!r} does not allow {entity.label} "
                    f"({key!r}); allowed: {', '.join(role.allowed)}"
                )
            items.append(relation_result(trigger.region_id, entity.region_id, [role_name]))
    return items


def _coreference(
    pairs: list[list[str]], entities: dict[str, Region], events: dict[str, Region], where: str
) -> list[dict[str, Any]]:
    items = []
    for left, right in pairs:
        group = entities if left in entities else events
        if left not in group or right not in group:
            raise SpecError(
                f"{where}: same_as {left!r}-{right!r} must join two entities or "
                "two events of this annotator"
            )
        items.append(
            relation_result(group[left].region_id, group[right].region_id, [COREF_RELATION])
        )
    return items


def _locate(text: str, surface: str, occurrence: int | None, where: str) -> tuple[int, int]:
    try:
        return locate(text, surface, occurrence)
    except SpecError as exc:
        raise SpecError(f"{where}: {exc}") from None


def _region_id(annotator: str, kind: str, key: str) -> str:
    # Readable and stable: re-recording gives the same region ids in the export.
    return f"{annotator.lower()}_{kind}_{key}"
