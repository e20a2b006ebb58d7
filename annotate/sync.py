"""Project sync: create the Label Studio project, or update its config when the ontology changed.

Idempotent: the project description carries a stamp line with the ontology name, version and
hash; a project whose stamp and config already match is left alone. An update that would
orphan labels, roles or attribute values used by existing annotations or drafts is refused with
the list of what is in use, unless ``force=True``; one that drops a whole control they use (an
attribute's choices) is refused even then, since Label Studio refuses it (``configrefusal``).

The diff logic (``config_values``, ``label_usage``, ``find_orphans``, ``vanished_controls``,
``stamp``) is pure.

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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eventset.annotate.client import LabelStudioClient, ProjectInfo, check_title
from eventset.annotate.config import build_label_config
from eventset.annotate.configrefusal import (
    LabelConfigRefused,
    Orphan,
    control_refusal,
    explain_config_refusal,
    orphan_refusal,
)
from eventset.annotate.tasks import RELATION_KEY
from eventset.annotate.typediff import (
    attribute_orphans,
    attribute_usage,
    readable,
    role_orphans,
    role_usage,
    work_results,
)
from eventset.errors import OntologyError
from eventset.schema import Ontology

# The name may hold spaces (and " v"): it takes everything up to the last " v<version> ".
STAMP_RE = re.compile(r"^eventset ontology: (.+) v(\S+) sha256:([0-9a-f]{64})$", re.MULTILINE)


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
    # the project moved to another ontology, or back to an older version (``_step``)
    step: str = ""


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
    for result in work_results(tasks, kinds):
        for item in result:
            usage.update(_used_values(item))
    return usage


def _used_values(item: dict[str, Any]) -> list[tuple[str, str]]:
    if item.get("type") == "relation":
        return [(RELATION_KEY, str(label)) for label in item.get("labels") or []]
    value = item.get("value") or {}
    kind = {"labels": "labels", "choices": "choices"}.get(str(item.get("type")))
    if kind is None:
        return []
    return [(str(item.get("from_name")), str(v)) for v in value.get(kind) or []]


def find_orphans(
    usage: Counter[tuple[str, str]], new_config: str, current_config: str = ""
) -> list[Orphan]:
    """Used values that ``new_config`` no longer offers, sorted by control then value.

    With ``current_config`` (the project's config before the update), only values it offers
    count: a value an earlier forced update already took away is not this update's doing, and
    refusing over it would make every later update need ``--force``.
    """
    offered = config_values(new_config)
    before = readable(config_values, current_config)
    return [
        Orphan(tag, value, count)
        for (tag, value), count in sorted(usage.items())
        if value not in offered.get(tag, set())
        and (before is None or value in before.get(tag, set()))
    ]


def vanished_controls(usage: Counter[tuple[str, str]], new_config: str) -> list[Orphan]:
    """Used values of controls (label sets, attribute choices) that ``new_config`` lacks
    altogether. Label Studio 1.23 refuses such a config while annotations or drafts use the
    control, whatever eventset sends; relations are not a control it checks.

    Example:
        >>> usage = Counter({("tense", "past"): 2, ("trigger", "Vote"): 1})
        >>> vanished_controls(usage, '<View><Labels name="trigger"/></View>')
        [Orphan(tag='tense', value='past', count=2)]
    """
    controls = set(config_values(new_config))
    return [
        Orphan(tag, value, count)
        for (tag, value), count in sorted(usage.items())
        if tag != RELATION_KEY and tag not in controls
    ]


def control_tags(label_config: str) -> dict[str, str]:
    """The tag (``Labels``, ``Choices``) of each named control of a config ({} if not XML)."""
    found = readable(
        lambda config: {
            e.get("name", ""): e.tag
            for e in ET.fromstring(config).iter()
            if e.tag in {"Labels", "Choices"}
        },
        label_config,
    )
    return found or {}


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
    usage = label_usage(tasks)
    orphans = find_orphans(usage, config, current)
    orphans += attribute_orphans(attribute_usage(tasks), ontology, current)
    gone = vanished_controls(usage, config)
    if gone:  # Label Studio would refuse it: no --force
        others = [o for o in orphans if o.tag not in {g.tag for g in gone}]
        where = _tasks_using(tasks, {o.tag for o in gone})
        kinds = control_tags(current)
        raise control_refusal(title, _change(project, ontology), gone, kinds, where, others)
    if orphans and not force:
        raise _refusal(title, project, ontology, orphans)
    predicted = [{"predictions": [{"result": r} for r in client.prediction_results(project.id)]}]
    stale = find_orphans(label_usage(predicted, ("predictions",)), config)
    updated = _update(client, project, ontology, config)
    refused = role_orphans(role_usage(tasks), ontology)
    step = _step(parse_stamp(project.description), ontology)
    return SyncResult("updated", updated, tuple(orphans), tuple(stale), tuple(refused), step)


def _step(old: tuple[str, str, str] | None, ontology: Ontology) -> str:
    """What is unusual about an update from the stamp ``old``: another ontology, or an older
    version ("" for a newer version, or an unknown earlier config)."""
    if old is None:
        return ""
    if old[0] != ontology.name:
        return f"the project was synced from ontology {old[0]!r} v{old[1]}, not {ontology.name!r}"
    version = str(ontology.version)
    if old[1].isdigit() and version.isdigit() and int(old[1]) > int(version):
        return f"the project was synced from {old[0]} v{old[1]}, newer than v{ontology.version}"
    return ""


def _update(
    client: LabelStudioClient, project: ProjectInfo, ontology: Ontology, config: str
) -> ProjectInfo:
    try:
        return client.update_project(
            project.id, label_config=config, description=with_stamp(project.description, ontology)
        )
    except LabelConfigRefused as refused:
        kinds = control_tags(project.label_config)
        raise explain_config_refusal(project.title, refused.reasons, kinds) from None


def _tasks_using(tasks: list[dict[str, Any]], controls: set[str], shown: int = 10) -> list[str]:
    """The tasks whose annotations or drafts use ``controls`` (``task 12 (doc id 'a')``)."""
    found = []
    for task in tasks:
        used = label_usage([task])
        if any(control in controls for control, _ in used):
            doc_id = (task.get("data") or {}).get("doc_id")
            found.append(f"task {task.get('id')}" + (f" (doc id {doc_id!r})" if doc_id else ""))
    return found[:shown] + ([f"{len(found) - shown} more tasks"] if len(found) > shown else [])


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
    return orphan_refusal(title, *_change(project, ontology), orphans)


def _change(project: ProjectInfo, ontology: Ontology) -> tuple[str, str]:
    """The ontology the project was synced from and the new one, as the messages name them."""
    old = parse_stamp(project.description)
    was = f"{old[0]} v{old[1]}" if old else "an unknown config"
    now = f"{ontology.name} v{ontology.version}"
    if old and (old[0], old[1]) == (ontology.name, str(ontology.version)):
        # the same version with other content: the hashes tell them apart
        was, now = f"{was} ({old[2][:12]})", f"{now} ({ontology.short_hash}; bump the version)"
    return was, now
