"""Running counts of a build, kept small so the export can be streamed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from eventset.export.records import DocumentRecord

MAX_LISTED = 50  # cross-sentence arguments listed by name in the card; the rest are counted


@dataclass
class Tally:
    """Counts per split of documents, sentences, events by type, arguments by role, entities."""

    documents: Counter[str] = field(default_factory=Counter)
    sentences: Counter[str] = field(default_factory=Counter)
    events: Counter[tuple[str, str]] = field(default_factory=Counter)
    roles: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    entities: Counter[tuple[str, str]] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    annotators: Counter[str] = field(default_factory=Counter)
    # labels of submitted annotations that the ontology does not have: ("event"|"entity", label)
    unknown_labels: Counter[tuple[str, str]] = field(default_factory=Counter)
    known_labels: int = 0  # labels of submitted annotations the ontology has
    known_event_labels: int = 0  # of those, event types (trigger labels)
    tasks: int = 0
    annotations: int = 0
    cancelled: int = 0
    drafts: int = 0
    unannotated: int = 0
    duplicates: int = 0  # tasks whose doc id belongs to another task (kept in raw only)
    crossing: int = 0
    crossing_entities: int = 0  # entity mentions over a sentence boundary (also in ``crossing``)
    crossing_triggers: int = 0  # events whose trigger does (also in ``crossing``; left out whole)
    crossing_listed: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add_documents(
        self, splits: list[str], docs: list[DocumentRecord], sentences: list[int]
    ) -> None:
        """Count a batch of documents: ``docs[i]`` goes to ``splits[i]``, with ``sentences[i]``.

        Once per batch, not per document: mentions are counted by type for each split, in C
        (``Counter``), and each type is paired with its split once rather than per mention.
        """
        self.documents.update(splits)
        self.languages.update([doc.lang for doc in docs])
        by_split: dict[str, list[DocumentRecord]] = {}
        for split, doc, count in zip(splits, docs, sentences, strict=True):
            self.sentences[split] += count
            by_split.setdefault(split, []).append(doc)
        for split, group in by_split.items():
            events = [event for doc in group for event in doc.events]
            entity_types = Counter([entity.type for doc in group for entity in doc.entities])
            for kind, n in entity_types.items():
                self.entities[(kind, split)] += n
            for kind, n in Counter([event.type for event in events]).items():
                self.events[(kind, split)] += n
            roles = Counter([(e.type, argument.role) for e in events for argument in e.arguments])
            for (kind, role), n in roles.items():
                self.roles[(kind, role, split)] += n

    def add_crossing(self, items: list[tuple[str, str, str, str]]) -> None:
        self.crossing += len(items)
        self.crossing_entities += sum(role == "entity" for _, _, role, _ in items)
        self.crossing_triggers += sum(role == "trigger" for _, _, role, _ in items)
        room = MAX_LISTED - len(self.crossing_listed)
        self.crossing_listed.extend(items[: max(room, 0)])

    @property
    def crossing_arguments(self) -> int:
        """Arguments outside their trigger's sentence (of events that have one)."""
        return self.crossing - self.crossing_entities - self.crossing_triggers

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready counts (tuple keys joined with '/')."""

        def flat(counter: Counter[Any]) -> dict[str, int]:
            return {
                "/".join(k) if isinstance(k, tuple) else k: v for k, v in sorted(counter.items())
            }

        return {
            "tasks": self.tasks,
            "annotations": self.annotations,
            "cancelled": self.cancelled,
            "drafts": self.drafts,
            "unannotated": self.unannotated,
            "duplicate_doc_ids": self.duplicates,
            "documents": flat(self.documents),
            "sentences": flat(self.sentences),
            "events": flat(self.events),
            "roles": flat(self.roles),
            "entities": flat(self.entities),
            "languages": flat(self.languages),
            "annotators": flat(self.annotators),
            "unknown_labels": flat(self.unknown_labels),
            "known_labels": self.known_labels,
            "known_event_labels": self.known_event_labels,
            "cross_sentence_arguments": self.crossing_arguments,
            "cross_sentence_entities": self.crossing_entities,
            "cross_sentence_triggers": self.crossing_triggers,
        }
