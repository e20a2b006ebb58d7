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
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from itertools import pairwise
from typing import Any, Protocol, runtime_checkable

from eventset.annotate.config import TRIGGER_TAG
from eventset.annotate.language import language_code
from eventset.annotate.tasks import Document, Result, prediction, region_id, span_result
from eventset.schema import Ontology


@runtime_checkable
class PreAnnotator(Protocol):
    """Gives zero or more Label Studio prediction entries (model_version + result) per document."""

    def predictions(self, doc: Document) -> list[dict[str, Any]]: ...


class LexiconPreAnnotator:
    """Whole-word, case-insensitive lexicon matches -> trigger regions.

    Case is ignored by full case folding (``str.casefold``: ``GROSSANGRIFF`` matches
    ``großangriff``, ``ĳ`` matches ``ij``), and ``’`` is the same as ``'``. A combining mark
    (Unicode category M) continues the word before it, so ``expose`` does not match inside
    ``exposé`` written with a combining accent. In scripts written without spaces between words
    (Chinese, Japanese, Thai, ...; see ``NO_SPACE_RANGES``) a phrase may start or end inside a
    run of letters.

    Every phrase that matches at a position is a candidate (``LexiconMatcher.spans``); of
    overlapping candidates the longest is taken first, then the leftmost (so ``peace`` and
    ``deal signed`` are both kept in ``peace deal signed`` when ``peace deal`` is a phrase too);
    a phrase listed under two event types goes to the first one declared. The language is
    reduced by ``language_code`` (``eng``, ``English`` -> ``en``). Documents in a language
    without a lexicon get no prediction.
    """

    def __init__(self, ontology: Ontology) -> None:
        # Stable across ontology versions: Label Studio pre-fills only the predictions of the
        # project's model version, so a version that changed with every ontology edit would hide
        # the pre-annotations of every task imported before it.
        self.model_version = f"lexicon-{ontology.name}"
        self._labels: dict[str, dict[str, str]] = {}
        for event in ontology.event_types.values():
            for lang, words in event.lexicon.items():
                code = language_code(lang) or lang
                for word in words:
                    self._labels.setdefault(code, {}).setdefault(_norm(word), event.name)
        self._matchers = {lang: LexiconMatcher(words) for lang, words in self._labels.items()}

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self._matchers))

    def predictions(self, doc: Document) -> list[dict[str, Any]]:
        result = self.regions(doc.text, doc.lang)
        return [prediction(self.model_version, result)] if result else []

    def regions(self, text: str, lang: str | None) -> list[Result]:
        """Trigger result items for ``text``, sorted by offset."""
        if lang not in self._matchers:
            lang = language_code(lang)
        matcher = self._matchers.get(lang or "")
        if matcher is None:
            return []
        labels = self._labels[lang or ""]
        out = []
        for start, end in _longest_non_overlapping(matcher.spans(text)):
            label = labels.get(_norm(text[start:end]))
            if label:
                rid = region_id("lex", start, end, label)
                out.append(span_result(TRIGGER_TAG, rid, text, start, end, label))
        return out


