"""Token and sentence boundaries of many texts at once, with numpy (pure, deterministic).

Rules, the same for every language:

- A token is a run of word characters (letters, digits and combining marks, in any script) or a
  single other non-space character (punctuation, symbols, emoji each stand alone). So
  ``NAVO-top`` is ``NAVO``, ``-``, ``top`` and ``Kyiv's`` is ``Kyiv``, ``'``, ``s``: a name
  inside a compound still starts and ends on token boundaries. A ``.``, ``,`` or ``:`` between
  two digits joins them (``1,200``, ``3.5``, ``14:30``).
- A sentence starts at the first token of a text, at the first token after a line break, and
  after a terminator (``. ! ? …`` and those of other scripts) followed by closing quotes or
  brackets, at the next token, unless that token begins with a lower-case letter or the ``.``
  closes an abbreviation (a single capital such as an initial, or one of ``ABBREVIATIONS``).
  An opening quote after a full stop begins the next sentence.

All offsets are code points into the joined text of a batch; ``TokenBatch`` holds them as
arrays, so a batch of hundreds of documents costs a few numpy passes and one short Python loop
over sentence terminators.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

SPACE, WORD, MARK = 0, 1, 2
SEPARATOR = "\n"  # between the texts of a batch: whitespace, and a line break
TERMINATORS = frozenset(".!?…‽。！？؟۔।॥")
CLOSERS = frozenset("\"'”’»›)]}")
STRAIGHT = frozenset("\"'")
DIGIT_JOINERS = (ord("."), ord(","), ord(":"))
# Lower-cased words that a full stop does not end a sentence after (Dutch and English news).
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "sgt",
        "capt",
        "cpt",
        "adm",
        "gov",
        "sen",
        "rep",
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "dhr",
        "mevr",
        "mw",
        "drs",
        "ir",
        "ing",
        "mr",
        "bijv",
        "evt",
        "ca",
        "resp",
        "blz",
        "nr",
        "zgn",
    ]
)

Ints = npt.NDArray[np.int64]


@dataclass
class TokenBatch:
    """Tokens and sentences of ``texts`` joined by ``SEPARATOR``; global offsets, ends exclusive.

    ``doc_chars[d]`` is where text ``d`` starts in ``joined``; ``doc_tokens[d]..doc_tokens[d+1]``
    are its tokens and ``doc_sentences[d]..doc_sentences[d+1]`` its sentences, whose first
    token is ``sentence_first`` (the next sentence's first token, or the batch end, ends it).
    """

    joined: str
    codes: npt.NDArray[np.uint32]
    doc_chars: Ints
    starts: Ints
    ends: Ints
    doc_tokens: Ints
    sentence_first: Ints
    doc_sentences: Ints

    @property
    def sentence_last(self) -> Ints:
        if not len(self.sentence_first):
            return self.sentence_first
        return np.append(self.sentence_first[1:], len(self.starts)).astype(np.int64)


def segment(texts: list[str]) -> TokenBatch:
    """Tokens and sentences of every text in ``texts`` (one pass over the joined text)."""
    joined = SEPARATOR.join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    doc_chars = np.concatenate(([0], np.cumsum(lengths + 1)))[: len(texts)].astype(np.int64)
    kinds = _classes(codes)
    starts, ends = _tokens(kinds)
    doc_tokens = np.searchsorted(starts, np.append(doc_chars, len(codes))).astype(np.int64)
    first = _sentence_starts(joined, codes, starts, ends, doc_tokens)
    doc_sentences = np.searchsorted(first, doc_tokens).astype(np.int64)
    return TokenBatch(joined, codes, doc_chars, starts, ends, doc_tokens, first, doc_sentences)


def _classes(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint8]:
    kinds = np.empty(len(codes), dtype=np.uint8)
    ascii_ = codes < 128
    kinds[ascii_] = _ascii_table()[codes[ascii_]]
    others = np.flatnonzero(~ascii_)
    if len(others):
        unique, inverse = np.unique(codes[others], return_inverse=True)
        kinds[others] = np.array([_kind(int(c)) for c in unique], dtype=np.uint8)[inverse]
    digit = (codes >= 48) & (codes <= 57)
    joiner = np.isin(codes[1:-1], DIGIT_JOINERS) & digit[:-2] & digit[2:]
    kinds[1:-1][joiner] = WORD
    return kinds


@cache
def _ascii_table() -> npt.NDArray[np.uint8]:
    return np.array([_kind(c) for c in range(128)], dtype=np.uint8)


@cache
def _kind(code: int) -> int:
    char = chr(code)
    if char.isspace():
        return SPACE
    if char.isalnum() or unicodedata.category(char).startswith("M"):
        return WORD
    return MARK


def _tokens(kinds: npt.NDArray[np.uint8]) -> tuple[Ints, Ints]:
    word = kinds == WORD
    before = np.concatenate(([False], word[:-1]))
    after = np.concatenate((word[1:], [False]))
    mark = kinds == MARK
    starts = np.flatnonzero(mark | (word & ~before))
    ends = np.flatnonzero(mark | (word & ~after)) + 1
    return starts.astype(np.int64), ends.astype(np.int64)


def _sentence_starts(
    joined: str, codes: npt.NDArray[np.uint32], starts: Ints, ends: Ints, doc_tokens: Ints
) -> Ints:
    """Sorted global indexes of the tokens that start a sentence."""
    breaks = np.concatenate(([0], np.cumsum(codes == ord("\n"))))
    after_break = np.flatnonzero(breaks[starts[1:]] > breaks[ends[:-1]]) + 1
    found = [doc_tokens[:-1][doc_tokens[:-1] < doc_tokens[1:]], after_break]
    found.append(np.array(_after_terminators(joined, codes, starts, ends), dtype=np.int64))
    return np.unique(np.concatenate(found)).astype(np.int64)


def _after_terminators(
    joined: str, codes: npt.NDArray[np.uint32], starts_a: Ints, ends_a: Ints
) -> list[int]:
    lone = np.flatnonzero(ends_a - starts_a == 1)
    marks = lone[np.isin(codes[starts_a[lone]], _terminator_codes())].tolist()
    if not marks:
        return []
    starts, ends = starts_a.tolist(), ends_a.tolist()
    count, out, following = len(starts), [], 0
    for mark in marks:
        if mark < following:
            continue  # part of the run after an earlier terminator ("?!", "...")
        following = mark + 1
        while following < count and _closes(joined, starts, ends, following):
            following += 1
        if following < count and _starts_sentence(joined, starts, ends, mark, following):
            out.append(following)
    return out


@cache
def _terminator_codes() -> npt.NDArray[np.uint32]:
    return np.array(sorted(ord(c) for c in TERMINATORS), dtype=np.uint32)


def _closes(joined: str, starts: list[int], ends: list[int], i: int) -> bool:
    """Token ``i`` still belongs to the sentence a terminator before it ends."""
    if ends[i] - starts[i] != 1:
        return False
    char = joined[starts[i]]
    if char in STRAIGHT:
        return starts[i] == ends[i - 1]  # attached to what precedes it: a closing quote
    return char in TERMINATORS or char in CLOSERS


def _starts_sentence(
    joined: str, starts: list[int], ends: list[int], mark: int, following: int
) -> bool:
    if joined[starts[following]].islower():
        return False
    if joined[starts[mark]] != "." or mark == 0 or ends[mark - 1] != starts[mark]:
        return True
    word = joined[starts[mark - 1] : ends[mark - 1]]
    if len(word) == 1 and word.isupper():
        return False  # an initial, or the last letter of "U.S."
    return word.lower() not in ABBREVIATIONS
