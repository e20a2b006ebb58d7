"""A malformed ontology fails with one error that lists every problem and how to fix it."""

from __future__ import annotations

from typing import Literal

import pytest

from eventset.errors import OntologyError
from eventset.schema import Entity, Event, Ontology, Role


class Person(Entity):
    """A person."""


class Place(Entity):
    """A place."""


class Meet(Event):
    """A meeting."""

    who: list[Person] = Role("Who meets.")


def test_empty_ontology() -> None:
    with pytest.raises(OntologyError, match="declares no event types"):
        Ontology(name="x", version=1, entities=[Person], events=[])


def test_duplicate_type_names() -> None:
    class Meet(Event):  # same class name as the module-level one
        """Another meeting."""

    with pytest.raises(OntologyError, match="'Meet' is used more than once"):
        Ontology(name="x", version=1, entities=[Person], events=[globals()["Meet"], Meet])


def test_role_type_not_in_entities() -> None:
    class Visit(Event):
        """A visit."""

        where: list[Place] = Role("Where.")

    with pytest.raises(OntologyError) as info:
        Ontology(name="x", version=1, entities=[Person], events=[Visit])
    assert "Visit.where accepts Place" in str(info.value)
    assert "add it to entities" in str(info.value)


def test_role_whose_type_is_not_an_entity() -> None:
    class Visit(Event):
        """A visit."""

        where: list[str] = Role("Where.")

    with pytest.raises(OntologyError, match=r"Visit\.where: type .* is neither a role"):
        Ontology(name="x", version=1, entities=[Person], events=[Visit])


def test_invalid_label_name() -> None:
    bad = type("Bad-Name", (Entity,), {"__doc__": "x"})
    with pytest.raises(OntologyError, match="'Bad-Name' is not a valid label"):
        Ontology(name="x", version=1, entities=[Person, bad], events=[Meet])


def test_attribute_without_default() -> None:
    class Vote(Event):
        """A vote."""

        outcome: Literal["yes", "no"]

    with pytest.raises(OntologyError, match="attribute has no default"):
        Ontology(name="x", version=1, entities=[Person], events=[Vote])


def test_all_problems_reported_at_once() -> None:
    class Visit(Event):
        """A visit."""

        where: list[Place] = Role("Where.")

    with pytest.raises(OntologyError) as info:
        Ontology(name="x", version=1, entities=[Person, int], events=[Visit])  # type: ignore[list-item]
    text = str(info.value)
    assert "not a subclass of Entity" in text and "Visit.where accepts Place" in text
    assert "How to fix:" in text


def test_role_named_same_as_is_refused() -> None:
    class Link(Event):
        """A link."""

        same_as: list[Person] = Role("x")

    with pytest.raises(OntologyError, match="same_as: not a usable role name"):
        Ontology(name="x", version=1, entities=[Person], events=[Link])


def test_unresolvable_annotation_is_explained() -> None:
    namespace: dict = {}
    source = (
        "from __future__ import annotations\n"
        "from eventset.schema import Event, Role\n"
        "class Visit(Event):\n"
        "    '''A visit.'''\n"
        "    who: list[Ghost] = Role('Who.')\n"
    )
    exec(compile(source, "<test>", "exec", dont_inherit=True), namespace)
    with pytest.raises(OntologyError, match=r"'list\[Ghost\]' could not be resolved"):
        Ontology(name="x", version=1, entities=[Person], events=[namespace["Visit"]])


def test_same_attribute_name_with_other_values_is_refused() -> None:
    class Vote(Event):
        """A vote."""

        outcome: Literal["yes", "no"] = "yes"

    class Poll(Event):
        """A poll."""

        outcome: Literal["yes", "no", "maybe"] = "yes"

    with pytest.raises(OntologyError) as info:
        Ontology(name="x", version=1, entities=[Person], events=[Vote, Poll])
    assert "attribute 'outcome' has values ['yes', 'no']" in str(info.value)
    assert "in Vote but ['yes', 'no', 'maybe']" in str(info.value)


def test_attribute_named_like_a_config_control_is_refused() -> None:
    class Quote(Event):
        """A quote."""

        text: Literal["direct", "indirect"] = "direct"

    with pytest.raises(OntologyError, match=r"Quote\.text: not a usable attribute name"):
        Ontology(name="x", version=1, entities=[Person], events=[Quote])
