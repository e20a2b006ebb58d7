"""Versions of a tiny ontology for sync tests: v1b adds a type, v2 drops Meeting and venue."""

from __future__ import annotations

from typing import Literal

from eventset.schema import Entity, Event, Ontology, Role


class Person(Entity):
    """A human being."""


class Place(Entity):
    """A location."""


class Org(Entity):
    """An organisation (only in v1b: an added type orphans nothing)."""


class Meeting(Event):
    """People meet."""

    participant: list[Person] = Role("Who meets.")
    venue: list[Place] = Role("Where.")


class Travel(Event):
    """Someone travels."""

    traveller: list[Person] = Role("Who travels.")
    venue: list[Place] = Role("Where to.")


class Travel2(Event):
    """Someone travels (v2: no venue role)."""

    traveller: list[Person] = Role("Who travels.")


Travel2.__name__ = "Travel"

TINY_V1 = Ontology(name="tiny", version=1, entities=[Person, Place], events=[Meeting, Travel])
TINY_V1B = Ontology(
    name="tiny", version="1b", entities=[Person, Place, Org], events=[Meeting, Travel]
)
TINY_V2 = Ontology(name="tiny", version=2, entities=[Person, Place], events=[Travel2])


class Meeting3(Event):
    """People meet (v3: no venue; Travel keeps its venue, so the relation label stays)."""

    participant: list[Person] = Role("Who meets.")


class Meeting4(Event):
    """People meet (v4: the venue is a person's home, so it takes a Person, not a Place)."""

    participant: list[Person] = Role("Who meets.")
    venue: list[Person] = Role("Whose home.")


Meeting3.__name__ = Meeting4.__name__ = "Meeting"

TINY_V3 = Ontology(name="tiny", version=3, entities=[Person, Place], events=[Meeting3, Travel])
TINY_V4 = Ontology(name="tiny", version=4, entities=[Person, Place], events=[Meeting4, Travel])


class Meeting5(Event):
    """People meet (v5: with a modality, as Travel5 has)."""

    participant: list[Person] = Role("Who meets.")
    modality: Literal["asserted", "planned"] = "asserted"


class Travel5(Event):
    """Someone travels (v5 and v6: with a modality)."""

    traveller: list[Person] = Role("Who travels.")
    modality: Literal["asserted", "planned"] = "asserted"


class Meeting6(Event):
    """People meet (v6: no modality any more, while Travel keeps it)."""

    participant: list[Person] = Role("Who meets.")


Meeting5.__name__ = Meeting6.__name__ = "Meeting"
Travel5.__name__ = "Travel"

TINY_V5 = Ontology(name="tiny", version=5, entities=[Person, Place], events=[Meeting5, Travel5])
TINY_V6 = Ontology(name="tiny", version=6, entities=[Person, Place], events=[Meeting6, Travel5])

# v2 again under another version (a docstring edit, say): nothing in use is taken away
TINY_V2B = Ontology(name="tiny", version="2b", entities=[Person, Place], events=[Travel2])
