"""The DSL validates event instances: entity types per role, cardinality, attribute values."""

from __future__ import annotations

import pydantic
import pytest

from eventset.schema import Entity, Event, Ontology, Role, load_ontology
from eventset.schema.builtin.conflict_news import (
    ArmedGroup,
    ArmsTransfer,
    Country,
    MilitaryOperation,
    Person,
    Weapon,
)

TRIGGER = {"text": "offensive", "start": 10, "end": 19}


def test_weapon_as_agent_names_event_role_and_allowed_types() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        MilitaryOperation(trigger=TRIGGER, agent=[Weapon(text="tanks")])
    message = str(info.value)
    assert "MilitaryOperation" in message
    assert "agent" in message
    assert "Weapon" in message and "'tanks'" in message
    assert "ArmedGroup, Country, Organization, Person" in message


def test_dict_arguments_are_typed_by_their_type_key() -> None:
    event = ArmsTransfer(
        trigger=TRIGGER,
        supplier=[{"type": "Country", "text": "Russia", "start": 0, "end": 6}],
        weapon=[{"type": "Weapon", "text": "rifles"}],
        modality="planned",
    )
    assert isinstance(event.supplier[0], Country)
    assert event.weapon[0].type == "Weapon"
    assert event.type == "ArmsTransfer"


def test_disallowed_type_given_as_dict_is_refused() -> None:
    with pytest.raises(pydantic.ValidationError, match="does not accept entity type 'Weapon'"):
        ArmsTransfer(trigger=TRIGGER, recipient=[{"type": "Weapon", "text": "guns"}])


def test_unknown_attribute_value_names_the_value() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        MilitaryOperation(trigger=TRIGGER, modality="rumoured")
    assert "modality" in str(info.value) and "rumoured" in str(info.value)


def test_unknown_field_is_refused() -> None:
    with pytest.raises(pydantic.ValidationError, match="attacker"):
        MilitaryOperation(trigger=TRIGGER, attacker=[Person(text="he")])


def test_defaults_for_attributes() -> None:
    event = MilitaryOperation(trigger=TRIGGER)
    assert (event.modality, event.polarity) == ("asserted", "positive")


def test_round_trip_through_dump() -> None:
    event = MilitaryOperation(
        trigger=TRIGGER,
        agent=[ArmedGroup(text="LNA", start=0, end=3, id="e1")],
        commander=[Person(text="the general", start=30, end=41)],
        polarity="negative",
    )
    again = MilitaryOperation.model_validate(event.model_dump())
    assert again == event
    assert again.model_dump()["agent"][0]["type"] == "ArmedGroup"


class XPerson(Entity):
    """A person."""


class XMeeting(Event):
    """A meeting."""

    host: list[XPerson] = Role("Who hosts.", min=1, max=1)


def test_missing_required_role_names_event_and_role() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        XMeeting(trigger=TRIGGER)
    assert "XMeeting.host takes at least 1 argument(s), got 0" in str(info.value)


def test_too_many_arguments() -> None:
    with pytest.raises(pydantic.ValidationError, match="at most 1"):
        XMeeting(trigger=TRIGGER, host=[XPerson(text="a"), XPerson(text="b")])


def test_reversed_span_is_refused() -> None:
    with pytest.raises(pydantic.ValidationError, match="ends"):
        MilitaryOperation(trigger={"text": "x", "start": 5, "end": 2})


def test_role_bounds_are_checked_at_declaration() -> None:
    with pytest.raises(ValueError, match="min <= max"):
        Role("bad", min=2, max=1)


def test_builtin_roles_match_the_contract() -> None:
    onto = load_ontology("conflict-news")
    op = onto.event_type("MilitaryOperation")
    assert [r.name for r in op.roles] == [
        "agent",
        "commander",
        "target",
        "destination",
        "place",
        "instrument",
        "time",
    ]
    assert op.role("commander").allowed == ("Person",)
    assert set(op.role("target").allowed) == {
        "ArmedGroup",
        "Country",
        "Organization",
        "Person",
        "Location",
        "Facility",
    }
    for event in onto.event_types.values():
        assert {a.name: a.values for a in event.attributes} == {
            "modality": ("asserted", "planned", "hypothetical", "uncertain"),
            "polarity": ("positive", "negative"),
        }
        assert event.lexicon["nl"] and event.lexicon["en"], event.name
        place = [r for r in event.roles if r.name == "place"]
        assert all(set(r.allowed) == {"Location", "Country", "Facility"} for r in place)


def test_ontology_is_tiny_to_write() -> None:
    onto = Ontology(name="tiny", version=1, entities=[XPerson], events=[XMeeting])
    assert onto.event_type("XMeeting").role("host").min == 1


def test_the_diplomacy_and_politics_of_a_news_story_can_be_expressed() -> None:
    """Events of the kind the product was imagined for: agreeing to attend talks, seeking a
    command, a government of national unity (the conference itself is a Conference)."""
    from eventset.schema.builtin.conflict_news import (
        Agreement,
        Appointment,
        GovernmentFormation,
        Organization,
    )

    agreed = Agreement(
        trigger={"text": "afgesproken", "start": 0, "end": 11},
        party=[Person(text="Haftar"), Organization(text="de regering")],
        mediator=[Organization(text="de Verenigde Naties")],
    )
    sought = Appointment(
        trigger={"text": "positie van bevelhebber", "start": 20, "end": 43},
        person=[Person(text="hij")],
        body=[ArmedGroup(text="de strijdkrachten")],
        modality="hypothetical",
    )
    unity = GovernmentFormation(
        trigger={"text": "vorming", "start": 50, "end": 57},
        government=[Organization(text="een regering van nationale eenheid")],
        place=[Country(text="Libië")],
        modality="uncertain",
    )
    assert [e.modality for e in (agreed, sought, unity)] == [
        "asserted",
        "hypothetical",
        "uncertain",
    ]
    with pytest.raises(pydantic.ValidationError, match="person"):
        Appointment(trigger=TRIGGER, person=[ArmedGroup(text="troops")])
