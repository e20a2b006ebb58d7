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


@pytest.mark.parametrize("optional", ["union", "Optional"])
def test_a_role_written_as_optional_gets_its_own_remedy(optional: str) -> None:
    import typing

    kind = list[Place] | None if optional == "union" else typing.Optional[list[Place]]  # noqa: UP045
    Visit = type(
        "Visit",
        (Event,),
        {"__doc__": "A visit.", "__annotations__": {"where": kind}, "where": Role("Where.")},
    )
    with pytest.raises(OntologyError) as info:
        Ontology(name="x", version=1, entities=[Person, Place], events=[Visit])
    assert "Visit.where: a role is a list, empty when the text names no filler" in str(info.value)
    assert "`where: list[...] = Role(" in str(info.value)


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

    with pytest.raises(OntologyError, match="same_as: 'same_as' is the relation that joins"):
        Ontology(name="x", version=1, entities=[Person], events=[Link])


def test_label_and_role_bound_errors_state_the_rule_and_the_values() -> None:
    bad = type("Élan", (Entity,), {"__doc__": "x"})
    with pytest.raises(OntologyError, match="an ASCII letter, then up to 63 ASCII letters"):
        Ontology(name="x", version=1, entities=[Person, bad], events=[Meet])
    with pytest.raises(ValueError, match=r"Role\('x', min=2, max=1\): need 0 <= min <= max"):
        Role("x", min=2, max=1)


def test_a_module_without_the_attribute_names_the_file_it_loaded() -> None:
    from eventset.schema import load_ontology

    with pytest.raises(OntologyError) as caught:
        load_ontology("json:ONTOLOGY")  # an installed module, not the user's json.py
    assert "(the module loaded from " in str(caught.value) and "json" in str(caught.value)
    assert "for a file write json.py:ONTOLOGY" in caught.value.remedy


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


class Sloppy(Event):
    """Every declaration mistake that used to load and fail later, at build time."""

    mood: Literal["calm", "tense"] = "clam"  # a typo: no event without a choice would validate
    tone: Literal["a", "b"] = Role("An attribute declared like a role.")
    host: list[Person]  # a role without Role(...): required by pydantic, shown as optional
    arguments: Literal["x", "y"] = "x"  # a column of every event row


class RedefinesId(Event):
    """A role named like the region id."""

    id: list[Person] = Role("Not a role at all.")  # type: ignore[assignment]


def test_declaration_mistakes_are_reported_when_the_ontology_loads() -> None:
    with pytest.raises(OntologyError) as caught:
        Ontology(name="x", version="1 beta", entities=[Person], events=[Sloppy, RedefinesId])
    message = str(caught.value)
    for expected in (
        "the version '1 beta' must be one word",
        "Sloppy.mood: the default 'clam' is not one of its values",
        "Sloppy.tone: attribute has no default value (Role(...) is for roles)",
        "Sloppy.host: role without Role(...)",
        "Sloppy.arguments: not a usable attribute name",
        "RedefinesId.id: 'id' is reserved",
    ):
        assert expected in message


class Officer(Person):
    """A person with a rank."""


def test_a_role_takes_exactly_the_entity_types_it_lists() -> None:
    import pydantic

    onto = Ontology(name="x", version=1, entities=[Person, Officer], events=[Meet])
    assert onto.event_type("Meet").role("who").allowed == ("Person",)
    with pytest.raises(pydantic.ValidationError, match="does not accept Officer"):
        Meet(trigger={"text": "met"}, who=[Officer(text="the colonel")])
    with pytest.raises(pydantic.ValidationError, match="does not accept entity type 'Officer'"):
        Meet(trigger={"text": "met"}, who=[{"type": "Officer", "text": "the colonel"}])
    assert Meet(trigger={"text": "met"}, who=[Person(text="Ann")]).who[0].text == "Ann"


class City(Entity):
    """A city."""


class Siege(Event):
    """Forces surround a city."""

    besieger: list[Person] = Role("Who leads the siege.", min=1)
    city: list[City] = Role("The city under siege.", max=1)


def test_the_json_schema_enforces_role_bounds_and_entity_types_as_pydantic_does() -> None:
    import jsonschema

    schema = Ontology(name="x", version=1, entities=[Person, City], events=[Siege]).json_schema()

    def siege(besiegers: int, cities: int, city_type: str = "City") -> dict:
        return {
            "type": "Siege",
            "trigger": {"text": "siege"},
            "besieger": [{"type": "Person", "text": f"P{n}"} for n in range(besiegers)],
            "city": [{"type": city_type, "text": f"C{n}"} for n in range(cities)],
        }

    jsonschema.validate(siege(1, 1), schema)
    for bad in (siege(0, 1), siege(1, 2), siege(1, 1, "Person")):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
    untyped = siege(1, 0)
    del untyped["besieger"][0]["type"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(untyped, schema)


def test_an_attribute_default_may_come_from_a_factory() -> None:
    from pydantic import Field

    class Flagged(Event):
        """An event whose attribute default is computed."""

        polarity: Literal["pos", "neg"] = Field(default_factory=lambda: "pos")

    onto = Ontology(name="x", version=1, entities=[Person], events=[Flagged])
    (attribute,) = onto.event_type("Flagged").attributes
    assert attribute.default == "pos"


def test_an_attribute_default_that_needs_the_other_fields_is_reported() -> None:
    from pydantic import Field

    class Computed(Event):
        """An event whose attribute default depends on the data."""

        mood: Literal["x", "y"] = Field(default_factory=lambda data: "x")

    with pytest.raises(OntologyError, match=r"Computed\.mood: attribute has no default value"):
        Ontology(name="x", version=1, entities=[Person], events=[Computed])


def test_a_class_listed_twice_reports_its_problems_once() -> None:
    class Riot(Event):
        """A riot."""

        level: Literal[1, 2] = 1

    with pytest.raises(OntologyError) as refused:
        Ontology(name="riots", version=1, entities=[], events=[Riot, Riot])
    lines = [line for line in str(refused.value).splitlines() if line.startswith("  - ")]
    assert len(lines) == len(set(lines)) >= 2
    assert any("'Riot' is used more than once" in line for line in lines)
