"""The guidelines name a subtype that does not fill a role listing its parent type.

A role takes exactly the entity types it lists, so a ``Politician(Actor)`` argument of a role
typed ``Actor`` is left out at build time; annotators who read the guidelines now see that.
"""

from __future__ import annotations

from eventset.schema import Entity, Event, Ontology, Role, load_ontology


class Actor(Entity):
    """A person or group."""


class Politician(Actor):
    """A person in office."""


class Place(Entity):
    """A place."""


class Vote(Event):
    """A vote."""

    voter: list[Actor] = Role("Who votes.")
    candidate: list[Actor | Politician] = Role("Who is voted for.")
    place: list[Place] = Role("Where.", max=1)


def test_a_role_of_a_parent_type_names_the_subtype_it_does_not_take():
    onto = Ontology(name="votes", version=1, entities=[Actor, Politician, Place], events=[Vote])
    rows = {
        line.split("|")[1].strip(): line for line in onto.guidelines().splitlines() if "| `" in line
    }
    assert "`Actor` (not its subtype `Politician`)" in rows["`voter`"]
    assert "not its subtype" not in rows["`candidate`"]  # it lists Politician too
    assert "not its subtype" not in rows["`place`"]


def test_the_built_in_ontology_has_no_such_note():
    assert "not its subtype" not in load_ontology("conflict-news").guidelines()
