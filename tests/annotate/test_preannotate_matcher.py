"""The lexicon prefilter finds exactly what the one lookahead pattern finds.

``LexiconMatcher.candidates`` skips most of the text using facts about case-insensitive
matching and ``str.lower()``; the first tests check those facts for the running Python, the
others compare the prefiltered candidates with the reference pattern's on tricky text.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from eventset.annotate.lexmatch import LexiconMatcher, _by_first_word
from eventset.annotate.preannotate import _longest_non_overlapping, _norm
from eventset.annotate.textfold import ASCII_CASE_LOOKALIKES
from eventset.schema import load_ontology

ONTO = load_ontology("conflict-news")
LEXICONS = {
    lang: sorted({_norm(w) for e in ONTO.event_types.values() for w in e.lexicon.get(lang, ())})
    for lang in ("en", "nl")
}
# Phrases the real lexicons lack: digits, underscore, a hyphen, a shared first word, one letter.
EXTRA = ["take-over", "took over", "took", "x", "covid_19 outbreak", "g7 summit", "s"]
MATCHERS = {
    "en": LexiconMatcher(LEXICONS["en"]),
    "nl": LexiconMatcher(LEXICONS["nl"]),
    "extra": LexiconMatcher(EXTRA),
}
WORD_CHAR = re.compile(r"\w")
ALL_CHARS = [chr(c) for c in range(sys.maxunicode + 1)]
TRICKY = [
    *ASCII_CASE_LOOKALIKES,
    "ß",
    "ẞ",
    "\u0345",  # combining ypogegrammeni: no word character, yet it matches Greek iota
    "Σ",
    "ς",
    "é",
    "e\u0301",
    "Ⓐ",
    "ﬀ",
    "µ",
    "_",
    "0",
    "😀",
    "’",
    "-",
    ".",
    " ",
    "\r\n",
    "\u00a0",
    "\u2003",
    "\t",
]


def _reference(matcher: LexiconMatcher, text: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in matcher.pattern.finditer(text)]


def test_only_the_lookalikes_match_ascii_case_insensitively():
    matched = set(re.findall(r"[\x00-\x7f]", "".join(ALL_CHARS), re.IGNORECASE))
    assert {c for c in matched if not c.isascii()} == set(ASCII_CASE_LOOKALIKES)


def test_ascii_characters_match_each_other_exactly_when_lower_agrees():
    ascii_chars = [chr(c) for c in range(128)]
    for a in ascii_chars:
        pattern = re.compile(re.escape(a), re.IGNORECASE)
        for b in ascii_chars:
            assert bool(pattern.fullmatch(b)) == (a.lower() == b.lower()), (a, b)


def test_lower_keeps_lengths_and_makes_ascii_word_characters_only_from_word_characters():
    longer = [c for c in ALL_CHARS if len(c.lower()) != 1]
    assert longer == ["\u0130"] and "\u0130" in ASCII_CASE_LOOKALIKES
    ascii_word = set("abcdefghijklmnopqrstuvwxyz0123456789_")
    made = [c for c in ALL_CHARS if c.lower() in ascii_word and not WORD_CHAR.match(c)]
    assert made == []


def _vary_case(draw: st.DrawFn, phrase: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(phrase), max_size=len(phrase)))
    return "".join(c.upper() if flip else c for c, flip in zip(phrase, flips, strict=True))


@st.composite
def _texts(draw: st.DrawFn, phrases: list[str]) -> str:
    """Lexicon phrases in any case and glued to tricky characters, sometimes misspelled."""
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["phrase", "tricky", "letters", "mangled"]))
        if kind == "phrase":
            parts.append(_vary_case(draw, draw(st.sampled_from(phrases))))
        elif kind == "tricky":
            parts.append(draw(st.sampled_from(TRICKY)))
        elif kind == "letters":
            parts.append(draw(st.text("aeiostkKIS", max_size=4)))
        else:
            phrase = _vary_case(draw, draw(st.sampled_from(phrases)))
            at = draw(st.integers(0, len(phrase)))
            parts.append(phrase[:at] + draw(st.sampled_from(TRICKY)) + phrase[at:])
    return "".join(parts)


@pytest.mark.parametrize("name", sorted(MATCHERS))
@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_candidates_equal_the_reference_pattern(name, data):
    phrases = EXTRA if name == "extra" else LEXICONS[name]
    text = data.draw(_texts(phrases))
    matcher = MATCHERS[name]
    assert matcher.candidates(text) == _reference(matcher, text)


@given(st.lists(st.sampled_from([*TRICKY, *"tookaidsupportxS "]), max_size=40).map("".join))
@example("ſupport SUPPORT said aid İnstructors")
@example("Took\u00a0control, \u212aept took  over take-over g7 summit")
def test_candidates_equal_the_reference_pattern_on_any_text(text):
    for matcher in MATCHERS.values():
        assert matcher.candidates(text) == _reference(matcher, text)


def test_phrases_not_starting_with_ascii_word_characters_use_the_reference_pattern():
    # ``_by_first_word``'s default, narrow mode; the matcher itself asks for the wide one, which
    # also takes letters that lower-case as they fold (tests/schema/test_lexicon_review10_*.py)
    for phrases in (["café", "took"], ["-ism", "took"], ["ab\u0345c"], ["k\u2019s"]):
        assert _by_first_word(phrases) is None
        matcher = LexiconMatcher(phrases)
        text = "Café took -ism AB\u03b9C k\u2019s"
        assert matcher.candidates(text) == _reference(matcher, text)
    assert _by_first_word(["took over", "took", "g7 summit"]) == {
        "took": ["took over", "took"],
        "g7": ["g7 summit"],
    }


def _greedy(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
    return sorted(taken)


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 6)), max_size=12))
def test_longest_non_overlapping_keeps_the_longest_then_leftmost(starts):
    spans = list({start: (start, start + length) for start, length in starts}.values())
    assert _longest_non_overlapping(spans) == _greedy(spans)


def test_the_built_in_lexicon_keeps_the_fast_path_in_every_language():
    """One phrase whose first word is not ASCII sends every text of its language down the slow
    reference pattern (a non-ASCII Dutch word once doubled the benchmark's pre-annotation time)."""
    from eventset.schema import load_ontology

    onto = load_ontology("conflict-news")
    languages = {lang for event in onto.event_types.values() for lang in event.lexicon}
    for lang in sorted(languages):
        phrases = [p for e in onto.event_types.values() for p in e.lexicon.get(lang, ())]
        assert LexiconMatcher(phrases)._prefilter is not None, lang
