"""``Ontology``: a named, versioned group of entity and event types, checked as a whole."""

from __future__ import annotations

import hashlib
import inspect
import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from eventset.errors import OntologyError
from eventset.schema.dsl import Entity, Event
from eventset.schema.introspect import AttributeSpec, RoleSpec, describe_fields, type_text
from eventset.schema.lexicon import (
    examples_problems,
    lexicon_problems,
    own_lexicon,
    own_stop,
    stop_problems,
)

__all__ = ["AttributeSpec", "EventType", "Ontology", "RoleSpec"]

LABEL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
COREF_RELATION = "same_as"
# Each attribute becomes a labeling-config control of the same name; these names are taken by
# the config's own controls (eventset.annotate.config checks that it uses no others).
# Attributes are also columns next to the fields of every event row (documents and sentences
# configs; a test in tests/export checks this list against both).
RESERVED_ATTRIBUTE_NAMES = frozenset(
    {"text", "trigger", "entity", "id", "cluster_id", "type", "event_type", "arguments"}
)
# Roles share these names' places too: a role is a key of the event payload next to `id`,
# `type`, `trigger` and the attributes, and a column of the rows; one rule for both.
_RESERVED = ", ".join(sorted(RESERVED_ATTRIBUTE_NAMES))


@dataclass(frozen=True)
class EventType:
    """What the ontology knows about one event class."""

    name: str
    cls: type[Event]
    definition: str
    roles: tuple[RoleSpec, ...]
    attributes: tuple[AttributeSpec, ...]
    lexicon: dict[str, tuple[str, ...]]
    examples: tuple[str, ...]

    @property
    def guideline(self) -> str:
        """The class's own docstring with its Markdown layout (paragraphs, lists, tables) kept;
        ``definition`` is the same text on one line."""
        return inspect.cleandoc(self.cls.__dict__.get("__doc__") or "")

    def role(self, name: str) -> RoleSpec:
        """The role called ``name``; ``KeyError`` if this event type has none."""
        for role in self.roles:
            if role.name == name:
                return role
        raise KeyError(f"{self.name} has no role {name!r}")


def _doc(cls: type) -> str:
    own = cls.__dict__.get("__doc__")
    return " ".join((own or "").split())


