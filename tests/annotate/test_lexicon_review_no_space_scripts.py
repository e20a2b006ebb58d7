"""Lexicon phrases in scripts written without spaces match inside runs of letters.

Rule: a phrase needs no word boundary before it when its first character is in one of
``NO_SPACE_RANGES`` (Thai, Lao, Myanmar, Khmer, Hiragana, Katakana, Han), and none after it
when its last character is; every other side keeps the word boundary.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from eventset.annotate import textfold
from eventset.annotate.lexmatch import LexiconMatcher, _by_first_word
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.schema import Entity, Event, Ontology, Role, load_ontology


class Actor(Entity):
    """An actor."""


class Attack(Event):
    """An attack."""

    lexicon = {
        "zh": ["袭击", "空袭"],
        "ja": ["攻撃", "襲撃"],
        "th": ["โจมตี"],
        "ko": ["공격"],
        "en": ["attack"],
    }
    attacker: list[Actor] = Role("Who attacks.")


ONTO = Ontology(name="nospace", version=1, entities=[Actor], events=[Attack])
LEX = LexiconPreAnnotator(ONTO)


def _texts(lang: str, text: str) -> list[str]:
    return [r["value"]["text"] for r in LEX.regions(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("zh", "昨天武装分子袭击了村庄。", ["袭击"]),
        ("zh", "敌军发动空袭，随后再次袭击", ["空袭", "袭击"]),
        ("ja", "武装勢力が村を攻撃した。襲撃は夜だった。", ["攻撃", "襲撃"]),
        ("th", "กองกำลังโจมตีหมู่บ้านเมื่อวานนี้", ["โจมตี"]),
        # Korean puts spaces between words: whole words only, as in English
        ("ko", "군대가 공격 했다", ["공격"]),
        ("ko", "군대가 공격을 했다", []),
        ("en", "attackers attack", ["attack"]),
    ],
)
def test_lexicon_finds_phrases_of_scripts_without_spaces(lang, text, found) -> None:
    assert _texts(lang, text) == found


@pytest.mark.parametrize(
    "char", ["袭", "𠀋", "々", "〇", "ひ", "カ", "ー", "ｶ", "ไ", "ລ", "ក", "က", "豈"]
)
def test_scripts_written_without_spaces(char: str) -> None:
    assert textfold.no_space_script(char)


@pytest.mark.parametrize("char", ["a", "é", "Ж", "한", "Ａ", "١", "。", "、", "_", "0", "😀"])
def test_scripts_written_with_spaces_or_no_letters(char: str) -> None:
    assert not textfold.no_space_script(char)


@pytest.mark.parametrize(
    ("phrase", "text", "spans"),
    [
        # only the side whose character is in such a script loses its boundary
        ("g7サミット", "xg7サミット開催", []),
        ("g7サミット", "G7サミット開催", [(0, 6)]),
        ("サミットg7", "新サミットG7", [(1, 7)]),
        ("サミットg7", "新サミットG7x", []),
        ("g-サミット", "G-サミットへ xg-サミット", [(0, 6)]),
        ("東京 summit", "在東京  Summit", [(1, 11)]),
        ("東京 summit", "在東京 summits", []),
    ],
)
def test_boundaries_drop_only_on_the_no_space_side(phrase, text, spans) -> None:
    matcher = LexiconMatcher([phrase, "took"])
    assert matcher.candidates(text) == spans
    assert [(m.start(1), m.end(1)) for m in matcher.pattern.finditer(text)] == spans


def test_no_space_characters_match_only_themselves_case_insensitively() -> None:
    """What keeps ``pattern``'s split into bounded and free alternatives exact."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1))
    ranges = "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in textfold.NO_SPACE_RANGES)
    found = re.findall(f"[{ranges}]", every, re.IGNORECASE)
    assert found == [c for c in every if textfold.no_space_script(c)]


def _slow_reference(phrases: list[str], text: str) -> list[tuple[int, int]]:
    """Each phrase its own regex with its own boundaries; the longest (then first) per start."""
    ordered = sorted(phrases, key=lambda w: (-len(w), w))
    compiled = []
    for phrase in ordered:
        words = phrase.split()
        before = "" if textfold.no_space_script(words[0][0]) else r"(?<!\w)"
        after = "" if textfold.no_space_script(words[-1][-1]) else r"(?!\w)"
        body = r"\s+".join(map(re.escape, words))
        compiled.append(re.compile(before + body + after, re.IGNORECASE))
    out = []
    for start in range(len(text) + 1):
        for pattern in compiled:
            if found := pattern.match(text, start):
                out.append((start, found.end()))
                break
    return out


PHRASE_SETS = {
    "cjk": ["袭击", "袭击者", "攻撃", "カ", "โจมตี", "took over", "took", "x"],
    "mixed-start": ["g7サミット", "サミット", "summit", "東京 summit", "s"],
    "fast-path": ["g-サミット", "took over", "took", "x"],
}
PIECES = [
    "袭击",
    "者",
    "攻撃",
    "カ",
    "ｶ",
    "โจมตี",
    "ี",
    "サミット",
    "東京",
    "G7",
    "g-",
    "took",
    "TOOK",
    " ",
    "\u00a0",
    "over",
    "summit",
    "x",
    "S",
    "ſ",
    "İ",
    "。",
    "-",
    "a",
    "한",
]


@pytest.mark.parametrize("name", sorted(PHRASE_SETS))
@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
@example(text="袭击者袭击了G7サミット東京 summit")
def test_both_paths_equal_a_phrase_by_phrase_reference(name, text) -> None:
    phrases = PHRASE_SETS[name]
    matcher = LexiconMatcher(phrases)
    reference = [(m.start(1), m.end(1)) for m in matcher.pattern.finditer(text)]
    assert reference == _slow_reference(phrases, text)
    assert matcher.candidates(text) == reference


def test_fast_path_is_kept_where_the_first_word_is_ascii() -> None:
    assert _by_first_word(["g-サミット", "took"]) == {"g": ["g-サミット"], "took": ["took"]}
    assert LexiconMatcher(["g-サミット", "took"])._prefilter is not None
    assert LexiconMatcher(["袭击", "took"])._prefilter is None


def test_lexicons_without_such_phrases_keep_the_old_reference_pattern() -> None:
    onto = load_ontology("conflict-news")
    phrases = [p for e in onto.event_types.values() for p in e.lexicon.get("en", ())]
    matcher = LexiconMatcher(phrases)
    assert matcher.pattern.pattern.startswith(r"(?<!\w)(?=(")
    assert matcher._prefilter is not None
    assert LEX.regions("Rebels attack.", "en")[0]["value"]["text"] == "attack"
