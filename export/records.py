"""Validated records of one document: entities and events as they go into the dataset.

Character offsets are code points, end exclusive; token offsets are filled in by
``eventset.export.tokens`` (end exclusive too).
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field


class EntityRecord(Struct):
    """One entity mention; ``cluster_id`` groups mentions joined by ``same_as``."""

    id: str
    cluster_id: str
    type: str
    text: str
    start: int
    end: int
    token_start: int | None = None
    token_end: int | None = None

    def key(self) -> tuple[str, int, int]:
        return (self.type, self.start, self.end)

    def row(self) -> dict[str, Any]:
        """The row as a dict (field name -> value)."""
        return dict(zip(self.__struct_fields__, self.cells(), strict=True))

    def cells(self) -> tuple[Any, ...]:
        """The row as a tuple in field order (the order of the declared features)."""
        return (
            self.id,
            self.cluster_id,
            self.type,
            self.text,
            self.start,
            self.end,
            self.token_start,
            self.token_end,
        )


class ArgumentRecord(Struct):
    """One argument: an entity filling a role of an event."""

    role: str
    entity_id: str
    entity_type: str
    text: str
    start: int
    end: int
    token_start: int | None = None
    token_end: int | None = None

    def key(self) -> tuple[str, str, int, int]:
        return (self.role, self.entity_type, self.start, self.end)

    def row(self) -> dict[str, Any]:
        """The row as a dict (field name -> value)."""
        return dict(zip(self.__struct_fields__, self.cells(), strict=True))

    def cells(self) -> tuple[Any, ...]:
        """The row as a tuple in field order (the order of the declared features)."""
        return (
            self.role,
            self.entity_id,
            self.entity_type,
            self.text,
            self.start,
            self.end,
            self.token_start,
            self.token_end,
        )


class TriggerRecord(Struct):
    """The words that name an event."""

    text: str
    start: int
    end: int
    token_start: int | None = None
    token_end: int | None = None

    def row(self) -> dict[str, Any]:
        """The row as a dict (field name -> value)."""
        return dict(zip(self.__struct_fields__, self.cells(), strict=True))

    def cells(self) -> tuple[Any, ...]:
        """The row as a tuple in field order (the order of the declared features)."""
        return (self.text, self.start, self.end, self.token_start, self.token_end)


class EventRecord(Struct):
    """One event mention with its arguments and attribute values."""

    id: str
    cluster_id: str
    type: str
    trigger: TriggerRecord
    arguments: list[ArgumentRecord] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)

    def key(self) -> tuple[str, int, int]:
        return (self.type, self.trigger.start, self.trigger.end)

    def row(self, attribute_names: list[str]) -> dict[str, Any]:
        """The ``events`` list item of the documents config."""
        out: dict[str, Any] = {
            "id": self.id,
            "cluster_id": self.cluster_id,
            "type": self.type,
            "trigger": self.trigger.row(),
            "arguments": [argument.row() for argument in self.arguments],
        }
        out.update({name: self.attributes.get(name) for name in attribute_names})
        return out

    def cells(self, attribute_names: list[str]) -> tuple[Any, ...]:
        """``row`` as a tuple in feature order: Arrow reads it as a struct, without a dict."""
        return (
            self.id,
            self.cluster_id,
            self.type,
            self.trigger.cells(),
            [argument.cells() for argument in self.arguments],
            *(self.attributes.get(name) for name in attribute_names),
        )


class DocumentRecord(Struct):
    """Everything the clean configs hold about one document."""

    task_id: int | str | None
    doc_id: str
    text: str
    lang: str
    meta: dict[str, Any]
    entities: list[EntityRecord]
    events: list[EventRecord]
    annotators: list[str]
    sentences: list[tuple[int, int, int, int]] = field(default_factory=list)
    sources: dict[str, Any] = field(default_factory=dict)  # mention id -> annotation id (issues)


def event_payload(event: EventRecord) -> dict[str, Any]:
    """The dict that the ontology's pydantic event class validates for ``event``."""
    payload: dict[str, Any] = {
        "id": event.id,
        "trigger": {
            "text": event.trigger.text,
            "start": event.trigger.start,
            "end": event.trigger.end,
        },
    }
    for argument in event.arguments:
        payload.setdefault(argument.role, []).append(
            {
                "type": argument.entity_type,
                "id": argument.entity_id,
                "text": argument.text,
                "start": argument.start,
                "end": argument.end,
            }
        )
    payload.update(event.attributes)
    return payload
