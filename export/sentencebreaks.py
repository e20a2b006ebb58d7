"""Where sentences start in a batch of tokens (see ``eventset.export.segment`` for the rules).

A sentence starts at the first token of a text, after a line break, and after a terminator
followed by the closing marks that touch it, unless the next token begins with a lower-case
letter, a full stop has no space after it, or the full stop closes an abbreviation (``_exempt``:
initials, dotted abbreviations, titles, words that abbreviate before numbers, list numbers,
German ordinal days). Works on whole batches with numpy; only full stops after short words are
looked at one by one.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]

TERMINATORS = frozenset(".!?…‽。！？؟۔।॥")
# Invisible format characters that stay tokens of their own (see ``_kind``): after a terminator
# they belong to the sentence it ends, like a closing quote.
INVISIBLE = frozenset(
    "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)
# Closing quotes and brackets end a sentence with its terminator only when they touch it
# ("bereit.“ Dann"): after a space the same mark opens the next one (Dutch "’s Avonds", "He left.
# ”We won,”"). German and French closing quotes (“ ‘ «) are the English opening ones.
CLOSERS = frozenset("\"'”’»›)]}“‘«") | INVISIBLE
STRAIGHT = frozenset("\"'")
# Lower-cased words that a full stop does not end a sentence after (titles and abbreviations of
# English, Dutch, German, French and Spanish news).
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "kol",
        "kap",
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
        "pres",
        "brig",
        "cmdr",
        "cdr",
        "rev",
        "cpl",
        "pvt",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "approx",
        "dhr",
        "mevr",
        "mw",
        "drs",
        "ir",
        "ing",
        "bijv",
        "evt",
        "ca",
        "resp",
        "zgn",
        "jl",
        "bzw",
        "vgl",
        "ggf",
        "mme",
        "mlle",
        "sra",
        "srta",
        "dra",
    ]
)
# Titles that are also units or words ("10 ft.", "24 hr."): abbreviations only when capitalised
# ("Ft. Bragg", "Mt. Kenya", "Hr. Schulz", "Fr. Meyer").
CAPITALISED = frozenset(["ft", "mt", "hr", "fr"])
# Month abbreviations that are German (also after a day number: "am 3. Okt.") and the others.
GERMAN_MONTH_ABBREVIATIONS = frozenset(
    ["jan", "feb", "mrz", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez"]
)
MONTH_ABBREVIATIONS = GERMAN_MONTH_ABBREVIATIONS | {"mar", "oct", "dec", "febr", "mrt"}
# Words that are also ordinary words ("He said no.", "met Jan.", "el mar."): abbreviations only
# before a number ("No. 5", "Jan. 12", "Art. 5", "blz. 3").
BEFORE_NUMBERS = MONTH_ABBREVIATIONS | {"no", "nr", "blz", "art", "fig", "vol"}
# Marks after which a short number with a full stop is a list item ("demands: 1. The army").
LIST_OPENERS = frozenset(":.!?;")
# A day number with a full stop before a month is an ordinal ("am 24. Februar 2022").
MONTHS = GERMAN_MONTH_ABBREVIATIONS | {
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
}


def sentence_starts(
    joined: str,
    codes: npt.NDArray[np.uint32],
    line_break: npt.NDArray[np.bool_],
    starts: Ints,
    ends: Ints,
    single: npt.NDArray[np.bool_] | None,
    doc_tokens: Ints,
) -> Ints:
    """Sorted global indexes of the tokens that start a sentence.

    ``line_break`` marks the line-break characters of ``codes``; ``single`` the tokens of one
    character apart from attached ones (``None``: tokens of length 1).
    """
    # breaks[i]: line-break characters before character i. One lies between two tokens when
    # fewer precede the second's start than the first's end ("\r\n" counts twice, but only
    # whether there is any matters).
    breaks = np.zeros(len(codes) + 1, dtype=np.int32)
    np.cumsum(line_break, out=breaks[1:])
    after_break = np.flatnonzero(breaks[starts[1:]] > breaks[ends[:-1]]) + 1
    firsts = doc_tokens[:-1][doc_tokens[:-1] < doc_tokens[1:]]
    line_first = np.zeros(len(starts), dtype=bool)
    line_first[after_break] = line_first[firsts] = True
    after_stop = _after_terminators(joined, codes, starts, ends, single, firsts, line_first)
    return np.unique(np.concatenate([firsts, after_break, after_stop])).astype(np.int64)


def _after_terminators(
    joined: str,
    codes: npt.NDArray[np.uint32],
    starts: Ints,
    ends: Ints,
    single: npt.NDArray[np.bool_] | None,
    firsts: Ints,
    line_first: npt.NDArray[np.bool_],
) -> Ints:
    """Tokens that start a sentence because a terminator (and closing marks) precede them.

    ``single`` marks tokens of one character apart from attached ones (``None``: length 1);
    ``line_first`` the tokens that open a line or a text.
    """
    count = len(starts)
    if not count:
        return starts
    first_code = codes[starts]
    if single is None:
        single = ends - starts == 1
    term = single & np.isin(first_code, _codes(TERMINATORS))
    attached = np.concatenate(([False], starts[1:] == ends[:-1]))
    closes = term | (single & np.isin(first_code, _codes(INVISIBLE)))
    closes |= single & np.isin(first_code, _codes(CLOSERS - INVISIBLE)) & attached
    closes[firsts] = False  # a run of closing marks never crosses into the next text
    index = np.arange(count)
    next_open = np.minimum.accumulate(np.where(closes, count, index)[::-1])[::-1]
    next_open = np.append(next_open, count)
    last_open = np.maximum.accumulate(np.where(closes, -1, index))
    terms_before = np.concatenate(([0], np.cumsum(term)))
    marks = np.flatnonzero(term)
    # A terminator inside the run after an earlier one ("?!", "...") adds nothing.
    # A text's first token opens a run of its own, whatever the previous text ended with.
    fresh = np.zeros(count, dtype=bool)
    fresh[firsts] = True
    opened = np.where(fresh[marks], marks - 1, np.concatenate(([-1], last_open))[marks])
    marks = marks[terms_before[marks] - terms_before[opened + 1] == 0]
    following = next_open[marks + 1]
    keep = following < count
    marks, following = marks[keep], following[keep]
    full_stop = codes[starts[marks]] == ord(".")
    # not before a lower-case word, nor a full stop with a letter or digit right after it
    # ("www.BBC.co.uk", "John.Smith@", the first stops of "z.B." and "EE.UU."; "fell.[1] The"
    # still breaks)
    first_code = codes[starts[following]]
    keep = ~_lower(first_code) & ~(full_stop & attached[following] & _word_start(first_code))
    marks, following, full_stop = marks[keep], following[keep], full_stop[keep]
    checked = np.flatnonzero(full_stop & (marks > 0) & attached[marks])
    # Only a word no longer than the longest abbreviation can be one (lower-casing never makes
    # a word shorter), so longer words are not even cut out of the text.
    before = marks[checked] - 1
    checked = checked[ends[before] - starts[before] <= _LONGEST_ABBREVIATION]
    word = marks[checked] - 1
    # the word follows a letter run and a full stop, all touching ("e.g", "a.m", "EE.UU")
    dot, part = np.maximum(word - 1, 0), np.maximum(word - 2, 0)
    dotted = (word >= 2) & attached[word] & attached[dot] & (codes[starts[dot]] == ord("."))
    dotted &= ends[part] - starts[part] <= 2  # "EE.UU", not a domain ("nos.nl", "X.com")
    keep = np.ones(len(marks), dtype=bool)
    # a list number opens its line, or follows a colon or a sentence's end ("demands: 1. The
    # army must leave. 2. Prisoners ...")
    listed = line_first[word] | ((word >= 1) & np.isin(codes[starts[dot]], _codes(LIST_OPENERS)))
    flags = (dotted.astype(np.int64) * 2 + listed).tolist()
    after = following[checked]
    verdicts = []
    spans = zip(starts[word].tolist(), ends[word].tolist(), flags, strict=True)
    for i, (a, b, flag) in enumerate(spans):
        text = joined[a:b]
        exempt = _exempt(text, flag)  # cached: the same words come back
        if exempt is None:  # it depends on the next token
            exempt = _exempt_before(text, joined[starts[after[i]] : ends[after[i]]])
        verdicts.append(not exempt)
    keep[checked] = verdicts
    return following[keep].astype(np.int64)


_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS | BEFORE_NUMBERS | CAPITALISED))


@cache
def _codes(chars: frozenset[str]) -> npt.NDArray[np.uint32]:
    return np.array(sorted(ord(c) for c in chars), dtype=np.uint32)


def _word_start(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    """Letters and digits (a token that goes on a word: "BBC" in "www.BBC")."""
    out = ((codes >= ord("a")) & (codes <= ord("z"))) | ((codes >= ord("A")) & (codes <= ord("Z")))
    out |= (codes >= ord("0")) & (codes <= ord("9"))
    fill_non_ascii(out, codes, lambda code: chr(code).isalnum())
    return out


def _lower(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    out = (codes >= ord("a")) & (codes <= ord("z"))
    fill_non_ascii(out, codes, lambda code: chr(code).islower())
    return out


def fill_non_ascii(out: npt.NDArray[Any], codes: npt.NDArray[np.uint32], of: Any) -> None:
    """Set ``out`` at non-ASCII ``codes`` to ``of(code)``, computed once per distinct code."""
    others = np.flatnonzero(codes >= 128)
    if len(others):
        unique, inverse = np.unique(codes[others], return_inverse=True)
        out[others] = np.array([of(int(c)) for c in unique], dtype=out.dtype)[inverse.reshape(-1)]


@lru_cache(maxsize=1 << 16)
def _exempt(word: str, flags: int) -> bool | None:
    """Whether a full stop after ``word`` does not end a sentence; None when that depends on
    the next token (``_exempt_before``).

    ``flags``: 2 when the word ends a dotted abbreviation ("e.g", "a.m", "U.S", "EE.UU",
    "m.b.t"), plus 1 when it opens its line or follows a colon or a terminator (a list number:
    "1. The army advanced.", "demands: 1. The army ...").
    """
    if word.isdigit():
        return True if flags & 1 and len(word) <= 3 else None  # else maybe "24. Februar"
    if (flags & 2 and len(word) <= 2 and word.isalpha()) or (len(word) == 1 and word.isupper()):
        return True  # the end of a dotted abbreviation, or an initial ("J. Smith")
    lower = word.lower()
    if lower in BEFORE_NUMBERS:
        return None
    if lower in CAPITALISED:
        return word[0].isupper()
    return lower in ABBREVIATIONS


def _exempt_before(word: str, after: str) -> bool:
    """``_exempt`` for a word whose verdict depends on the token ``after`` it: a day before a
    German month ("am 24. Februar"), or a word that abbreviates before numbers ("No. 5")."""
    if word.isdigit():
        return len(word) <= 2 and after.lower() in MONTHS
    return after[:1].isdigit() and word != "no"  # "No. 10", but "They said no. 10 died."
