"""One trigger phrase in the lexicons of two event types is refused at load: pre-annotation would
always have given it the type listed first, without a word (seen while renaming a type)."""

from __future__ import annotations

import pytest

from eventset.errors import OntologyError
from eventset.schema import Entity, Event, Ontology, Role


class Suspect(Entity):
    """A person held."""


class Arrest(Event):
    """The police take someone in."""

    lexicon = {"en": ["arrested", "detained"], "fr": ["interpellé"]}
    who: list[Suspect] = Role("Who.")


class Detention(Event):
    """Someone is held."""

    lexicon = {"en": ["Detained", "held"], "de": ["festgenommen"]}
    who: list[Suspect] = Role("Who.")


class Custody(Event):
    """Someone is in custody."""

    lexicon = {"fr": ["en garde à vue"], "en": ["in custody"]}
    who: list[Suspect] = Role("Who.")


def test_a_phrase_in_two_event_types_is_named_with_both():
    with pytest.raises(OntologyError) as caught:
        Ontology(name="x", version=1, entities=[Suspect], events=[Arrest, Detention])
    message = str(caught.value)
    assert "the en trigger phrase 'detained' is in the lexicons of Arrest and Detention" in message
    assert "would always mark it Arrest; keep it in one of them" in message
    assert "arrested" not in message and "held" not in message


def test_phrases_of_different_languages_or_types_do_not_clash():
    onto = Ontology(name="x", version=1, entities=[Suspect], events=[Arrest, Custody])
    assert set(onto.event_types) == {"Arrest", "Custody"}
