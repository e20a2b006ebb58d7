"""A lexicon keyed by a language's name or ISO 639-2/3 code is the lexicon of that language's
ISO 639-1 code everywhere: merged with it, matched by it, and named by it in the guidelines
(``"french"`` was matched as ``fr`` but printed as a language of its own)."""

from __future__ import annotations

from eventset.schema import Entity, Event, Ontology, Role
from eventset.schema.guidelines import render_guidelines


class Suspect(Entity):
    """A person held by the police."""


class Arrest(Event):
    """The police detain someone."""

    lexicon = {"french": ["arrêté"], "fr": ["interpellé"], "deu": ["festgenommen"]}
    detainee: list[Suspect] = Role("Who is held.")


ONTO = Ontology(name="arrests", version=1, entities=[Suspect], events=[Arrest])


def test_language_names_and_three_letter_codes_become_iso_639_1():
    assert ONTO.event_types["Arrest"].lexicon == {
        "de": ("festgenommen",),
        "fr": ("arrêté", "interpellé"),
    }


def test_the_guidelines_name_the_code_not_the_key_as_written():
    text = render_guidelines(ONTO)
    assert "(fr)" in text and "(de)" in text
    assert "french" not in text and "deu" not in text
