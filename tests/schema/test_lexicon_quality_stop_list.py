"""``Ontology(lexicon_stop=...)``: checked like lexicons, part of the content hash."""

from __future__ import annotations

import pytest

from eventset.errors import OntologyError
from eventset.schema import Ontology, load_ontology
from eventset.schema.dsl import Event


class Raid(Event):
    """A raid."""

    lexicon = {"en": ["raid", "attack"], "nl": ["valt ... aan"]}


def _onto(**kwargs: object) -> Ontology:
    return Ontology(name="raids", version=1, entities=[], events=[Raid], **kwargs)  # type: ignore[arg-type]


def test_a_stop_list_is_kept_by_language_code_and_changes_the_hash() -> None:
    plain = _onto()
    stopped = _onto(lexicon_stop={"EN-gb": ["heart attack"], "en": ["panic attack"]})
    assert stopped.lexicon_stop == {"en": ("heart attack", "panic attack")}
    assert plain.lexicon_stop == {}
    assert "lexicon_stop" not in plain.describe()  # ontologies without one keep their hash
    assert stopped.describe()["lexicon_stop"] == {"en": ["heart attack", "panic attack"]}
    assert plain.content_hash != stopped.content_hash


@pytest.mark.parametrize(
    ("stop", "expected"),
    [
        (["heart attack"], "not a mapping"),
        ({"en": "heart attack"}, "not a list of phrases"),
        ({"en": ["", 3]}, "is not a phrase"),
        ({"en": ["valt ... aan"]}, "is not a phrase"),
        ({"e1": ["x"]}, "not a language code"),
        ({"en": ["Attack"]}, "'Attack' is also a trigger phrase of Raid"),
    ],
)
def test_a_bad_stop_list_is_refused(stop: object, expected: str) -> None:
    with pytest.raises(OntologyError, match=expected):
        _onto(lexicon_stop=stop)


def test_a_gapped_phrase_needs_words_on_both_sides() -> None:
    class Bad(Event):
        """Bad."""

        lexicon = {"nl": ["valt ...", "... aan", "a ... b ... c"]}

    with pytest.raises(OntologyError) as raised:
        Ontology(name="bad", version=1, entities=[], events=[Bad])
    assert str(raised.value).count("at most (a separable verb") == 3


def test_the_built_in_stop_list_overlaps_its_lexicon() -> None:
    """Every built-in stop phrase keeps some lexicon phrase out (else it is dead weight)."""
    from eventset.annotate.lexmatch import LexiconMatcher

    onto = load_ontology("conflict-news")
    for lang, stops in onto.lexicon_stop.items():
        phrases = [p for e in onto.event_types.values() for p in e.lexicon.get(lang, ())]
        matcher = LexiconMatcher([p.split(" ... ")[0] for p in phrases])
        for stop in stops:
            assert matcher.spans(stop), (lang, stop)
