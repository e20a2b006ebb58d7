"""Pre-annotators: anything that turns a document into Label Studio predictions.

``PreAnnotator`` is the small interface import uses; ``LexiconPreAnnotator`` marks trigger words
from the ontology's lexicon for the document's language. Other predictors (a model, an existing
corpus such as ``eventset.annotate.oneie``) plug in by implementing ``predictions``.

Example:
    >>> from eventset.schema import load_ontology
    >>> from eventset.annotate.tasks import Document
    >>> lex = LexiconPreAnnotator(load_ontology("conflict-news"))
    >>> [pred] = lex.predictions(Document("Rebels took control of the port.", lang="en"))
    >>> [r["value"]["text"] for r in pred["result"]]
    ['took control']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise
from typing import Any, Protocol, runtime_checkable

from eventset.annotate.config import TRIGGER_TAG
from eventset.annotate.tasks import Document, Result, prediction, region_id, span_result
from eventset.schema import Ontology


@runtime_checkable
class PreAnnotator(Protocol):
    """Gives zero or more Label Studio prediction entries (model_version + result) per document."""

    def predictions(self, doc: Document) -> list[dict[str, Any]]: ...


class LexiconPreAnnotator:
    """Whole-word, case-insensitive lexicon matches -> trigger regions.

    In scripts written without spaces between words (Chinese, Japanese, Thai, ...; see
    ``NO_SPACE_RANGES``) a phrase may start or end inside a run of letters.

    Where matches overlap the longest one wins (then the leftmost); a phrase listed under two
    event types goes to the first one declared. Documents in a language without a lexicon get
    no prediction.
    """

    def __init__(self, ontology: Ontology) -> None:
        # Stable across ontology versions: Label Studio pre-fills only the predictions of the
        # project's model version, so a version that changed with every ontology edit would hide
        # the pre-annotations of every task imported before it.
        self.model_version = f"lexicon-{ontology.name}"
        self._labels: dict[str, dict[str, str]] = {}
        for event in ontology.event_types.values():
            for lang, words in event.lexicon.items():
                for word in words:
                    self._labels.setdefault(lang, {}).setdefault(_norm(word), event.name)
        self._matchers = {lang: LexiconMatcher(words) for lang, words in self._labels.items()}

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self._matchers))

    def predictions(self, doc: Document) -> list[dict[str, Any]]:
        result = self.regions(doc.text, doc.lang)
        return [prediction(self.model_version, result)] if result else []

    def regions(self, text: str, lang: str | None) -> list[Result]:
        """Trigger result items for ``text``, sorted by offset."""
        matcher = self._matchers.get(lang or "")
        if matcher is None:
            return []
        labels = self._labels[lang or ""]
        out = []
        for start, end in _longest_non_overlapping(matcher.candidates(text)):
            # Case-insensitive regex and str.lower() disagree on a few exotic characters.
            label = labels.get(_norm(text[start:end]))
            if label:
                rid = region_id("lex", start, end, label)
                out.append(span_result(TRIGGER_TAG, rid, text, start, end, label))
        return out


class LexiconMatcher:
    r"""Where lexicon phrases start in a text, and the longest phrase at each such start.

    The reference is ``pattern``: ``(?<!\w)(?=(alt1|...|altN))`` with ``re.IGNORECASE``, one
    alternative per phrase (longest first), its words joined by ``\s+``, ending at a word
    boundary. A phrase whose first (last) character is in a script written without spaces
    (``no_space_script``) needs no word boundary on that side: such phrases are alternatives
    ``free1|...|freeM`` (longest first) outside the lookbehind, so that the pattern is
    ``(?=((?<!\w)(?:alt1|...|altN)|free1|...|freeM))``, and the end boundary is left out of every
    alternative whose last character is such a character. Splitting the alternatives in two
    keeps the longest phrase at each position: the first characters of the phrases that match
    at one position all match the text's character there, and a character of those scripts
    matches only itself case-insensitively (a test checks it), so all of them are on one side.

    Trying every alternative at every word start is slow, so ``candidates`` first runs a prefix
    tree of the phrases' first words over the lower-cased text, and tries only the phrases
    with that first word, anchored, where it matches. The result is the same as
    ``pattern``'s (see ``candidates``; the tests compare both on tricky text).

    Example:
        >>> LexiconMatcher(["took control", "took"]).candidates("They TOOK  Control, took.")
        [(5, 18), (20, 24)]
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        ordered = sorted(phrases, key=lambda w: (-len(w), w))
        # A zero-width lookahead finds a candidate at every position, including overlapping ones.
        bounded = [p for p in ordered if not _free_start(p)]
        free = [p for p in ordered if _free_start(p)]
        if free:
            either = ([rf"(?<!\w)(?:{_alternation(bounded)})"] if bounded else []) + [
                _alternation(free)
            ]
            self.pattern = re.compile(rf"(?=({'|'.join(either)}))", re.IGNORECASE)
        else:
            self.pattern = re.compile(rf"(?<!\w)(?=({_alternation(ordered)}))", re.IGNORECASE)
        groups = _by_first_word(ordered)
        self._prefilter = re.compile(_prefix_tree(groups)) if groups else None
        self._anchored = {
            key: re.compile(rf"(?<!\w)(?:{_alternation(group)})", re.IGNORECASE).match
            for key, group in (groups or {}).items()
        }

    def candidates(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of the longest phrase at each position where one starts, in order.

        Why the prefilter misses nothing: every phrase starts with a run of ASCII word
        characters (else ``pattern`` runs), so it has the word boundary before it, and in the
        phrase that run is followed by whitespace, an ASCII non-word character or, when it is
        the whole phrase, the end boundary (kept: its last character is ASCII). Outside
        ``ASCII_CASE_LOOKALIKES`` (texts with one take ``pattern``) only ASCII characters match
        ASCII ones case-insensitively, exactly when their ``lower()`` is equal, and no other
        character lower-cases to an ASCII word character or (but İ) to more than one character.
        So where a phrase matches, the word there is ASCII, its lower-cased form is a key and is
        the longest key the tree finds there (the next character is no word character); a tree
        match never spans a word start, so none is skipped. Tests check these facts for the
        running Python.
        """
        lowered = "" if self._prefilter is None or _LOOKALIKE.search(text) else text.lower()
        if len(lowered) != len(text) or self._prefilter is None:
            return [(m.start(1), m.end(1)) for m in self.pattern.finditer(text)]
        anchored = self._anchored
        return [
            (start, found.end())
            for word in self._prefilter.finditer(lowered)
            if (found := anchored[word.group()](text, start := word.start()))
        ]


# Non-ASCII characters that re.IGNORECASE matches with an ASCII letter: İ, ı, ſ, Kelvin sign.
ASCII_CASE_LOOKALIKES = "\u0130\u0131\u017f\u212a"
_LOOKALIKE = re.compile(f"[{ASCII_CASE_LOOKALIKES}]")
_FIRST_WORD = re.compile(r"\w+")


# Scripts written without spaces between words, as inclusive code point ranges (whole Unicode
# blocks, plus the Han marks 々〆〇): Thai, Lao, Myanmar, Khmer, Hiragana, Katakana, Han.
# Hangul is not among them: Korean puts spaces between words.
NO_SPACE_RANGES = (
    (0x0E00, 0x0E7F),  # Thai
    (0x0E80, 0x0EFF),  # Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer Symbols
    (0x3005, 0x3007),  # 々 〆 〇 (Han iteration and closing marks, ideographic zero)
    (0x3040, 0x309F),  # Hiragana
    (0x30A0, 0x30FF),  # Katakana (with the prolonged sound mark ー)
    (0x31F0, 0x31FF),  # Katakana Phonetic Extensions
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xA9E0, 0xA9FF),  # Myanmar Extended-B
    (0xAA60, 0xAA7F),  # Myanmar Extended-A
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0xFF66, 0xFF9F),  # halfwidth Katakana
    (0x1B000, 0x1B16F),  # Kana Supplement, Kana Extended-A, Small Kana Extension
    (0x20000, 0x323AF),  # CJK Unified Ideographs Extensions B-H, Compatibility Supplement
)


def no_space_script(char: str) -> bool:
    """Whether ``char`` belongs to a script written without spaces between words.

    Example:
        >>> [no_space_script(c) for c in "袭かカไaＡ한"]
        [True, True, True, True, False, False, False]
    """
    code = ord(char)
    return any(first <= code <= last for first, last in NO_SPACE_RANGES)


def _free_start(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and no_space_script(words[0][0])


def _free_end(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and no_space_script(words[-1][-1])


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _alternation(phrases: Iterable[str]) -> str:
    return "|".join(
        r"\s+".join(map(re.escape, p.split())) + ("" if _free_end(p) else r"(?!\w)")
        for p in phrases
    )


def _by_first_word(ordered: list[str]) -> dict[str, list[str]] | None:
    """Phrases (order kept) by the lower-cased run of word characters they start with.

    None when a phrase does not start with ASCII word characters, or when they are followed
    by a non-ASCII character other than whitespace: the prefilter's reasoning needs both.
    """
    groups: dict[str, list[str]] = {}
    for phrase in ordered:
        first = _FIRST_WORD.match(phrase)
        if first is None or not first.group().isascii():
            return None
        after = phrase[first.end() : first.end() + 1]
        if not (after.isascii() or after.isspace()):
            return None
        groups.setdefault(first.group().lower(), []).append(phrase)
    return groups


def _prefix_tree(words: Iterable[str]) -> str:
    """A pattern matching the longest of ``words`` at a position, factored as a prefix tree.

    One alternative per distinct next character keeps the regex engine from trying every word
    at every position.

    Example:
        >>> _prefix_tree(["train", "trains", "took", "top"])
        't(?:o(?:ok|p)|rain(?:s)?)'
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _tree_node(root)


def _tree_node(node: dict[str, Any]) -> str:
    branches = []
    for char, child in sorted(node.items()):
        if not char:
            continue
        chain = re.escape(char)
        while len(child) == 1 and "" not in child:
            [(char, child)] = child.items()
            chain += re.escape(char)
        branches.append(chain + _tree_node(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def _longest_non_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = sorted(spans)
    if all(end <= start for (_, end), (start, _) in pairwise(spans)):
        return spans  # nothing overlaps: every span is taken
    taken: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
    return sorted(taken)