class Ontology:
    """Entity and event types with a name and a version.

    Construction checks the whole ontology and raises one ``OntologyError`` listing every problem.
    ``lexicon_stop`` maps language codes to phrases the lexicon pre-annotator never marks
    although a shorter or overlapping trigger phrase matches there (``"heart attack"``).

    Example:
        >>> from eventset.schema import load_ontology
        >>> onto = load_ontology("conflict-news")
        >>> onto.name, onto.version, len(onto.event_types)
        ('conflict-news', 4, 11)
    """

    def __init__(
        self,
        *,
        name: str,
        version: int | str,
        entities: list[type[Entity]],
        events: list[type[Event]],
        description: str = "",
        lexicon_stop: dict[str, list[str]] | None = None,
    ) -> None:
        self.name = name
        self._lexicon_stop: object = {} if lexicon_stop is None else lexicon_stop
        self.version = version
        self.description = " ".join(description.split())
        self.entities = list(entities)
        self.events = list(events)
        self._check()

    # --- validation ---------------------------------------------------------------------
    def _check(self) -> None:
        problems = self._problems()
        if problems:
            listing = "\n".join(f"  - {p}" for p in problems)
            raise OntologyError(
                f"ontology {self.name!r} is malformed:\n{listing}",
                remedy="change the ontology's classes as each line says, then load it again",
            )

    def _problems(self) -> list[str]:
        return list(dict.fromkeys(self._all_problems()))  # a class listed twice: once

    def _all_problems(self) -> list[str]:
        problems: list[str] = []
        if not self.events:
            problems.append("it declares no event types; pass events=[...] with at least one class")
        if not str(self.name).strip() or "\n" in str(self.name) or "\r" in str(self.name):
            problems.append(f"the name {self.name!r} must be one non-empty line")
        if not re.fullmatch(r"\S+", str(self.version)):
            problems.append(
                f"the version {self.version!r} must be one word without spaces (1, 2, 2024.1 ...)"
            )
        problems += self._class_problems(self.entities, Entity, "entities")
        for entity in self.entities:
            if isinstance(entity, type) and issubclass(entity, Entity):
                problems += _entity_field_problems(entity)
        problems += self._class_problems(self.events, Event, "events")
        names = [c.__name__ for c in [*self.entities, *self.events]]
        for dup in sorted({n for n in names if names.count(n) > 1}):
            problems.append(f"the type name {dup!r} is used more than once; rename one of them")
        known = {c.__name__ for c in self.entities}
        events = [e for e in self.events if isinstance(e, type) and issubclass(e, Event)]
        for event in events:
            problems += self._event_problems(event, known)
        problems += _listed_bases(events) + _roles_named_like_attributes(events)
        return problems + _attribute_conflicts(events) + stop_problems(self._lexicon_stop, events)

    @staticmethod
    def _class_problems(classes: list[Any], base: type, where: str) -> list[str]:
        problems = []
        for cls in classes:
            if not (isinstance(cls, type) and issubclass(cls, base)) or cls is base:
                shown = type_text(cls) if isinstance(cls, type) else repr(cls)
                problems.append(
                    f"{where} contains {shown}, which is not a subclass of {base.__name__}"
                )
            elif not LABEL_RE.match(cls.__name__):
                problems.append(
                    f"type name {cls.__name__!r} is not a valid label: an ASCII letter, then up "
                    "to 63 ASCII letters, digits or _"
                )
        return problems

    @staticmethod
    def _event_problems(event: type[Event], known: set[str]) -> list[str]:
        roles, attributes, problems = describe_fields(event)
        for role in roles:
            if role.name == COREF_RELATION:
                problems.append(
                    f"{event.__name__}.{role.name}: {COREF_RELATION!r} is the relation that joins "
                    "mentions of one entity or event; give the role another name"
                )
            elif role.name in RESERVED_ATTRIBUTE_NAMES:
                problems.append(_reserved_problem(event.__name__, role.name, "role"))
            elif not LABEL_RE.match(role.name):
                problems.append(
                    f"{event.__name__}.{role.name}: not a usable role name (an ASCII letter, "
                    "then up to 63 ASCII letters, digits or _)"
                )
            missing = [t for t in role.allowed if t not in known]
            if missing:
                problems.append(
                    f"{event.__name__}.{role.name} accepts {', '.join(missing)}, which is not "
                    "among the ontology's entity types; add it to entities=[...]"
                )
        for attribute in attributes:
            if attribute.name in RESERVED_ATTRIBUTE_NAMES:
                problems.append(_reserved_problem(event.__name__, attribute.name, "attribute"))
            elif not LABEL_RE.match(attribute.name):
                problems.append(
                    f"{event.__name__}.{attribute.name}: not a usable attribute name (an ASCII "
                    "letter, then up to 63 ASCII letters, digits or _); rename the attribute"
                )
            for value in attribute.values:
                if not value.strip() or "\n" in value:
                    problems.append(f"{event.__name__}.{attribute.name}: bad value {value!r}")
        return problems + lexicon_problems(event) + examples_problems(event)

    # --- derived views ------------------------------------------------------------------
    @cached_property
    def event_types(self) -> dict[str, EventType]:
        """Event types by name, in declaration order."""
        out = {}
        for cls in self.events:
            roles, attributes, _ = describe_fields(cls)
            out[cls.__name__] = EventType(
                cls.__name__,
                cls,
                _doc(cls),
                tuple(roles),
                tuple(attributes),
                own_lexicon(cls),
                tuple(cls.__dict__.get("examples", ())),
            )
        return out

    @cached_property
    def lexicon_stop(self) -> dict[str, tuple[str, ...]]:
        """Phrases never pre-annotated, by language code (``Ontology(lexicon_stop=...)``)."""
        return own_stop(self._lexicon_stop)

    @cached_property
    def entity_types(self) -> dict[str, type[Entity]]:
        """Entity classes by name, in declaration order."""
        return {cls.__name__: cls for cls in self.entities}

    def event_type(self, name: str) -> EventType:
        """The event type called ``name``; ``KeyError`` naming the known ones otherwise."""
        try:
            return self.event_types[name]
        except KeyError:
            known = ", ".join(self.event_types)
            raise KeyError(f"unknown event type {name!r}; known: {known}") from None

    def entity_definition(self, name: str) -> str:
        return _doc(self.entity_types[name])

    @cached_property
    def fillers(self) -> dict[tuple[str, str], frozenset[str]]:
        """Entity types that may fill each (event type, role) pair; a pair that is missing is
        not a role of that event type."""
        return {
            (event.name, role.name): frozenset(role.allowed)
            for event in self.event_types.values()
            for role in event.roles
        }

    @cached_property
    def role_names(self) -> tuple[str, ...]:
        """Every role name used by any event type, in first-seen order."""
        seen: dict[str, None] = {}
        for event in self.event_types.values():
            for role in event.roles:
                seen.setdefault(role.name, None)
        return tuple(seen)

    @cached_property
    def attribute_specs(self) -> dict[str, dict[str, AttributeSpec]]:
        """Each event type's attributes by name (per-region choices are read against it)."""
        return {
            event.name: {attribute.name: attribute for attribute in event.attributes}
            for event in self.event_types.values()
        }

    @cached_property
    def attributes(self) -> dict[str, AttributeSpec]:
        """Attributes by name across all event types (same-named ones are checked to agree)."""
        out: dict[str, AttributeSpec] = {}
        for event in self.event_types.values():
            for attribute in event.attributes:
                out.setdefault(attribute.name, attribute)
        return out

    def describe(self) -> dict[str, Any]:
        """A JSON-ready description of everything that defines the ontology (``lexicon_stop``
        only when there is one, so an ontology without keeps its hash)."""
        described: dict[str, Any] = {
            "name": self.name,
            "version": self.version,
            "description": self.description,
            "entities": [
                {"name": n, "definition": self.entity_definition(n)} for n in self.entity_types
            ],
            "events": [_describe_event(e) for e in self.event_types.values()],
        }
        if self.lexicon_stop:
            described["lexicon_stop"] = {k: list(v) for k, v in self.lexicon_stop.items()}
        return described

    @cached_property
    def content_hash(self) -> str:
        """sha256 of the canonical description; changes whenever anything annotators see changes."""
        canonical = json.dumps(self.describe(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def short_hash(self) -> str:
        return self.content_hash[:12]

    def json_schema(self) -> dict[str, Any]:
        """JSON Schema of one event of any type (see ``eventset.schema.jsonschema``)."""
        from eventset.schema.jsonschema import event_json_schema

        return event_json_schema(self)

    def guidelines(self) -> str:
        """Markdown annotation guidelines (see ``eventset.schema.guidelines``)."""
        from eventset.schema.guidelines import render_guidelines

        return render_guidelines(self)

    def __repr__(self) -> str:
        return (
            f"Ontology(name={self.name!r}, version={self.version!r}, "
            f"events={len(self.events)}, entities={len(self.entities)})"
        )


def _attribute_conflicts(events: list[type[Event]]) -> list[str]:
    """Same-named attributes must agree: annotators see one set of choices per attribute name."""
    first: dict[str, tuple[str, AttributeSpec]] = {}
    problems = []
    for event in events:
        for attribute in describe_fields(event)[1]:
            seen = first.setdefault(attribute.name, (event.__name__, attribute))
            other, spec = seen
            if (spec.values, spec.default) != (attribute.values, attribute.default):
                problems.append(
                    f"attribute {attribute.name!r} has values {list(spec.values)} (default "
                    f"{spec.default!r}) in {other} but {list(attribute.values)} (default "
                    f"{attribute.default!r}) in {event.__name__}; declare it once, e.g. in a "
                    "shared base class, or give the two attributes different names"
                )
    return problems


def _listed_bases(events: list[type[Event]]) -> list[str]:
    """Listed event classes that others listed derive from and that have no docstring.

    Such a class is most likely a base that only shares fields (attributes, roles); listed, it
    becomes an event type of its own that annotators can pick, without a guideline.
    """
    problems = []
    for base in events:
        children = [e.__name__ for e in events if e is not base and issubclass(e, base)]
        if children and not _doc(base):
            verb = "derives" if len(children) == 1 else "derive"
            problems.append(
                f"{base.__name__} is listed in events=[...] and {', '.join(children)} {verb} "
                "from it, but it has no docstring: listed, a shared base class becomes an event "
                "type that annotators can pick, without a guideline; leave it out of events= "
                "(its subclasses keep its fields), or give it a docstring if it is meant as an "
                "event type of its own"
            )
    return problems


def _roles_named_like_attributes(events: list[type[Event]]) -> list[str]:
    """A name that is a role of one event type and an attribute of another.

    Annotators would see one word as a relation label and as a choice, and the rows would hold
    it as an event's attribute column and as an argument's role.
    """
    roles: dict[str, str] = {}
    attributes: dict[str, str] = {}
    for event in events:
        found_roles, found_attributes, _ = describe_fields(event)
        for role in found_roles:
            roles.setdefault(role.name, event.__name__)
        for attribute in found_attributes:
            attributes.setdefault(attribute.name, event.__name__)
    return [
        f"{name!r} is a role of {roles[name]} and an attribute of {attributes[name]}: annotators "
        "would see one word as a relation label and as a choice; rename one of them"
        for name in sorted(roles.keys() & attributes.keys())
    ]


def _reserved_problem(owner: str, name: str, kind: str) -> str:
    return (
        f"{owner}.{name}: not a usable {kind} name: {name!r} is reserved for the fields of every "
        f"event record and the labeling config's controls ({_RESERVED}); rename the {kind}"
    )


def _entity_field_problems(entity: type[Entity]) -> list[str]:
    """Fields an entity class adds to ``Entity``: nothing would show, store or hash them."""
    return [
        f"{entity.__name__}.{name}: entity types carry no fields in eventset (the labeling "
        "config, the dataset and the ontology hash leave them out); remove it, or put the "
        f"attribute on the event types instead (`{name}: Literal[...] = ...` on an Event class)"
        for name in entity.model_fields
        if name not in Entity.model_fields
    ]


def _describe_event(event: EventType) -> dict[str, Any]:
    return {
        "name": event.name,
        "definition": event.definition,
        "roles": [role.__dict__ for role in event.roles],
        "attributes": [attribute.__dict__ for attribute in event.attributes],
        "lexicon": {lang: list(words) for lang, words in event.lexicon.items()},
        "examples": list(event.examples),
    }
