"""Where sentences start in a batch of tokens (see ``eventset.export.segment`` for the rules).

A sentence starts at the first token of a text, after a line break, and after a terminator
followed by the closing marks that touch it (and a French closing guillemet after a space),
unless the next token begins with a lower-case letter or continuing punctuation (``, ; : ) ] —``),
a full stop has no space after it, the terminators are an elision in brackets (``[…]``), a quote
ending in ``!``/``?`` is followed by a name and a speech verb, or the full stop closes an
abbreviation (``_Words``: initials, dotted and spaced abbreviations, titles, words that
abbreviate before numbers, list numbers, German ordinals). An abbreviation that closes an amount,
street, firm or name ("3 Mio.", "Main St.", "Acme Inc.") ends the sentence only before a
capitalised sentence-opening function word ("The", "Die", "De", "Les"); in German texts so does an
initial before a German article, and a number before a word that never follows an ordinal ("am 3.
Die Truppen", "am 15. Danach"; not "am 3. Oktober"). Works on whole batches with numpy;
only full stops after short words and quotes ending in ``!``/``?`` are looked at one by one, and
a verdict that depends on the word alone is cached. Word lists: ``eventset.export.sentencewords``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from eventset.export.sentencewords import (
    CLOSER,
    CONTINUER,
    DEPENDS,
    GERMAN_NOT_AFTER_ORDINAL,
    GERMAN_ORDINAL_BEFORE,
    GUILLEMET,
    INVISIBLE_MARK,
    LONGEST_ABBREVIATION,
    MONTHS,
    NO,
    QUOTES,
    SPACES,
    SPEECH_VERBS,
    TERMINATOR,
    YES,
    char_kinds,
    codes_of,
    letter,
    lower,
    verdict_before,
    word_start,
    word_verdict,
)

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


def sentence_starts(
    joined: str,
    codes: npt.NDArray[np.uint32],
    line_breaks: Ints,
    starts: Ints,
    ends: Ints,
    single: Bools | None,
    doc_tokens: Ints,
    german: Bools | None = None,
) -> Ints:
    """Sorted global indexes of the tokens that start a sentence.

    ``line_breaks``: where the line-break characters of ``codes`` are; ``single`` the tokens of one
    character apart from attached ones (``None``: tokens of length 1); ``german`` the texts in
    German (``None``: none), whose ordinals ("Die 3. Panzerdivision") do not end sentences.
    """
    after_break = after_breaks(starts, line_breaks)
    firsts = doc_tokens[:-1][doc_tokens[:-1] < doc_tokens[1:]]
    line_first = np.zeros(len(starts), dtype=bool)
    line_first[after_break] = line_first[firsts] = True
    if not len(starts):
        return starts
    attached = np.concatenate(([False], starts[1:] == ends[:-1]))
    one = ends - starts == 1 if single is None else single
    tokens = _Tokens(joined, codes, starts, ends, one, attached, doc_tokens, firsts, line_first)
    after_stop = _after_terminators(tokens, german)
    return np.unique(np.concatenate([firsts, after_break, after_stop])).astype(np.int64)


def after_breaks(starts: Ints, line_breaks: Ints) -> Ints:
    """The tokens but the first with a line break between them and the token before, in order
    (repeated where several breaks are); ``line_breaks`` sorted and never inside a token.

    Each break lies before the first token that starts after it: one binary search per break
    instead of a count of breaks before every character.
    """
    after = np.searchsorted(starts, line_breaks)
    return after[(after > 0) & (after < len(starts))]


@dataclass
class _Tokens:
    """A batch's tokens; ``attached``: touches the token before; ``line_first``: opens a line."""

    joined: str
    codes: npt.NDArray[np.uint32]
    starts: Ints
    ends: Ints
    single: Bools
    attached: Bools
    doc_tokens: Ints
    firsts: Ints
    line_first: Bools

    def text(self, token: Any) -> str:
        """The text of token ``token`` ("" past the last one)."""
        if token >= len(self.starts):
            return ""
        return self.joined[self.starts[token] : self.ends[token]]

    def in_line(self, token: Any) -> str:
        """``text``, but "" for a token that opens a line."""
        return "" if token >= len(self.starts) or self.line_first[token] else self.text(token)


def _after_terminators(t: _Tokens, german: Bools | None) -> Ints:
    """Tokens that start a sentence because a terminator (and closing marks) precede them."""
    marks, following, terms_before = _runs(t)
    # not before a lower-case word or continuing punctuation, nor a full stop with a letter or
    # digit right after it ("www.BBC.co.uk", "John.Smith@", the first stops of "z.B." and
    # "EE.UU."; "fell.[1] The" still breaks)
    first_code = t.codes[t.starts[following]]
    full_stop = t.codes[t.starts[marks]] == ord(".")
    continues = char_kinds()[np.minimum(first_code, 0xFFFF)] & CONTINUER
    keep = ~lower(first_code) & (continues == 0)
    keep &= ~(full_stop & t.attached[following] & word_start(first_code))
    keep[_elided(t, marks, following, terms_before)] = False
    marks, following, full_stop = marks[keep], following[keep], full_stop[keep]
    keep = np.ones(len(marks), dtype=bool)
    keep[_reported_speech(t, marks, following)] = False
    starting = np.zeros(len(t.starts), dtype=bool)
    starting[following[keep]] = True
    _Words(t, german, starting).judge(marks, following, full_stop, keep)
    return following[keep].astype(np.int64)


