"""Ontology author mistakes that load but mislead annotators are refused, with the way out."""

from __future__ import annotations

from typing import Literal

import pytest

from eventset import Entity, Event, Ontology, Role
from eventset.errors import OntologyError


class Person(Entity):
    """A person."""


class NewsEvent(Event):
    modality: Literal["asserted", "planned"] = "asserted"


class Attack(NewsEvent):
    """One side uses force against another."""

    attacker: list[Person] = Role("Who attacks.")


class Protest(NewsEvent):
    """People demonstrate against something."""


class Conflict(Event):
    """Any hostile act; use a subtype when one fits."""

    actor: list[Person] = Role("Who acts.")


class Clash(Conflict):
    """Two armed groups fight."""


def test_a_listed_base_without_docstring_is_refused_naming_its_subclasses():
    with pytest.raises(OntologyError) as refused:
        Ontology(name="n", version=1, entities=[Person], events=[NewsEvent, Attack, Protest])
    message = str(refused.value)
    assert "NewsEvent is listed in events=[...] and Attack, Protest derive from it" in message
    assert "leave it out of events=" in message and "give it a docstring" in message


def test_one_subclass_reads_in_the_singular():
    with pytest.raises(OntologyError, match="and Attack derives from it"):
        Ontology(name="n", version=1, entities=[Person], events=[Attack, NewsEvent])


def test_the_base_left_out_is_fine_and_its_subclasses_keep_its_fields():
    onto = Ontology(name="n", version=1, entities=[Person], events=[Attack, Protest])
    assert [a.name for a in onto.event_type("Protest").attributes] == ["modality"]


def test_a_documented_parent_type_stays_an_event_type_of_its_own():
    onto = Ontology(name="n", version=1, entities=[Person], events=[Conflict, Clash])
    assert list(onto.event_types) == ["Conflict", "Clash"]


class Strike(Event):
    """An attack from the air."""

    target: list[Person] = Role("Who or what is hit.")


class Walkout(Event):
    """Workers stop work."""

    target: Literal["government", "company"] = "company"


def test_a_role_and_an_attribute_of_one_name_are_refused():
    with pytest.raises(OntologyError) as refused:
        Ontology(name="n", version=1, entities=[Person], events=[Strike, Walkout])
    assert "'target' is a role of Strike and an attribute of Walkout" in str(refused.value)
    assert "rename one of them" in str(refused.value)
