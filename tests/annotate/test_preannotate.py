"""The lexicon pre-annotator: word boundaries, case, longest match, languages, shape."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventset.annotate.preannotate import LexiconPreAnnotator, PreAnnotator
from eventset.annotate.tasks import Document
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")


@pytest.fixture(scope="module")
def lexicon() -> LexiconPreAnnotator:
    return LexiconPreAnnotator(ONTO)


def _found(lexicon, text, lang="en"):
    return [(r["value"]["text"], r["value"]["labels"][0]) for r in lexicon.regions(text, lang)]


def test_is_a_preannotator_with_versioned_model_name(lexicon):
    assert isinstance(lexicon, PreAnnotator)
    assert lexicon.model_version == "lexicon-conflict-news"
    assert lexicon.languages == ("de", "en", "es", "fr", "nl")


def test_longest_match_wins_and_case_is_ignored(lexicon):
    assert _found(lexicon, "Rebels TOOK CONTROL of the port.") == [
        ("TOOK CONTROL", "TerritorialControl")
    ]
    assert _found(lexicon, "Rebels seized the port.") == [("seized", "TerritorialControl")]


def test_word_boundaries_are_respected(lexicon):
    assert _found(lexicon, "The offensively inoffensive remarks.") == []
    assert _found(lexicon, "An offensive.") == [("offensive", "MilitaryOperation")]


def test_multiword_phrase_across_a_line_break(lexicon):
    text = "Talks on a military\r\noperation."
    assert _found(lexicon, text) == [
        ("Talks", "Conference"),
        ("military\r\noperation", "MilitaryOperation"),
    ]


def test_results_do_not_overlap_and_offsets_are_code_points(lexicon):
    text = "🚀🚀 De opmars en de militaire operatie; gevechten."
    regions = lexicon.regions(text, "nl")
    spans = sorted((r["value"]["start"], r["value"]["end"]) for r in regions)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))
    for item in regions:
        assert text[item["value"]["start"] : item["value"]["end"]] == item["value"]["text"]
        assert item["from_name"] == "trigger" and item["to_name"] == "text"
        assert item["type"] == "labels" and item["id"].startswith("lex_")
    assert [r["value"]["text"] for r in regions] == ["opmars", "militaire operatie", "gevechten"]


def test_language_selects_the_lexicon(lexicon):
    assert _found(lexicon, "De opmars begon.", "en") == []
    assert _found(lexicon, "De opmars begon.", None) == []
    assert _found(lexicon, "De opmars begon.", "nl") == [("opmars", "MilitaryOperation")]


def test_predictions_only_when_something_matched(lexicon):
    assert lexicon.predictions(Document("Nothing here.", lang="en")) == []
    [pred] = lexicon.predictions(Document("They fought.", lang="en"))
    assert pred["model_version"] == lexicon.model_version
    assert [r["value"]["text"] for r in pred["result"]] == ["fought"]


WORDS = [w for e in ONTO.event_types.values() for w in e.lexicon["en"]]
LEXICON = LexiconPreAnnotator(ONTO)  # built once: a new one per example recompiles every phrase


@given(
    st.lists(
        st.one_of(st.sampled_from(WORDS), st.sampled_from([" ", "-", ", ", "x", "É"])), max_size=30
    )
)
def test_any_mix_of_lexicon_words_gives_clean_regions(parts):
    text = "".join(parts)
    regions = LEXICON.regions(text, "en")
    spans = [(r["value"]["start"], r["value"]["end"]) for r in regions]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))
    for item in regions:
        start, end = item["value"]["start"], item["value"]["end"]
        assert text[start:end] == item["value"]["text"]
        assert (start == 0 or not text[start - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        )