def _runs(t: _Tokens) -> tuple[Ints, Ints, Ints]:
    """The first terminator of every run of terminators and closing marks, the token after the
    run, and per token the number of terminators before it (one more entry at the end)."""
    count = len(t.starts)
    kind = char_kinds()[np.minimum(t.codes[t.starts], 0xFFFF)] * t.single
    term = (kind & TERMINATOR) > 0
    closes = term | ((kind & INVISIBLE_MARK) > 0) | (((kind & CLOSER) > 0) & t.attached)
    closes[_spaced_guillemets(t, kind)] = True
    closes[t.firsts] = False  # a run of closing marks never crosses into the next text
    index = np.arange(count)
    next_open = np.minimum.accumulate(np.where(closes, count, index)[::-1])[::-1]
    next_open = np.append(next_open, count)
    last_open = np.maximum.accumulate(np.where(closes, -1, index))
    terms_before = np.concatenate(([0], np.cumsum(term)))
    marks = np.flatnonzero(term)
    # A terminator inside the run after an earlier one ("?!", "...") adds nothing.
    # A text's first token opens a run of its own, whatever the previous text ended with.
    fresh = np.zeros(count, dtype=bool)
    fresh[t.firsts] = True
    opened = np.where(fresh[marks], marks - 1, np.concatenate(([-1], last_open))[marks])
    marks = marks[terms_before[marks] - terms_before[opened + 1] == 0]
    following = next_open[marks + 1]
    keep = following < count
    return marks[keep], following[keep], terms_before


def _spaced_guillemets(t: _Tokens, kind: npt.NDArray[np.uint8]) -> Ints:
    """French closing guillemets one space after the token before and not before a letter."""
    at = np.flatnonzero((kind & GUILLEMET) > 0)
    at = at[(at > 0) & ~t.attached[at]]
    before = t.codes[t.starts[at] - 1]
    spaced = (t.starts[at] - t.ends[at - 1] == 1) & np.isin(before, codes_of(SPACES))
    end = t.ends[at]
    opens = (end < len(t.codes)) & word_start(t.codes[np.minimum(end, len(t.codes) - 1)])
    return at[spaced & ~opens]


def _elided(t: _Tokens, marks: Ints, following: Ints, terms_before: Ints) -> Ints:
    """Indexes into ``marks`` of runs that are only terminators right inside brackets: an
    elision ("[…]", "(...)")."""
    at = np.flatnonzero((following > marks + 1) & t.attached[marks])  # a closing mark follows
    mark, last = marks[at], following[at] - 1
    opening, closing = t.codes[t.starts[mark - 1]], t.codes[t.starts[last]]
    out = ((opening == ord("(")) | (opening == ord("["))) & (
        (closing == ord(")")) | (closing == ord("]"))
    )
    return at[out & (terms_before[last] - terms_before[mark] == last - mark)]


def _reported_speech(t: _Tokens, marks: Ints, following: Ints) -> list[int]:
    """Indexes into ``marks`` of quotes ending in "!" or "?" followed by a name and a speech
    verb ('"Where is the justice?" Zelensky asked.'): one sentence."""
    at = np.flatnonzero(following > marks + 1)  # a closing mark follows
    mark, quote = t.codes[t.starts[marks[at]]], t.codes[t.starts[following[at] - 1]]
    at = at[((mark == ord("!")) | (mark == ord("?"))) & np.isin(quote, codes_of(QUOTES))]
    found = []
    for j, name in zip(at.tolist(), following[at].tolist(), strict=True):
        if t.text(name)[:1].isupper() and (
            _speech_verb(t, name + 1)
            or (t.in_line(name + 1)[:1].isupper() and _speech_verb(t, name + 2))
        ):
            found.append(j)
    return found


def _speech_verb(t: _Tokens, token: int) -> bool:
    word = t.in_line(token).lower()
    if word == "a":  # French: "a dit", "a déclaré"
        word += " " + t.in_line(token + 1).lower()
    return word in SPEECH_VERBS


