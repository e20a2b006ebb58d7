"""Review fixes: language detection needs distinctive evidence, language names and ISO 639-2/3
codes select the lexicon, combining marks continue words, every phrase at a start is a
candidate, and matching is by case folding with offsets into the original text."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from eventset.annotate import language, preannotate, textfold
from eventset.annotate.language import detect_language
from eventset.annotate.lexmatch import LexiconMatcher
from eventset.annotate.preannotate import LexiconPreAnnotator
from eventset.schema import Entity, Event, Ontology, Role, load_ontology

LEX = LexiconPreAnnotator(load_ontology("conflict-news"))
ALL_CHARS = [chr(c) for c in range(sys.maxunicode + 1)]


def _texts(lex: LexiconPreAnnotator, text: str, lang: str | None) -> list[str]:
    return [r["value"]["text"] for r in lex.regions(text, lang)]


# 1. clear evidence only: German, French and Spanish are not Dutch or English


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Armee ist in Mali angekommen und die Lage ist ernst.", "de"),
        ("Der Angriff auf die Stadt wurde von der Armee abgewehrt.", "de"),
        ("Die Regierung hat das Bestand der Truppen nicht erhöht.", "de"),
        ("L'armée a attaqué la ville de Goma et les rebelles ont fui.", "fr"),
        ("El ejército de Mali llegó con los rebeldes y con las tropas del norte.", "es"),
        # "capital" (and "police", "forces") are French or Spanish words too: no English evidence
        ("El ejército llegó a la capital y los rebeldes se retiraron.", "es"),
    ],
)
def test_german_french_and_spanish_texts_get_their_language(text: str, expected: str) -> None:
    # never Dutch or English (German was once taken for Dutch: Dutch pre-annotations on it)
    assert detect_language(text) == expected


def test_a_german_text_gets_no_dutch_pre_annotations() -> None:
    text = "Die Armee ist in Mali angekommen und das Bestand ist ernst."
    lang = detect_language(text)
    assert lang == "de" and _texts(LEX, text, lang) == []  # no German trigger here, no Dutch one


def test_only_words_of_one_list_are_evidence() -> None:
    lists = [frozenset(words.split()) for words in language._WORDS.values()]
    for word, lang in language.DISTINCTIVE.items():
        assert sum(word in words for words in lists) == 1, word
        assert word in language._WORDS[lang].split()
    for shared in ("in", "is", "over", "was", "die", "de", "en", "als", "of"):
        assert shared not in language.DISTINCTIVE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het leger van de rebellen is op weg naar de stad.", "nl"),
        ("Die soldaten hebben de stad veroverd.", "nl"),
        ("The rebels are on their way to the city.", "en"),
        ("In Mali, the army took control.", "en"),
    ],
)
def test_dutch_and_english_still_decide(text: str, expected: str) -> None:
    assert detect_language(text) == expected


# 2. shared words count for no side; one distinctive word decides a headline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ceasefire agreed in Gaza", "en"),
        ("Rebels attacked Goma.", "en"),
        ("Troops advanced over the border", "en"),
        ("Wapenstilstand in Gaza overeengekomen", "nl"),
        ("Aanval op Kiev", "nl"),
    ],
)
def test_short_headlines_are_decided_by_distinctive_words(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In Mali is over",  # only words on both lists
        "Deze week: fighting in the east",  # one side is not clearly ahead
        "Dit is een test of the system",
        "Kramatorsk, Avdiivka.",
    ],
)
def test_shared_or_mixed_evidence_decides_nothing(text: str) -> None:
    assert detect_language(text) is None


def test_one_distinctive_word_does_not_decide_a_long_text() -> None:
    names = " ".join(f"Name{chr(65 + i)}" for i in range(20))
    assert detect_language(f"{names} the") is None
    assert detect_language(f"{names} the army") == "en"


# 3. language names and ISO 639-2/3 codes


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("eng", "en"),
        ("en-GB", "en"),
        ("English", "en"),
        ("english", "en"),
        ("nld", "nl"),
        ("dut", "nl"),
        ("Dutch", "nl"),
        ("Nederlands", "nl"),
        ("nl_BE", "nl"),
        ("deu", "de"),
        ("ger", "de"),
        ("German", "de"),
        ("Deutsch", "de"),
        ("fra", "fr"),
        ("fre", "fr"),
        ("French", "fr"),
        ("français", "fr"),
        ("spa", "es"),
        ("Spanish", "es"),
        ("español", "es"),
        (" EN ", "en"),
        ("zh-Hant-TW", "zh"),
        ("und", "und"),  # unknown values are data: kept
        ("x-klingon", "x"),
        ("", None),
        (None, None),
    ],
)
def test_language_codes(given: str | None, code: str | None) -> None:
    assert language.language_code(given) == code


@pytest.mark.parametrize("lang", ["eng", "English", "en-GB", "ENG"])
def test_language_names_select_the_lexicon(lang: str) -> None:
    assert _texts(LEX, "Rebels took control of the port.", lang) == ["took control"]


@pytest.mark.parametrize("lang", ["nld", "dut", "Dutch", "Nederlands"])
def test_dutch_names_select_the_dutch_lexicon(lang: str) -> None:
    assert _texts(LEX, "De opmars begon.", lang) == ["opmars"]


# 4. combining marks continue the word before them

MARK_SAMPLES = ["\u0301", "\u0300", "\u036f", "\u1ab0", "\u1dc0", "\u20d0", "\ufe20", "\u093e"]


def _both_paths(phrases: list[str], text: str) -> list[list[tuple[int, int]]]:
    """candidates, pattern, spans (fast where possible) and spans on the reference path."""
    matcher = LexiconMatcher(phrases)
    slow = LexiconMatcher(phrases)
    slow._prefilter = None
    return [
        matcher.candidates(text),
        [(m.start(1), m.end(1)) for m in matcher.pattern.finditer(text)],
        matcher.spans(text),
        slow.spans(text),
    ]


@pytest.mark.parametrize("mark", MARK_SAMPLES)
def test_a_mark_after_a_word_continues_it(mark: str) -> None:
    text = f"The expose{mark} was published."
    assert _both_paths(["expose", "fiance"], text) == [[], [], [], []]
    # the mark also blocks a phrase that would start right after it
    assert _both_paths(["was"], f"expose{mark}was")[2] == []


def test_a_phrase_with_a_mark_matches_as_written() -> None:
    text = "The cafe\u0301 attack."
    assert LexiconMatcher(["cafe\u0301", "attack"]).spans(text) == [(4, 9), (10, 16)]
    assert LexiconMatcher(["cafe", "attack"]).spans(text) == [(10, 16)]


def test_the_mark_class_holds_every_mark_outside_scripts_without_spaces() -> None:
    pattern = re.compile(f"[{textfold.MARKS}]")
    for char in ALL_CHARS:
        expected = unicodedata.category(char)[0] == "M" and not textfold.no_space_script(char)
        assert bool(pattern.match(char)) == expected, hex(ord(char))


# 5. every phrase at a start is a candidate


def test_a_shorter_phrase_at_the_same_start_is_kept() -> None:
    matcher = LexiconMatcher(["peace", "peace deal", "deal signed"])
    text = "A peace deal signed in Doha."
    assert matcher.spans(text) == [(2, 7), (2, 12), (8, 19)]
    chosen = preannotate._longest_non_overlapping(matcher.spans(text))
    assert [text[s:e] for s, e in chosen] == ["peace", "deal signed"]


class Thing(Entity):
    """A thing."""


class Talks(Event):
    """Talks."""

    lexicon = {"en": ["peace", "peace deal"]}
    party: list[Thing] = Role("Who talks.")


class Signing(Event):
    """A signing."""

    lexicon = {"en": ["deal signed"], "de": ["großangriff"]}
    signer: list[Thing] = Role("Who signs.")


OVERLAP = LexiconPreAnnotator(
    Ontology(name="overlap", version=1, entities=[Thing], events=[Talks, Signing])
)


def test_regions_keep_a_shorter_phrase_that_fits() -> None:
    regions = OVERLAP.regions("A peace deal signed in Doha.", "en")
    found = [(r["value"]["text"], r["value"]["labels"][0]) for r in regions]
    assert found == [("peace", "Talks"), ("deal signed", "Signing")]


# 6. case folding with offsets into the original text


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("großangriff", "Der GROSSANGRIFF begann.", "GROSSANGRIFF"),
        ("GROSSANGRIFF", "Der Großangriff begann.", "Großangriff"),
        ("grossangriff", "Der GROẞANGRIFF begann.", "GROẞANGRIFF"),
        ("fighting", "Heavy ﬁghting.", "ﬁghting"),
        ("coup d'état", "A coup d’état failed.", "coup d’état"),
        ("coup d’état", "A coup d'État failed.", "coup d'État"),
        ("ijsvrij", "Het ĳsvrij meer.", "ĳsvrij"),
        ("strijd", "De STRĲD.", "STRĲD"),
        ("kelvin", "The \u212aELVIN scale.", "\u212aELVIN"),
        ("σεισμός", "ΣΕΙΣΜΌΣ χθες", "ΣΕΙΣΜΌΣ"),
    ],
)
def test_case_folding_matches_and_offsets_stay_exact(phrase: str, text: str, found: str) -> None:
    start = text.index(found)
    span = (start, start + len(found))
    assert _both_paths([phrase, "took"], text) == [[span], [span], [span], [span]]


def test_offsets_after_characters_whose_folding_is_longer() -> None:
    text = "Straße ﬁnal: GROSSANGRIFF und großangriff."
    regions = OVERLAP.regions(text, "de")
    assert [(r["value"]["start"], r["value"]["end"], r["value"]["text"]) for r in regions] == [
        (13, 25, "GROSSANGRIFF"),
        (30, 41, "großangriff"),
    ]
    for r in regions:
        assert text[r["value"]["start"] : r["value"]["end"]] == r["value"]["text"]


def test_a_folded_stretch_never_splits_a_character() -> None:
    # "ss" of the phrase may not be half of a ß
    assert _both_paths(["sa"], "ßa ssa SA")[2] == [(7, 9)]
    assert _both_paths(["fi"], "ﬃ fi")[2] == [(2, 4)]


def test_what_is_not_folded() -> None:
    # Unicode normalisation, the dotless i and the left quotation mark are not folded
    assert LexiconMatcher(["exposé"]).spans("expose\u0301") == []
    assert LexiconMatcher(["istanbul"]).spans("ıstanbul") == []
    assert LexiconMatcher(["d'état"]).spans("d\u2018état") == []


def test_ascii_fold_lookalikes_are_every_character_folding_to_ascii_word_characters() -> None:
    ascii_word = set("abcdefghijklmnopqrstuvwxyz0123456789_")
    expected = {c for c in ALL_CHARS if not c.isascii() and ascii_word & set(textfold.fold(c))}
    assert set(textfold.ASCII_FOLD_LOOKALIKES) == expected


def test_facts_behind_the_tables_and_the_prefilter() -> None:
    word = re.compile(r"\w")
    # the fold table needs only the code points below U+20000
    assert all(c.casefold() == c for c in ALL_CHARS[textfold._FOLDED_BELOW :])
    # marks live below U+20000 or among the variation selectors supplement
    planes = textfold._MARK_PLANES
    assert all(
        any(ord(c) in plane for plane in planes)
        for c in ALL_CHARS
        if unicodedata.category(c)[0] == "M"
    )
    # lower() never changes whether a character is a word character (prefilter boundaries)
    assert not [
        c
        for c in ALL_CHARS
        if len(c.lower()) == 1 and bool(word.match(c)) != bool(word.match(c.lower()))
    ]
    # characters of scripts written without spaces fold only to themselves, and nothing else
    # folds to them (keeps the split of ``pattern`` into bounded and free alternatives exact)
    folds_to = {c.casefold() for c in ALL_CHARS if c.casefold() != c}
    for c in ALL_CHARS:
        if textfold.no_space_script(c):
            assert c.casefold() == c and c not in folds_to, hex(ord(c))


# the fast path, the reference path and a phrase-by-phrase brute force agree on every span

PHRASES = ["peace", "peace deal", "deal signed", "took", "took control", "großangriff", "fi", "x"]
PIECES = [
    "peace", "PEACE", "deal", "signed", "took", "TOOK", "control", "großangriff", "GROSS",
    "ANGRIFF", "ﬁ", "fi", "x", "ſ", "ẞ", "\u212a", " ", "  ", "\u00a0", "\u0301", "\u093e",
    "é", "-", "’", "'", "ı", "İ", "😀",
]  # fmt: skip


def _brute_force(phrases: list[str], text: str) -> list[tuple[int, int]]:
    fold, marks = textfold.fold, re.compile(rf"[\w{textfold.MARKS}]")
    wanted = {" ".join(fold(p).split()) for p in phrases}
    found = []
    for start in range(len(text)):
        if start and marks.match(text, start - 1):
            continue
        for end in range(start + 1, len(text) + 1):
            piece = text[start:end]
            if piece != piece.strip() or marks.match(text, end):
                continue
            if " ".join(fold(piece).split()) in wanted and len(fold(piece).split()) == len(
                piece.split()
            ):
                found.append((start, end))
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
@example("A peace deal signed; TOOK  control of ſigned GROẞANGRIFF")
@example("took\u0301 control, ﬁ x\u093e x")
def test_spans_agree_on_both_paths_and_with_a_brute_force(text: str) -> None:
    candidates, pattern, fast, slow = _both_paths(PHRASES, text)
    assert fast == slow == _brute_force(PHRASES, text)
    assert candidates == pattern
    longest = {}
    for start, end in fast:
        longest[start] = max(end, longest.get(start, end))
    assert candidates == sorted(longest.items())


def test_the_built_in_lexicons_still_take_the_fast_path() -> None:
    for matcher in LEX._matchers.values():
        assert matcher._prefilter is not None
        assert matcher._lowered("Rebels took control. De opmars begon.") is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Betogers riepen "Wir sind das Volk" terwijl de politie toekeek.', "nl"),
        ('Scholz sagte: "Wir werden die Ukraine unterstützen." Hij sprak in Berlijn.', "nl"),
        ("De premier sprak met Macron. Hij zei: « Nous sommes prêts à aider l'Ukraine. »", "nl"),
        (
            "In Los Angeles the mayor of Los Angeles said the fires in Los Angeles killed five.",
            "en",
        ),
    ],
)
def test_quotations_and_names_in_another_language_do_not_outvote_the_report(text, expected):
    from eventset.annotate.language import detect_language

    assert detect_language(text) == expected
