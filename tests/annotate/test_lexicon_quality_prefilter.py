"""The prefilter's lookahead for phrases whose first word is common (``in control of``): the same
matches as the reference pattern, on texts built to probe its edges."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from eventset.annotate.lexmatch import LexiconMatcher, _second_words

PHRASES = [
    "in control of",
    "in advance",
    "in x-ray",  # the second word's run ends at a hyphen
    "in contrôle",  # a second word that goes on with a non-ASCII letter: no lookahead for "in"?
    "de top van",
    "de top",
    "top",
    "on strike",
    "strike",
    "advance",
]
MATCHER = LexiconMatcher(PHRASES)
PIECES = ["in", "In", "IN", "de", "top", "van", "control", "contrôle", "of", "advance", "x-ray"]
PIECES += ["on", "strike", "Strike", "x", "ray", "controls", "in’", "_", "0", "é", "e\u0301"]
SPACES = [" ", "  ", "\t", "\n", "\u00a0", "\u2003", "", ".", ",", "-"]


def _reference(text: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in MATCHER.pattern.finditer(text)]


def test_only_groups_whose_phrases_all_go_on_get_a_lookahead():
    groups = {"in": ["in control of", "in advance"], "top": ["top", "top van"], "de": ["de top"]}
    found = _second_words(groups)
    assert found == {"in": r"(?=\s+(?:advance|control)(?!\w))", "de": r"(?=\s+(?:top)(?!\w))"}
    assert "in" not in _second_words({"in": ["in contrôle", "in advance"]})
    assert _second_words({"in": ["in x-ray"]}) == {"in": r"(?=\s+(?:x)(?!\w))"}


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=14))
@example([("in", "\n"), ("control", "\t"), ("of", " ")])
@example([("In", "\u00a0"), ("advance", ".")])
@example([("in", " "), ("contrôle", " ")])
@example([("de", " "), ("top", " "), ("van", "")])
def test_candidates_and_spans_equal_the_reference(parts):
    text = "".join(word + space for word, space in parts)
    assert MATCHER.candidates(text) == _reference(text)
    assert MATCHER.spans(text) == sorted(
        {(a, b) for phrase in PHRASES for a, b in LexiconMatcher([phrase]).candidates(text)}
    )
    assert set(MATCHER.spans(text)) >= set(_reference(text))
