"""The ontology DSL: entity and event types as Pydantic classes, grouped in an ``Ontology``.

This package is pure (pydantic and the standard library only); it never imports
``eventset.annotate`` or ``eventset.export``.

Example:
    >>> from eventset.schema import Entity, Event, Role, Ontology
    >>> class Person(Entity):
    ...     '''A human being, named or described.'''
    >>> class Meeting(Event):
    ...     '''Two or more parties meet.'''
    ...     participant: list[Person] = Role("Who meets.", min=1)
    >>> onto = Ontology(name="tiny", version=1, entities=[Person], events=[Meeting])
    >>> onto.event_type("Meeting").role("participant").allowed
    ('Person',)
"""

from eventset.schema.attributes import Modality, Polarity
from eventset.schema.dsl import Entity, Event, Role, Span
from eventset.schema.issues import Issue, IssueReport
from eventset.schema.loader import BUILTIN_ONTOLOGIES, load_ontology
from eventset.schema.ontology import AttributeSpec, EventType, Ontology, RoleSpec

__all__ = [
    "BUILTIN_ONTOLOGIES",
    "AttributeSpec",
    "Entity",
    "Event",
    "EventType",
    "Issue",
    "IssueReport",
    "Modality",
    "Ontology",
    "Polarity",
    "Role",
    "RoleSpec",
    "Span",
    "load_ontology",
]