class LexiconMatcher:
    r"""Where lexicon phrases match in a text: every phrase (``spans``), or the longest phrase
    at each start (``candidates``).

    Phrases and text are compared by ``fold`` (``str.casefold``, ``’`` as ``'``): each phrase
    character becomes the class of the characters that fold to it (``[kK\u212a]``), and a
    stretch that one character folds to is also matched by that character (``ss`` by ``ß`` or
    ``ẞ``, ``fi`` by ``ﬁ``), so offsets always point into the original text. Not folded:
    Unicode normalisation (a precomposed ``é`` does not match ``e`` + U+0301), ``‘``, ``ʼ``,
    and the Turkish dotless ``ı`` (it folds to itself; ``İ`` folds to ``i`` + U+0307).

    The reference is ``pattern``: ``(?<!\w)(?=(B(?:alt1|...|altN)))``, one alternative per
    phrase (longest first), its words joined by ``\s+``, ending at a word boundary ``E``, where
    ``B`` and ``E`` also refuse a combining mark (``MARKS``) before and after: a mark continues
    the word it follows. A phrase whose first (last) character is in a script written without
    spaces (``no_space_script``) needs no word boundary on that side: such phrases are
    alternatives ``free1|...|freeM`` (longest first) outside the boundary, so that the pattern
    is ``(?=((?<![\w...])(?:alt1|...|altN)|free1|...|freeM))``, and the end boundary is left
    out of every alternative whose last character is such a character. Splitting the
    alternatives in two keeps the longest phrase at each position: the first characters of the
    phrases that match at one position all match the text's character there, and a character
    of those scripts folds only to itself and is the fold of no other character (a test checks
    it), so all of them are on one side.

    Trying every alternative at every word start is slow, so ``candidates`` first runs a prefix
    tree of the phrases' first words over the lower-cased text, and tries only the phrases
    with that first word, anchored, where it matches. The result is the same as
    ``pattern``'s (see ``candidates``; the tests compare both on tricky text). ``spans`` does
    the same but tries each phrase of the group on its own.

    Example:
        >>> LexiconMatcher(["took control", "took"]).candidates("They TOOK  Control, took.")
        [(5, 18), (20, 24)]
        >>> LexiconMatcher(["took control", "took"]).spans("They TOOK  Control, took.")
        [(5, 9), (5, 18), (20, 24)]
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        ordered = sorted({fold(p) for p in phrases}, key=lambda w: (-len(w), w))
        boundary = f"(?![\\w{MARKS}])"
        # A zero-width lookahead finds a candidate at every position, including overlapping ones.
        bounded = [p for p in ordered if not _free_start(p)]
        free = [p for p in ordered if _free_start(p)]
        if free:
            either = (
                [rf"(?<![\w{MARKS}])(?:{_alternation(bounded, boundary)})"] if bounded else []
            ) + [_alternation(free, boundary)]
            self.pattern = re.compile(rf"(?=({'|'.join(either)}))")
        else:
            alternatives = _alternation(ordered, boundary)
            self.pattern = re.compile(rf"(?<!\w)(?=((?<![{MARKS}])(?:{alternatives})))")
        # Each phrase on its own, with ``\w`` boundaries; ``_hit`` checks the marks (a mark
        # class in every phrase's regex would make compiling a lexicon take a second).
        compiled = {phrase: _compile(phrase) for phrase in ordered}
        self._each: dict[str, list[_Compiled]] = {}  # by the first character of the fold
        for phrase in ordered:
            self._each.setdefault(phrase[0], []).append(compiled[phrase])
        groups = _by_first_word(ordered)
        # Whole words only: ``lower()`` never changes whether a character is a word character
        # (a test checks it), so these boundaries are the text's (``\b``: every key starts with
        # a word character; it is cheaper than a lookbehind).
        self._prefilter = re.compile(rf"\b{_prefix_tree(groups)}(?!\w)") if groups else None
        self._anchored = {
            key: [compiled[phrase] for phrase in group] for key, group in (groups or {}).items()
        }
        # One try of the whole group first: most places the prefilter finds match no phrase.
        self._any = {
            key: re.compile(rf"(?<!\w)(?:{_alternation(group, _WORD_END)})").match
            for key, group in (groups or {}).items()
        }

    def candidates(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of the longest phrase at each position where one starts, in order.

        Why the prefilter misses nothing: every phrase starts with a run of ASCII word
        characters (else ``pattern`` runs), so it has the word boundary before it, and in the
        phrase that run is followed by whitespace, an ASCII non-word character or, when it is
        the whole phrase, the end boundary (kept: its last character is ASCII). Outside
        ``ASCII_FOLD_LOOKALIKES`` (texts with one take ``pattern``: ``ß``, ``ﬁ``, ``ſ``, the
        Kelvin sign, ``İ``, ...) only ASCII characters fold to something holding an ASCII word
        character, exactly when their ``lower()`` is it, and no other character lower-cases to
        an ASCII word character or (but İ) to more than one character. So where a phrase
        matches, the word there is ASCII, its lower-cased form is a key and is the longest key
        the tree finds there (the next character is no word character); a tree match never
        spans a word start, so none is skipped. Tests check these facts for the running Python.
        The phrases of a key are tried longest first, as ``pattern``'s alternatives.
        """
        lowered = self._lowered(text)
        if lowered is None:
            return [(m.start(1), m.end(1)) for m in self.pattern.finditer(text)]
        out = []
        for word in self._prefilter.finditer(lowered):  # type: ignore[union-attr]
            key, start = word.group(), word.start()
            if self._any[key](text, start):
                for phrase in self._anchored[key]:
                    if end := _hit(phrase, text, start):
                        out.append((start, end))
                        break
        return out

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every phrase that matches, sorted; the same paths as ``candidates``.

        Example:
            >>> LexiconMatcher(["peace", "peace deal", "deal signed"]).spans("A peace deal signed.")
            [(2, 7), (2, 12), (8, 19)]
        """
        lowered = self._lowered(text)
        found = []
        if lowered is None:
            for match in self.pattern.finditer(text):
                start = match.start(1)
                for phrase in self._each.get(fold(text[start])[0], ()):
                    if end := _hit(phrase, text, start):
                        found.append((start, end))
        else:
            anchored, first, mark = self._anchored, self._any, _MARK
            for word in self._prefilter.finditer(lowered):  # type: ignore[union-attr]
                key, start = word.group(), word.start()
                # every phrase here needs the word boundary before it
                if not first[key](text, start) or (start and mark(text, start - 1)):
                    continue
                for try_at, _, after in anchored[key]:
                    if (hit := try_at(text, start)) and not (after and mark(text, hit.end())):
                        found.append((start, hit.end()))
        return sorted(set(found))

    def _lowered(self, text: str) -> str | None:
        """The lower-cased text for the prefilter, or None where ``pattern`` must run."""
        if self._prefilter is None or _FOLD_LOOKALIKE.search(text):
            return None
        lowered = text.lower()
        return lowered if len(lowered) == len(text) else None


# A phrase's anchored match (``\w`` boundaries only), and whether it needs a word boundary
# before and after it (false on the side of a script written without spaces).
_Compiled = tuple[Callable[[str, int], "re.Match[str] | None"], bool, bool]


def _compile(phrase: str) -> _Compiled:
    before, after = not _free_start(phrase), not _free_end(phrase)
    body = _alternation([phrase], _WORD_END)
    return re.compile((r"(?<!\w)" if before else "") + body).match, before, after


def _hit(phrase: _Compiled, text: str, start: int) -> int:
    """The end of ``phrase`` matched at ``start`` (0: no match), no mark on a bounded side."""
    match, before, after = phrase
    found = match(text, start)
    if found is None:
        return 0
    end = found.end()
    if (before and start and _MARK(text, start - 1)) or (after and _MARK(text, end)):
        return 0
    return end


# Non-ASCII characters that re.IGNORECASE matches with an ASCII letter: İ, ı, ſ, Kelvin sign.
# (Matching no longer uses re.IGNORECASE; see ``ASCII_FOLD_LOOKALIKES`` for what folding does.)
ASCII_CASE_LOOKALIKES = "\u0130\u0131\u017f\u212a"
_FIRST_WORD = re.compile(r"\w+")
_WORD_END = r"(?!\w)"
# Case folding changes characters only below U+20000 (a test checks it); combining marks are
# below U+20000 or among the variation selectors U+E0100-U+E01EF.
_FOLDED_BELOW = 0x20000
_MARK_PLANES = (range(0x20000), range(0xE0000, 0xE1000))


def fold(text: str) -> str:
    """``text`` as phrases and texts are compared: case-folded, ``’`` as ``'``, the Dutch
    ligature ``ĳ`` as ``ij``.

    Example:
        >>> fold("Coup d’État GROẞANGRIFF ĲSVRIJ")
        "coup d'état grossangriff ijsvrij"
    """
    return text.casefold().replace("\u2019", "'").replace("\u0133", "ij")


@cache
def _folded_by() -> dict[str, str]:
    """Every fold of a character other than itself -> the characters that fold to it."""
    by: dict[str, str] = {"'": "\u2019", "ij": "\u0132\u0133"}
    for code in range(_FOLDED_BELOW):
        char = chr(code)
        folded = char.casefold()
        if folded != char and char not in "\u0132\u0133":
            by[folded] = by.get(folded, "") + char
    return by


def _ascii_fold_lookalikes() -> str:
    ascii_word = re.compile(r"[a-z0-9_]")
    return "".join(
        char
        for chars in _folded_by().values()
        for char in chars
        if not char.isascii() and ascii_word.search(fold(char))
    )


def _mark_class() -> str:
    """A character class body of the combining marks that continue a word (category M, but not
    those of scripts written without spaces, which have no word boundaries of their own)."""
    ranges: list[list[int]] = []
    for plane in _MARK_PLANES:
        for code in plane:
            char = chr(code)
            if unicodedata.category(char)[0] == "M" and not no_space_script(char):
                if ranges and ranges[-1][1] == code - 1:
                    ranges[-1][1] = code
                else:
                    ranges.append([code, code])
    return "".join(
        f"\\U{first:08x}" + (f"-\\U{last:08x}" if last > first else "") for first, last in ranges
    )


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


ASCII_FOLD_LOOKALIKES = _ascii_fold_lookalikes()
# Combining marks that continue the word before them (see ``_mark_class``), as a class body.
MARKS = _mark_class()
_MARK = re.compile(f"[{MARKS}]").match
_FOLD_LOOKALIKE = re.compile(f"[{re.escape(ASCII_FOLD_LOOKALIKES)}]")


def _free_start(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and no_space_script(words[0][0])


def _free_end(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and no_space_script(words[-1][-1])


def _norm(phrase: str) -> str:
    return " ".join(fold(phrase).split())


def _alternation(phrases: Iterable[str], end: str) -> str:
    """Folded phrases as alternatives (order kept), their words joined by ``\\s+``; every run
    of phrases that do not end in a script written without spaces shares one ``end``
    boundary (the regex backtracks into the run when it fails, as if each had its own)."""
    parts: list[str] = []
    run: list[str] = []
    for phrase in phrases:
        body = r"\s+".join(map(_word_regex, phrase.split()))
        if not _free_end(phrase):
            run.append(body)
            continue
        if run:
            parts.append(f"(?:{'|'.join(run)}){end}")
            run = []
        parts.append(body)
    if run:
        parts.append(f"(?:{'|'.join(run)}){end}")
    return "|".join(parts)


def _word_regex(word: str) -> str:
    """A regex matching exactly the stretches of text whose ``fold`` is ``word`` (folded).

    Example:
        >>> _word_regex("st") == "(?:[sS\u017f][tT]|[\ufb05\ufb06])"
        True
    """
    by = _folded_by()

    @cache
    def rest(at: int) -> str:
        if at == len(word):
            return ""
        options = [_class(word[at] + by.get(word[at], "")) + rest(at + 1)]
        for size in (2, 3):
            piece = word[at : at + size]
            if len(piece) == size and piece in by:
                options.append(_class(by[piece]) + rest(at + size))
        return options[0] if len(options) == 1 else f"(?:{'|'.join(options)})"

    return rest(0)


def _class(chars: str) -> str:
    escaped = "".join(map(re.escape, chars))
    return escaped if len(chars) == 1 else f"[{escaped}]"


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