class _Words:
    """Verdicts on full stops after short words. Most depend on the word alone (``word_verdict``,
    cached); the rest are worked out in text order, since a list number depends on the one
    before it. ``starting`` marks the tokens that start a sentence after a terminator so far."""

    def __init__(self, t: _Tokens, german: Bools | None, starting: Bools) -> None:
        self.t, self.german, self.starting = t, german, starting

    def judge(self, marks: Ints, following: Ints, full_stop: Bools, keep: Bools) -> None:
        """Set ``keep`` to False where a full stop after a short word closes an abbreviation."""
        t = self.t
        checked = np.flatnonzero(full_stop & (marks > 0) & t.attached[marks])
        # Only a word no longer than the longest abbreviation can be one (lower-casing never
        # makes a word shorter), so longer words are not even cut out of the text.
        before = marks[checked] - 1
        checked = checked[t.ends[before] - t.starts[before] <= LONGEST_ABBREVIATION]
        word, after = marks[checked] - 1, following[checked]
        parts = _abbreviation_parts(t, word, after)
        spans = zip(t.starts[word].tolist(), t.ends[word].tolist(), parts.tolist(), strict=True)
        verdicts = np.array([word_verdict(t.joined[a:b], flag) for a, b, flag in spans], np.int8)
        self.starting[after[verdicts == YES]] = False
        pending = np.flatnonzero(verdicts == DEPENDS)
        if len(pending):
            verdicts[pending] = self._in_context(word[pending], after[pending], parts[pending])
        keep[checked] = verdicts == NO

    def _in_context(self, word: Ints, after: Ints, parts: Ints) -> list[int]:
        """``YES`` or ``NO`` for words whose verdict depends on the tokens around them (``parts``:
        2 for a part of a dotted or spaced abbreviation, as ``_abbreviation_parts``)."""
        t, removed, verdicts = self.t, set(), []
        last_list = (-1, 0)  # text and value of the last list number
        colon = t.codes[t.starts[word - 1]] == ord(":")
        docs = np.searchsorted(t.doc_tokens, word, "right") - 1
        # German texts, for a word that is not a part of an abbreviation: "Anlage B. Die" ends,
        # the "B" of "z. B. Die Grünen" does not.
        german = np.zeros(len(word), dtype=bool) if self.german is None else self.german[docs]
        rows = zip(
            word.tolist(),
            _texts(t, word),
            _texts(t, after),
            (t.line_first[word] * 2 + colon).tolist(),  # 2: opens a line, 1: after a colon
            self.starting[word].tolist(),
            docs.tolist(),
            after.tolist(),
            (german & (parts == 0)).tolist(),
            strict=True,
        )
        for token, text, following, place, starting, doc, next_token, lone_german in rows:
            if not text.isdecimal():
                exempt = verdict_before(text, following, lone_german)
            elif place == 2 or (
                (place or (starting and token not in removed))
                and (int(text) == 1 or last_list == (doc, int(text) - 1))
            ):
                exempt, last_list = True, (doc, int(text))  # a list number
            else:
                exempt = self._ordinal(text, token, following, doc)
            if exempt:
                removed.add(next_token)
            verdicts.append(YES if exempt else NO)
        return verdicts

    def _ordinal(self, number: str, token: int, following: str, doc: int) -> bool:
        """A day before a German month ("am 24. Februar") or, in German, an ordinal after an
        article ("Die 3. Panzerdivision", "zum 3. Mal"; not "stieg auf 12. Die") and before a
        word that may follow one (not "am 3. Die Truppen", "am 15. Danach")."""
        if len(number) <= 2 and following.lower() in MONTHS:
            return True
        if self.german is None or not self.german[doc] or not following[:1].isupper():
            return False
        if following.lower() in GERMAN_NOT_AFTER_ORDINAL:
            return False
        return self.t.text(token - 1).lower() in GERMAN_ORDINAL_BEFORE


def _texts(t: _Tokens, tokens: Ints) -> list[str]:
    spans = zip(t.starts[tokens].tolist(), t.ends[tokens].tolist(), strict=True)
    return [t.joined[a:b] for a, b in spans]


def _abbreviation_parts(t: _Tokens, word: Ints, after: Ints) -> Ints:
    """2 for a word that is a part of a dotted or spaced abbreviation of short parts ("e.g",
    "a.m", "EE.UU", both parts of "z. B." and "EE. UU."; not a domain: "nos.nl"), else 0."""
    out = np.zeros(len(word), dtype=np.int64)
    dot = np.maximum(word - 1, 0)
    at = np.flatnonzero((word >= 2) & t.attached[dot] & (t.codes[t.starts[dot]] == ord(".")))
    later, part = word[at], word[at] - 2  # a later part: after a short part and its full stop
    dotted = t.attached[later] & (t.ends[part] - t.starts[part] <= 2)
    dotted |= ~t.attached[later] & ~t.line_first[later] & _short_word(t, part)
    out[at[dotted]] = 2
    stop = np.minimum(after + 1, len(t.starts) - 1)  # a first part: before a short word and "."
    at = (after == word + 2) & (after + 1 < len(t.starts)) & (t.codes[t.starts[stop]] == ord("."))
    at = np.flatnonzero(at & t.attached[stop] & ~t.line_first[after])
    out[at[_short_word(t, after[at])]] = 2
    return out


def _short_word(t: _Tokens, token: Ints) -> Bools:
    """Tokens of one or two letters."""
    first, last = t.codes[t.starts[token]], t.codes[t.ends[token] - 1]
    return (t.ends[token] - t.starts[token] <= 2) & letter(first) & letter(last)
