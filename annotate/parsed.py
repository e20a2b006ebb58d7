"""What a parsed Label Studio export holds: tasks, annotations, regions and relations.

Pure data, filled by ``eventset.annotate.parse`` (and its fast path ``eventset.annotate.wire``)
and read by ``eventset.export``. A region gathers every result item with its id: the trigger
and entity labels of eventset's two span controls, per-region choices, and labels of any other
control (``other``), which the build reports.

Example:
    >>> Relation("t1", "e1", "left", ("attacker",)).oriented()
    ('e1', 't1')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, final

import msgspec

from eventset.schema.issues import Issue

TRIGGER_CONTROL = "trigger"
ENTITY_CONTROL = "entity"
OFFSET_LIMIT = 2**31  # offsets are int32 columns in every config


class Region(msgspec.Struct, gc=False):
    """One span region with every label and per-region choice attached to its id.

    A msgspec struct: made for every region of every annotation, it is built in C (no cycles:
    it holds strings and containers of strings only, so the cyclic collector may skip it).
    """

    id: str
    start: int
    end: int
    text: str
    trigger: list[str] = msgspec.field(default_factory=list)
    entity: list[str] = msgspec.field(default_factory=list)
    choices: dict[str, list[str]] = msgspec.field(default_factory=dict)
    other: dict[str, list[str]] = msgspec.field(default_factory=dict)


@final  # so that ``type(item) is Relation`` tells mypy what the item is not
class Relation(msgspec.Struct, gc=False, tag_field="type", tag="relation"):
    """A relation as drawn: ``direction`` is ``right``, ``left`` or ``bi``.

    A msgspec struct tagged as Label Studio tags a relation result item, so that the fast path
    (``eventset.annotate.wire``) decodes relations straight into it.
    """

    from_id: str
    to_id: str
    direction: str = "right"
    labels: tuple[str, ...] = ()

    def oriented(self) -> tuple[str, str]:
        """(source, target) following the arrow; ``left`` points from ``to_id`` to ``from_id``."""
        if self.direction == "left":
            return self.to_id, self.from_id
        return self.from_id, self.to_id


@dataclass(slots=True)
class Annotation:
    """One annotator's submitted (or skipped) annotation of one task."""

    id: int | str | None
    annotator: str
    ground_truth: bool
    was_cancelled: bool
    created_at: str
    updated_at: str
    lead_time: float | None
    regions: dict[str, Region] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    rejected: set[str] = field(default_factory=set)  # ids of malformed result items
    # ids given to two spans (hand-made exports): a relation to one cannot tell which is meant
    ambiguous: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Task:
    """One exported task: the document, its annotations and what was counted but not used."""

    id: int | str | None
    doc_id: str
    text: str
    lang: str
    meta: dict[str, Any]
    annotations: list[Annotation]
    drafts: int = 0
    issues: list[Issue] = field(default_factory=list)
    annotated: bool = False  # has a submitted annotation (known even when they are not parsed)

    @property
    def submitted(self) -> list[Annotation]:
        """Annotations that were submitted, not skipped."""
        return [a for a in self.annotations if not a.was_cancelled]
