"""``LexiconMatcher``: where the phrases of a lexicon match in a text, with exact offsets.

Matching compares ``eventset.annotate.textfold.fold`` of phrase and text, keeps whole words
(a combining mark continues a word; scripts written without spaces need no boundary) and, for
speed, runs a prefix tree of the phrases' first words before trying any phrase.

Example:
    >>> LexiconMatcher(["took control", "took"]).spans("They TOOK  Control, took.")
    [(5, 9), (5, 18), (20, 24)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

from eventset.annotate.textfold import (
    ASCII_FOLD_LOOKALIKES,
    MARKS,
    SHARP_S,
    fold,
    lowers_as_folded,
    no_space_script,
    word_regex,
)


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
    the same but tries each phrase of the group on its own. The regexes are compiled on first
    use, ``pattern`` only when a text needs it.

    Example:
        >>> LexiconMatcher(["took control", "took"]).candidates("They TOOK  Control, took.")
        [(5, 18), (20, 24)]
        >>> LexiconMatcher(["took control", "took"]).spans("They TOOK  Control, took.")
        [(5, 9), (5, 18), (20, 24)]
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        # The regexes are compiled on first use, ``pattern`` and ``_each`` only for a text that
        # needs the reference pattern: a pre-annotator holds a matcher per language, and an
        # import mostly uses one or two of them.
        self._ordered = sorted({fold(p) for p in phrases}, key=lambda w: (-len(w), w))
        self._groups = _by_first_word(self._ordered, wide=True) or {}

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The reference pattern (see the class), compiled on first use."""
        ordered = self._ordered
        boundary = f"(?![\\w{MARKS}])"
        # A zero-width lookahead finds a candidate at every position, including overlapping ones.
        bounded = [p for p in ordered if not _free_start(p)]
        free = [p for p in ordered if _free_start(p)]
        if free:
            either = (
                [rf"(?<![\w{MARKS}])(?:{_alternation(bounded, boundary)})"] if bounded else []
            ) + [_alternation(free, boundary)]
            return re.compile(rf"(?=({'|'.join(either)}))")
        alternatives = _alternation(ordered, boundary)
        return re.compile(rf"(?<!\w)(?=((?<![{MARKS}])(?:{alternatives})))")

    @cached_property
    def _compiled(self) -> dict[str, _Compiled]:
        # Each phrase on its own, with ``\w`` boundaries; ``_hit`` checks the marks (a mark
        # class in every phrase's regex would make compiling a lexicon take a second).
        return {phrase: _compile(phrase) for phrase in self._ordered}

    @cached_property
    def _each(self) -> dict[str, list[_Compiled]]:
        """The phrases by the first character of their fold (for ``pattern``'s matches)."""
        each: dict[str, list[_Compiled]] = {}
        for phrase in self._ordered:
            each.setdefault(phrase[0], []).append(self._compiled[phrase])
        return each

    @cached_property
    def _spelled(self) -> dict[str, str]:
        # A key is looked for as it is and, where it has "ss", with ``ß`` there: ``ß`` and
        # ``ẞ`` fold to "ss" and lower-case to ``ß`` (``_sharp_s``).
        return {spelling: key for key in self._groups for spelling in _sharp_s(key)}

    @cached_property
    def _prefilter(self) -> re.Pattern[str] | None:
        """The prefix tree of the first words, or None when ``pattern`` must always run."""
        if not self._groups:
            return None
        second = _second_words(self._groups, wide=True)
        # Whole words only: ``lower()`` never changes whether a character is a word character
        # (a test checks it), so these boundaries are the text's (``\b``: every key starts with
        # a word character; it is cheaper than a lookbehind).
        tree = _prefix_tree(self._spelled, {s: second.get(k, "") for s, k in self._spelled.items()})
        return re.compile(rf"\b{tree}(?!\w)")

    @cached_property
    def _anchored(self) -> dict[str, list[_Compiled]]:
        """The phrases of each key (by its spellings), longest first."""
        groups = {key: [self._compiled[phrase] for phrase in g] for key, g in self._groups.items()}
        return {spelling: groups[key] for spelling, key in self._spelled.items()}

    @cached_property
    def _any(self) -> dict[str, Callable[[str, int], re.Match[str] | None]]:
        # One try of the whole group first: most places the prefilter finds match no phrase.
        first = {
            key: re.compile(rf"(?<!\w)(?:{_alternation(group, _WORD_END)})").match
            for key, group in self._groups.items()
        }
        return {spelling: first[key] for spelling, key in self._spelled.items()}

    def candidates(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of the longest phrase at each position where one starts, in order.

        Why the prefilter misses nothing: every phrase starts with a run of word characters
        that are ASCII or lower-case as they fold (``textfold.lowers_as_folded``: ``é``, ``ü``,
        ``ñ``, ...; not of a script written without spaces; else ``pattern`` runs), so it has
        the word boundary before it, and in the phrase that run is followed by whitespace, an
        ASCII non-word character or, when it is the whole phrase, the end boundary (kept: its
        last character is no such script's). Outside ``ASCII_FOLD_LOOKALIKES`` (texts with one
        take ``pattern``: ``ﬁ``, ``ſ``, the Kelvin sign, ``İ``, ...; but ``ß`` and ``ẞ``) only
        ASCII characters, ``ß`` and ``ẞ`` fold to something holding an ASCII word character:
        an ASCII one exactly when its ``lower()`` is it, ``ß`` and ``ẞ`` to "ss", lower-cased
        ``ß``. Every character that folds to a non-ASCII key character lower-cases to it, and
        none folds to a longer stretch holding one. No other character lower-cases to an ASCII
        word character or (but İ) to more than one character. So where a phrase matches, the
        lower-cased word there is a key, or a key with ``ß`` for some "ss" (the tree holds those
        spellings too), and is the longest the tree finds there (the next character is no word
        character); a tree match never spans a word start, so none is skipped. Tests check
        these facts for the running Python. The phrases of a key are tried longest first, as
        ``pattern``'s alternatives.
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


_FIRST_WORD = re.compile(r"\w+")
_WORD_END = r"(?!\w)"
_MARK = re.compile(f"[{MARKS}]").match
# Texts holding one of these take ``pattern`` (``ß`` and ``ẞ`` are spelled in the prefilter).
_FOLD_LOOKALIKE = re.compile(
    f"[{re.escape(''.join(c for c in ASCII_FOLD_LOOKALIKES if c not in SHARP_S))}]"
)


def _free_start(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and no_space_script(words[0][0])


def _free_end(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and no_space_script(words[-1][-1])


def _alternation(phrases: Iterable[str], end: str) -> str:
    """Folded phrases as alternatives (order kept), their words joined by ``\\s+``; every run
    of phrases that do not end in a script written without spaces shares one ``end``
    boundary (the regex backtracks into the run when it fails, as if each had its own)."""
    parts: list[str] = []
    run: list[str] = []
    for phrase in phrases:
        body = r"\s+".join(map(word_regex, phrase.split()))
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


def _by_first_word(ordered: list[str], wide: bool = False) -> dict[str, list[str]] | None:
    """Phrases (order kept) by the lower-cased run of word characters they start with.

    None when a phrase does not start with ASCII word characters (``wide``: word characters
    that are ASCII or lower-case as they fold, see ``_key_char``; the matcher passes it), or
    when they are followed by a non-ASCII character other than whitespace: the prefilter's
    reasoning needs both.

    Example:
        >>> _by_first_word(["négociations", "took"], wide=True)
        {'négociations': ['négociations'], 'took': ['took']}
        >>> _by_first_word(["négociations", "took"]) is None
        True
    """
    groups: dict[str, list[str]] = {}
    for phrase in ordered:
        first = _FIRST_WORD.match(phrase)
        if first is None or not all(_key_char(char, wide) for char in first.group()):
            return None
        after = phrase[first.end() : first.end() + 1]
        if not (after.isascii() or after.isspace()):
            return None
        groups.setdefault(first.group().lower(), []).append(phrase)
    return groups


def _second_words(groups: dict[str, list[str]], wide: bool = False) -> dict[str, str]:
    r"""A lookahead per first word whose phrases all go on after whitespace with a run of ASCII
    word characters that ends the word there: ``in`` -> ``(?=\s+(?:advance|control)(?!\w))``
    (``wide``: also characters that lower-case as they fold, ``_key_char``; a run with "ss" is
    also looked for with ``ß`` there).

    In the prefilter it keeps the very common first words of a few phrases (``in control of``,
    ``de top van``) from stopping at every ``in`` and ``de`` of a text; it is only a necessary
    condition (the phrases are tried as before), and the match is still the first word alone.
    A group with a one-word phrase, or a second word that does not fit, gets none.
    """
    out: dict[str, str] = {}
    for key, phrases in groups.items():
        runs: set[str] = set()
        for phrase in phrases:
            rest = phrase[len(key) :]
            run = _FIRST_WORD.match(rest.lstrip()) if rest[:1].isspace() else None
            if run is None or not all(_key_char(c, wide) and c.lower() == c for c in run.group()):
                break  # no second word, or one that goes on in a way the lookahead cannot tell
            runs.update(_sharp_s(run.group()) if wide else [run.group()])
        else:
            alternatives = "|".join(map(re.escape, sorted(runs)))
            out[key] = rf"(?=\s+(?:{alternatives})(?!\w))"
    return out


def _key_char(char: str, wide: bool) -> bool:
    """A character the prefilter may look for: ASCII or (``wide``) one that lower-cases as it
    folds and is of no script written without spaces (``é``, ``ü``, ``ñ``; not ``σ``, ``袭``)."""
    return char.isascii() or (wide and lowers_as_folded(char) and not no_space_script(char))


def _sharp_s(word: str) -> set[str]:
    """``word`` and its spellings with ``ß`` for "ss" (any pairs that do not overlap).

    Example:
        >>> sorted(_sharp_s("grossangriff")), sorted(_sharp_s("sss"))
        (['grossangriff', 'großangriff'], ['sss', 'sß', 'ßs'])
    """
    at = word.find("ss")
    if at < 0:
        return {word}
    kept = {word[: at + 1] + rest for rest in _sharp_s(word[at + 1 :])}
    return kept | {word[:at] + SHARP_S[0] + rest for rest in _sharp_s(word[at + 2 :])}


def _prefix_tree(words: Iterable[str], after: dict[str, str] | None = None) -> str:
    """A pattern matching the longest of ``words`` at a position, factored as a prefix tree;
    ``after`` gives a zero-width pattern that must follow a word where it ends.

    One alternative per distinct next character keeps the regex engine from trying every word
    at every position.

    Example:
        >>> _prefix_tree(["train", "trains", "took", "top"])
        't(?:o(?:ok|p)|rain(?:s)?)'
        >>> _prefix_tree(["in", "inn"], {"in": "(?=X)"})
        'in(?:n|(?=X))'
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = (after or {}).get(word, "")
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
    end = node.get("", "")  # where a word ends: what must follow it
    if not branches:
        return end
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" not in node:
        return body
    return f"(?:{body}|{end})" if end else f"(?:{body})?"
