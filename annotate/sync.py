"""Project sync: create the Label Studio project, or update its config when the ontology changed.

Idempotent: the project description carries a stamp line with the ontology name, version and
hash; a project whose stamp and config already match is left alone. An update that would
orphan labels, roles or attribute values used by existing annotations or drafts is refused with
the list of what is in use, unless ``force=True``.

The diff logic (``config_values``, ``label_usage``, ``find_orphans``, ``stamp``) is pure.

Example:
    >>> from eventset.schema import load_ontology
    >>> onto = load_ontology("conflict-news")
    >>> parse_stamp(stamp(onto)) == (onto.name, str(onto.version), onto.content_hash)
    True
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from eventset.annotate.client import LabelStudioClient, ProjectInfo, check_title
from eventset.annotate.config import ENTITY_TAG as ENTITY
from eventset.annotate.config import TRIGGER_TAG as TRIGGER
from eventset.annotate.config import build_label_config
from eventset.annotate.tasks import RELATION_KEY
from eventset.errors import OntologyError
from eventset.schema import Ontology
from eventset.schema.ontology import COREF_RELATION

# The name may hold spaces (and " v"): it takes everything up to the last " v<version> ".
STAMP_RE = re.compile(r"^eventset ontology: (.+) v(\S+) sha256:([0-9a-f]{64})$", re.MULTILINE)


@dataclass(frozen=True)
class Orphan:
    """A value used by existing annotations that the new config no longer offers."""

    tag: str
    value: str
    count: int

    def describe(self) -> str:
        return f"{self.tag} {self.value!r} (used {self.count} times)"


@dataclass(frozen=True)
class SyncResult:
    """What ``sync_project`` did: ``action`` is created, updated or unchanged."""

    action: str
    project: ProjectInfo
    forced_orphans: tuple[Orphan, ...] = ()
    # labels of predictions (pre-annotations) that the new config no longer offers: annotators
    # would see those regions without a label
    stale_predictions: tuple[Orphan, ...] = ()
    # arguments of existing annotations that the new ontology does not allow (``role_orphans``)
    refused_arguments: tuple[Orphan, ...] = ()


# --- pure diff logic ---------------------------------------------------------------------
def stamp(ontology: Ontology) -> str:
    """The description line that records which ontology a project was synced from."""
    return f"eventset ontology: {ontology.name} v{ontology.version} sha256:{ontology.content_hash}"


def parse_stamp(description: str) -> tuple[str, str, str] | None:
    """(name, version, hash) from a project description, or None when it has no stamp."""
    match = STAMP_RE.search(description or "")
    return (match.group(1), match.group(2), match.group(3)) if match else None


def with_stamp(description: str, ontology: Ontology) -> str:
    """``description`` with its stamp line replaced (or appended); other text is kept."""
    kept = [line for line in (description or "").splitlines() if not STAMP_RE.match(line)]
    return "\n".join([*kept, stamp(ontology)]).strip("\n")


def config_values(label_config: str) -> dict[str, set[str]]:
    """Offered values per control: ``{"trigger": {...}, "modality": {...}, "relation": {...}}``.

    Example:
        >>> config_values('<View><Labels name="l"><Label value="A"/></Labels></View>')
        {'l': {'A'}}
    """
    values: dict[str, set[str]] = {}
    for element in ET.fromstring(label_config).iter():
        if element.tag in {"Labels", "Choices"}:
            child_tag = "Label" if element.tag == "Labels" else "Choice"
            offered = {c.get("value", "") for c in element.iter(child_tag)}
            values.setdefault(element.get("name", ""), set()).update(offered)
        elif element.tag == "Relations":
            offered = {c.get("value", "") for c in element.iter("Relation")}
            values.setdefault(RELATION_KEY, set()).update(offered)
    return values


def label_usage(
    tasks: Iterable[dict[str, Any]], kinds: tuple[str, ...] = ("annotations", "drafts")
) -> Counter[tuple[str, str]]:
    """Counts of (control name, value) in the annotations and drafts of exported tasks.

    Skipped annotations count too (they are kept in the export). Predictions are not
    annotator work and are left out unless ``kinds`` names them (``("predictions",)``).
    """
    usage: Counter[tuple[str, str]] = Counter()
    for result in _results(tasks, kinds):
        for item in result:
            usage.update(_used_values(item))
    return usage


def _results(tasks: Iterable[dict[str, Any]], kinds: tuple[str, ...]) -> Iterator[list[Any]]:
    """The result list of every annotation, draft or prediction (``kinds``) of ``tasks``."""
    for task in tasks:
        for kind in kinds:
            for work in task.get(kind) or []:
                if isinstance(work, dict):
                    yield work.get("result") or []


def _used_values(item: dict[str, Any]) -> list[tuple[str, str]]:
    if item.get("type") == "relation":
        return [(RELATION_KEY, str(label)) for label in item.get("labels") or []]
    value = item.get("value") or {}
    kind = {"labels": "labels", "choices": "choices"}.get(str(item.get("type")))
    if kind is None:
        return []
    return [(str(item.get("from_name")), str(v)) for v in value.get(kind) or []]


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
    for result in _results(tasks, ("annotations", "drafts")):
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
    for result in _results(tasks, ("annotations", "drafts")):
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
    shown = _readable(attribute_types, current_config)
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


def _readable(read: Any, current_config: str) -> Any:
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


def find_orphans(
    usage: Counter[tuple[str, str]], new_config: str, current_config: str = ""
) -> list[Orphan]:
    """Used values that ``new_config`` no longer offers, sorted by control then value.

    With ``current_config`` (the project's config before the update), only values it offers
    count: a value an earlier forced update already took away is not this update's doing, and
    refusing over it would make every later update need ``--force``.
    """
    offered = config_values(new_config)
    before = _readable(config_values, current_config)
    return [
        Orphan(tag, value, count)
        for (tag, value), count in sorted(usage.items())
        if value not in offered.get(tag, set())
        and (before is None or value in before.get(tag, set()))
    ]


# --- talking to the server ---------------------------------------------------------------
def sync_project(
    client: LabelStudioClient, title: str, ontology: Ontology, force: bool = False
) -> SyncResult:
    """Create project ``title`` or bring its config up to date with ``ontology``.

    Example:
        >>> sync_project(client, "demo", load_ontology("conflict-news")).action  # doctest: +SKIP
        'created'
    """
    check_title(title)  # before any request: Label Studio's bare 400 otherwise
    config = build_label_config(ontology)
    project = client.find_project(title)
    if project is None:
        created = client.create_project(title, config, with_stamp("", ontology))
        return SyncResult("created", created)
    if _is_current(project, ontology, config):
        return SyncResult("unchanged", project)
    tasks = _exported_tasks(client, project.id)
    current = project.label_config
    orphans = find_orphans(label_usage(tasks), config, current)
    orphans += attribute_orphans(attribute_usage(tasks), ontology, current)
    if orphans and not force:
        raise _refusal(title, project, ontology, orphans)
    predicted = [{"predictions": [{"result": r} for r in client.prediction_results(project.id)]}]
    stale = find_orphans(label_usage(predicted, ("predictions",)), config)
    updated = client.update_project(
        project.id, label_config=config, description=with_stamp(project.description, ontology)
    )
    refused = role_orphans(role_usage(tasks), ontology)
    return SyncResult("updated", updated, tuple(orphans), tuple(stale), tuple(refused))


def _is_current(project: ProjectInfo, ontology: Ontology, config: str) -> bool:
    found = parse_stamp(project.description)
    same_hash = found is not None and found[2] == ontology.content_hash
    return same_hash and project.label_config.strip() == config.strip()


def _exported_tasks(client: LabelStudioClient, project_id: int) -> list[dict[str, Any]]:
    data = json.loads(b"".join(client.export_raw(project_id)))
    return data if isinstance(data, list) else []


def _refusal(
    title: str, project: ProjectInfo, ontology: Ontology, orphans: list[Orphan]
) -> OntologyError:
    old = parse_stamp(project.description)
    was = f"{old[0]} v{old[1]}" if old else "an unknown config"
    now = f"{ontology.name} v{ontology.version}"
    if old and (old[0], old[1]) == (ontology.name, str(ontology.version)):
        # the same version with other content: the hashes tell them apart
        was, now = f"{was} ({old[2][:12]})", f"{now} ({ontology.short_hash}; bump the version)"
    listing = "\n".join(f"  - {o.describe()}" for o in orphans)
    return OntologyError(
        f"syncing project {title!r} from {was} to {now} would "
        f"orphan labels that existing annotations use:\n{listing}",
        remedy="keep those types/roles/values in the ontology, fix the annotations first, or "
        "pass --force to update anyway (those annotations keep the old labels)",
    )
